"""What the photo pipeline makes, as one value that also keys the cache."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

import PIL

# Bump when the pipeline changes what it writes for the same settings.
PIPELINE_VERSION = 2

# Formats Pillow decodes and bantin re-encodes; GIF (animation) and SVG are published as they are.
PROCESSED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif")


@dataclass(frozen=True)
class PhotoSettings:
    """Widths and qualities of the published copies.

    AVIF is off by default: on camera photos it saved about 10 % over WebP at
    equal quality and took 10-20 times as long to encode (see README).
    """

    widths: tuple[int, ...] = (480, 800, 1200, 1600)
    webp_quality: int = 72
    jpeg_quality: int = 78
    avif: bool = False
    avif_quality: int = 50
    share_width: int = 1200
    share_height: int = 630
    originals: bool = False
    original_quality: int = 90

    def __post_init__(self) -> None:
        widths = tuple(sorted(set(self.widths)))
        if not widths or widths[0] < 16:
            raise ValueError("photos.widths: cần ít nhất một chiều rộng từ 16 px trở lên.")
        for name in ("webp_quality", "jpeg_quality", "avif_quality", "original_quality"):
            value = getattr(self, name)
            if not 1 <= value <= 100:
                raise ValueError(
                    f"photos.{name}: chất lượng phải từ 1 đến 100, không phải {value}."
                )
        object.__setattr__(self, "widths", widths)

    @property
    def largest(self) -> int:
        return self.widths[-1]

    def fingerprint(self) -> str:
        """Changes whenever a published byte could change: settings, pipeline, Pillow."""
        data = {**asdict(self), "pipeline": PIPELINE_VERSION, "pillow": PIL.__version__}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
