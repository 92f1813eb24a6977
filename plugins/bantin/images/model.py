"""What a processed photo is published as."""

from __future__ import annotations

from dataclasses import dataclass

MIME = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png", "avif": "image/avif"}


@dataclass(frozen=True)
class Variant:
    """One published file: ``name`` is its file name in the photo folder."""

    name: str
    width: int
    height: int
    format: str  # "webp", "jpg", "png" or "avif"

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True)
class PhotoSet:
    """Every published copy of one source photo (same content, same settings).

    ``key`` is derived from the photo's bytes and the settings, so the file
    names change whenever their content may: safe to cache for a year.
    """

    key: str
    width: int
    height: int
    variants: tuple[Variant, ...]
    share: Variant
    original: Variant | None = None

    def of_format(self, fmt: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.format == fmt)

    @property
    def formats(self) -> tuple[str, ...]:
        """Formats in preference order, the fallback (``<img>``'s own) last."""
        found = {v.format for v in self.variants}
        return tuple(f for f in ("avif", "webp", "png", "jpg") if f in found)

    @property
    def fallback(self) -> tuple[Variant, ...]:
        return self.of_format(self.formats[-1])

    @property
    def largest(self) -> Variant:
        """The biggest copy in the first (smallest) modern format: what the lightbox shows."""
        modern = [f for f in self.formats if f in ("webp", "avif")]
        return self.of_format("webp" if "webp" in modern else self.formats[-1])[-1]

    @property
    def download(self) -> Variant:
        """What a plain link to the photo gets: the stripped original, or the largest fallback."""
        return self.original or self.fallback[-1]

    def smallest_at_least(self, width: int) -> Variant:
        fallback = self.fallback
        return next((v for v in fallback if v.width >= width), fallback[-1])

    def files(self) -> tuple[Variant, ...]:
        extra = (self.share,) + ((self.original,) if self.original else ())
        return self.variants + extra
