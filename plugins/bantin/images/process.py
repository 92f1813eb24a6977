"""The Pillow pipeline: decode once, turn upright, resize, encode without metadata.

What is kept: the pixels turned the way the camera was held (EXIF orientation
applied) and the colour profile (ICC), so colours look as the camera meant.
What is dropped: everything else the camera wrote, GPS position and phone
model included (EXIF, XMP, comments). Copies are never larger than the source.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import cast

from PIL import Image, ImageCms, ImageOps

from .model import Variant
from .settings import PhotoSettings

# EXIF orientations that swap width and height.
_TRANSPOSED = {5, 6, 7, 8}
_ORIENTATION = 0x0112


class PhotoError(ValueError):
    """A photo Pillow cannot read; the message is for staff, in Vietnamese."""


@dataclass(frozen=True)
class Prepared:
    """A decoded photo, upright, in RGB or RGBA, with its colour profile."""

    image: Image.Image
    icc: bytes | None
    width: int  # upright size of the source (before any draft reduction)
    height: int

    @property
    def has_alpha(self) -> bool:
        return self.image.mode == "RGBA"


def upright_size(image: Image.Image) -> tuple[int, int]:
    """Width and height as the photo is seen, orientation applied."""
    orientation = image.getexif().get(_ORIENTATION, 1)
    w, h = image.size
    return (h, w) if orientation in _TRANSPOSED else (w, h)


def prepare(data: bytes, *, need_width: int | None = None) -> Prepared:
    """Decode ``data``; when ``need_width`` is given, JPEG decoding may skip detail beyond it.

    (libjpeg scales by 1/2, 1/4, 1/8 while decoding: a 4000 px camera photo
    needed at 1600 px decodes at 2000 px, much faster.)
    """
    try:
        image: Image.Image = Image.open(io.BytesIO(data))
        width, height = upright_size(image)
        if getattr(image, "is_animated", False):
            raise PhotoError("ảnh động (nhiều khung hình) không xử lý được; hãy dùng ảnh tĩnh.")
        if need_width and image.format == "JPEG" and width > need_width:
            scale = need_width / width
            stored = image.size
            image.draft("RGB", (int(stored[0] * scale) + 1, int(stored[1] * scale) + 1))
        image.load()
    except PhotoError:
        raise
    except Exception as exc:  # Pillow raises many kinds for damaged files
        raise PhotoError(
            f"không đọc được ảnh (tệp hỏng hoặc chưa chép xong: {exc.__class__.__name__}). "
            "Mở thử ảnh trên máy; nếu không mở được, chép lại ảnh từ điện thoại hoặc xuất lại "
            "ảnh JPEG từ trình chỉnh ảnh."
        ) from None
    icc = image.info.get("icc_profile") or None
    image = ImageOps.exif_transpose(image)
    if image.mode == "CMYK":
        # CMYK data with a CMYK profile: convert to sRGB properly, then no profile is needed.
        if icc:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            # Returns None only when converting in place, which is not asked for here.
            image = cast(
                Image.Image,
                ImageCms.profileToProfile(
                    image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
                ),
            )
        else:
            image = image.convert("RGB")
        icc = None
    elif image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        alpha = cast(tuple[tuple[int, int], ...], image.getextrema())[3]
        if alpha[0] == 255:  # alpha channel present but fully opaque
            image = image.convert("RGB")
    elif image.mode != "RGB":
        if image.mode.startswith("I;16") or image.mode in ("I", "F"):
            image = image.convert("I").point(lambda v: v / 256).convert("L")
        image = image.convert("RGB")
    else:
        image = image.copy()
    image.info.clear()  # nothing of the source's metadata travels with the pixels
    return Prepared(image, icc, width, height)


def widths_for(source_width: int, settings: PhotoSettings) -> tuple[int, ...]:
    """The configured widths below the source's, plus the source's own when it is smaller
    than the largest: a photo is never enlarged."""
    below = [w for w in settings.widths if w < source_width]
    top = min(source_width, settings.largest)
    return tuple(sorted({*below, top}))


def resized(prepared: Prepared, width: int, shape: tuple[int, int] | None = None) -> Image.Image:
    """``prepared`` at ``width``; the height follows ``shape`` (the source's proportions)."""
    image = prepared.image
    if width >= image.width:
        return image
    w, h = shape or image.size
    height = max(1, round(h * width / w))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def encode(image: Image.Image, fmt: str, quality: int, icc: bytes | None) -> bytes:
    """Encode without any metadata but the colour profile."""
    out = io.BytesIO()
    common = {"icc_profile": icc} if icc else {}
    if fmt == "jpg":
        if image.mode != "RGB":
            image = image.convert("RGB")
        image.save(
            out, "JPEG", quality=quality, optimize=True, progressive=True, exif=b"", **common
        )
    elif fmt == "webp":
        image.save(out, "WEBP", quality=quality, method=4, exif=b"", xmp=b"", **common)
    elif fmt == "avif":
        image.save(out, "AVIF", quality=quality, speed=6, exif=b"", xmp=b"", **common)
    elif fmt == "png":
        image.save(out, "PNG", optimize=True, **common)
    else:  # pragma: no cover - the formats are fixed above
        raise ValueError(fmt)
    return out.getvalue()


def share_card(prepared: Prepared, width: int, height: int) -> Image.Image:
    """The social-network preview: the photo cropped to ``width``×``height``.

    The crop keeps a little more of the top than of the bottom: people's faces
    in event photos are usually in the upper half.
    """
    image = prepared.image
    if image.mode == "RGBA":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    return ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS, centering=(0.5, 0.4))


def render(
    data: bytes, settings: PhotoSettings, stem: str
) -> tuple[
    int, int, list[tuple[Variant, bytes]], tuple[Variant, bytes], tuple[Variant, bytes] | None
]:
    """Every copy of one photo: (width, height, variants, share card, original or None)."""
    need = None if settings.originals else max(settings.largest, settings.share_width)
    prepared = prepare(data, need_width=need)
    fallback = "png" if prepared.has_alpha else "jpg"
    formats = (["avif"] if settings.avif else []) + ["webp", fallback]
    quality = {
        "avif": settings.avif_quality,
        "webp": settings.webp_quality,
        "jpg": settings.jpeg_quality,
        "png": 0,
    }
    made: list[tuple[Variant, bytes]] = []
    # Largest first; each smaller copy is resized from the largest copy, not from
    # the 12-megapixel source: the same sharpness for a fraction of the work.
    widths = sorted(widths_for(prepared.width, settings), reverse=True)
    largest = resized(prepared, widths[0])
    base = Prepared(largest, prepared.icc, largest.width, largest.height)
    for width in widths:
        shape = (prepared.width, prepared.height)
        image = largest if width == widths[0] else resized(base, width, shape)
        for fmt in formats:
            name = f"{stem}-{image.width}.{fmt}"
            variant = Variant(name, image.width, image.height, fmt)
            made.append((variant, encode(image, fmt, quality[fmt], prepared.icc)))
    variants = sorted(made, key=lambda item: (item[0].width, item[0].format))
    card = share_card(prepared, settings.share_width, settings.share_height)
    share = (
        Variant(f"{stem}-chia-se.jpg", card.width, card.height, "jpg"),
        encode(card, "jpg", 82, prepared.icc),
    )
    original = None
    if settings.originals:
        fmt = "png" if prepared.has_alpha else "jpg"
        image = prepared.image
        original = (
            Variant(f"{stem}-goc.{fmt}", image.width, image.height, fmt),
            encode(image, fmt, settings.original_quality, prepared.icc),
        )
    return prepared.width, prepared.height, variants, share, original


def stripped_copy(data: bytes, fmt: str, quality: int = 90) -> bytes:
    """The same photo at full size in its own format, upright and without metadata.

    For images under ``docs/`` that MkDocs publishes as they are.
    """
    prepared = prepare(data)
    if fmt == "jpg" and prepared.has_alpha:
        fmt = "png"
    return encode(prepared.image, fmt, quality, prepared.icc)
