"""The site's default share picture: the ward's logo and name on its colour.

Posts without a photo, listings and the home page show this card when a link
to them is shared on Zalo or Facebook. It is drawn with Pillow from the
site's own font files; the logo may be SVG (drawn by resvg) or a raster image.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .process import encode

# Be Vietnam Pro is published as two subsets (latin, vietnamese); the
# vietnamese file has only the letters that need it (the unicode-range of fonts.css).
VIETNAMESE_RANGES = (
    (0x0102, 0x0103),
    (0x0110, 0x0111),
    (0x0128, 0x0129),
    (0x0168, 0x0169),
    (0x01A0, 0x01A1),
    (0x01AF, 0x01B0),
    (0x0300, 0x0301),
    (0x0303, 0x0304),
    (0x0308, 0x0309),
    (0x0323, 0x0323),
    (0x0329, 0x0329),
    (0x1EA0, 0x1EF9),
    (0x20AB, 0x20AB),
)
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class CardFonts:
    """Font files: latin and vietnamese subsets, regular and bold."""

    latin: Path
    vietnamese: Path
    latin_bold: Path
    vietnamese_bold: Path


def _is_vietnamese(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in VIETNAMESE_RANGES)


class _Face:
    """One size of a font split in two files: each character drawn from the file that has it."""

    def __init__(self, latin: Path, vietnamese: Path, size: int) -> None:
        self.latin = ImageFont.truetype(str(latin), size)
        self.vietnamese = ImageFont.truetype(str(vietnamese), size)
        self.size = size

    def runs(self, text: str) -> list[tuple[ImageFont.FreeTypeFont, str]]:
        runs: list[tuple[ImageFont.FreeTypeFont, str]] = []
        for char in text:
            font = self.vietnamese if _is_vietnamese(char) else self.latin
            if runs and runs[-1][0] is font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def length(self, text: str) -> float:
        return sum(font.getlength(part) for font, part in self.runs(text))

    def draw(self, canvas: ImageDraw.ImageDraw, x: float, y: float, text: str, fill: str) -> None:
        for font, part in self.runs(text):
            canvas.text((x, y), part, font=font, fill=fill)
            x += font.getlength(part)


def wrap(text: str, face: _Face, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and face.length(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def logo_image(path: Path, size: int) -> Image.Image | None:
    """The logo as an RGBA image fitting ``size``×``size``; ``None`` when it cannot be drawn."""
    image: Image.Image
    try:
        if path.suffix.lower() == ".svg":
            import resvg_py

            png = resvg_py.svg_to_bytes(
                svg_string=path.read_text(encoding="utf-8"),
                width=size,
                height=size,
                skip_system_fonts=True,
            )
            image = Image.open(io.BytesIO(bytes(png)))
        else:
            image = Image.open(path)
        image = image.convert("RGBA")
    except Exception:  # a logo that cannot be drawn leaves the name alone on the card
        return None
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    return image


def default_card(
    title: str,
    subtitle: str,
    fonts: CardFonts,
    *,
    logo: Path | None = None,
    colour: str = "#b3121f",
    size: tuple[int, int] = (1200, 630),
) -> bytes:
    """A JPEG card: logo on the left, the ward's name (bold) and the site's name on the right."""
    width, height = size
    match = _HEX.match(colour.strip())
    background = f"#{match.group(1)}" if match else "#b3121f"
    card = Image.new("RGB", size, background)
    canvas = ImageDraw.Draw(card)
    margin = round(width * 0.07)
    text_left = margin
    drawn = logo_image(logo, round(height * 0.42)) if logo else None
    if drawn is not None:
        top = (height - drawn.height) // 2
        card.paste(drawn, (margin, top), drawn)
        text_left = margin + drawn.width + round(width * 0.05)
    text_width = width - text_left - margin
    bold = _Face(fonts.latin_bold, fonts.vietnamese_bold, round(height * 0.11))
    regular = _Face(fonts.latin, fonts.vietnamese, round(height * 0.055))
    while bold.size > 28 and len(wrap(title, bold, text_width)) > 3:
        bold = _Face(fonts.latin_bold, fonts.vietnamese_bold, bold.size - 4)
    title_lines = wrap(title, bold, text_width)[:3]
    sub_lines = wrap(subtitle, regular, text_width)[:2] if subtitle else []
    line = round(bold.size * 1.25)
    sub_line = round(regular.size * 1.4)
    gap = round(regular.size * 0.8) if sub_lines else 0
    block = line * len(title_lines) + gap + sub_line * len(sub_lines)
    y = (height - block) / 2
    for text in title_lines:
        bold.draw(canvas, text_left, y, text, "white")
        y += line
    y += gap
    for text in sub_lines:
        regular.draw(canvas, text_left, y, text, "#ffe7a3")
        y += sub_line
    # A thin band at the foot, as on the site's header.
    canvas.rectangle((0, height - round(height * 0.025), width, height), fill="#ffd54f")
    return encode(card, "jpg", 85, None)
