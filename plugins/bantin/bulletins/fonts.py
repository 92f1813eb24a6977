"""The site's own fonts, made fit for a PDF.

The site serves Be Vietnam Pro split by ``unicode-range`` (a "latin" and a
"vietnamese" file per weight), which is right for browsers. A PDF needs one
font per weight and style: two files with the same internal name embedded
side by side come out as garbled letters. So the subsets of each face are
merged with fontTools into one TrueType font, once, and kept in the cache
(named by the hash of the files it was made from).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.files import atomic_write_bytes

_FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}", re.S)
_DECL = re.compile(r"(?P<name>[a-z-]+)\s*:\s*(?P<value>[^;]+);?")
_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class FontMissing(Exception):
    """A font file the site names is not there; the message is Vietnamese."""


@dataclass(frozen=True)
class Face:
    family: str
    weight: str
    style: str
    sources: tuple[Path, ...]


def read_faces(css_path: Path) -> list[Face]:
    """The ``@font-face`` rules of a stylesheet, subsets of one face grouped together."""
    if not css_path.is_file():
        raise FontMissing(f"thiếu tệp khai báo phông chữ {css_path.name} ({css_path}).")
    groups: dict[tuple[str, str, str], list[Path]] = {}
    for match in _FACE.finditer(css_path.read_text(encoding="utf-8")):
        decls = {m["name"]: m["value"].strip() for m in _DECL.finditer(match["body"])}
        family = decls.get("font-family", "").strip("\"' ")
        urls = _URL.findall(decls.get("src", ""))
        if not family or not urls:
            continue
        key = (family, decls.get("font-weight", "400"), decls.get("font-style", "normal"))
        groups.setdefault(key, []).append((css_path.parent / urls[0]).resolve())
    return [Face(f, w, s, tuple(paths)) for (f, w, s), paths in groups.items()]


def merged_font(face: Face, cache_dir: Path) -> Path:
    """One TrueType file with every subset of ``face`` (made once, then read from the cache)."""
    missing = [path.name for path in face.sources if not path.is_file()]
    if missing:
        raise FontMissing("thiếu tệp phông chữ " + ", ".join(missing) + ".")
    digest = hashlib.sha256()
    for path in face.sources:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    target = cache_dir / f"{digest.hexdigest()[:24]}.ttf"
    if target.is_file():
        return target
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    cache_dir.mkdir(parents=True, exist_ok=True)
    plain = []
    for index, path in enumerate(face.sources):
        font = TTFont(path)
        font.flavor = None  # woff2 -> TrueType, which the merger reads
        tmp = cache_dir / f".{target.stem}-{index}.{os.getpid()}.ttf"
        font.save(tmp)
        plain.append(tmp)
    try:
        merged = Merger().merge([str(p) for p in plain]) if len(plain) > 1 else TTFont(plain[0])
        out = io.BytesIO()
        merged.save(out)
        atomic_write_bytes(target, out.getvalue(), sync=False)
    finally:
        for tmp in plain:
            tmp.unlink(missing_ok=True)
    return target


def pdf_font_css(css_path: Path, cache_dir: Path) -> str:
    """``@font-face`` rules for WeasyPrint: one merged file per family, weight and style."""
    rules = []
    for face in read_faces(css_path):
        path = merged_font(face, cache_dir)
        rules.append(
            "@font-face { "
            f'font-family: "{face.family}"; font-weight: {face.weight}; '
            f"font-style: {face.style}; "
            f'src: url("{path.as_uri()}"); }}'
        )
    return "\n".join(rules)
