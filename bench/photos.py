"""Benchmark: the photo pipeline on phone camera photos (4000×3000 JPEG, EXIF with GPS).

Measured in one run, against a floor measured in the same run (reading and
hashing the same files, which every build does):

* cold, one photo after another (``PhotoCache.photo``);
* cold, the batch the build uses (``PhotoCache.photos``: new photos in threads;
  Pillow releases the GIL while it resizes and encodes);
* warm: a second build over the same cache (must encode nothing);
* the bytes a 360 px DPR 2 phone fetches (the 800 px WebP) against the source.

    python bench/photos.py [--photos 6] [--avif]

Prints seconds, ratios and sizes. Nothing is asserted but the warm run encoding nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bantin.images.cache import PhotoCache
from bantin.images.settings import PhotoSettings

from tests.photokit import camera_photo


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=6)
    parser.add_argument("--avif", action="store_true", help="also encode AVIF")
    args = parser.parse_args()
    settings = PhotoSettings(avif=args.avif)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = [
            camera_photo(folder / f"anh-{i}.jpg", orientation=1 if i % 2 else 6, seed=i)
            for i in range(args.photos)
        ]
        source_bytes = sum(p.stat().st_size for p in sources)
        floor = timed(lambda: [hashlib.sha256(p.read_bytes()).digest() for p in sources])
        one = PhotoCache(folder / "one", settings)
        sequential = timed(lambda: [one.photo(p) for p in sources])
        batch = PhotoCache(folder / "batch", settings)
        parallel = timed(lambda: batch.photos(sources))
        warm_cache = PhotoCache(folder / "batch", settings)
        warm = timed(lambda: warm_cache.photos(sources))
        assert warm_cache.encoded == 0, "a warm build encoded photos"
        photo = batch.photo(sources[0])
        phone = next(v for v in photo.of_format("webp") if v.width >= 720)
        phone_bytes = batch.path(photo, phone).stat().st_size
    n = args.photos
    print(
        f"{n} camera photos, {source_bytes / n / 1e6:.1f} MB each, AVIF {'on' if args.avif else 'off'}"
    )
    print(f"floor (read + hash):        {floor:7.2f} s")
    print(f"cold, one by one:           {sequential:7.2f} s  ({sequential / n:.2f} s a photo)")
    print(f"cold, batch (threads):      {parallel:7.2f} s  (x{sequential / parallel:.2f} faster)")
    print(
        f"warm (nothing to encode):   {warm:7.2f} s  ({warm / floor:.1f}x the floor, "
        f"{sequential / warm:.0f}x faster than cold)"
    )
    print(
        f"phone copy ({phone.width} px WebP): {phone_bytes / 1024:.0f} KB "
        f"of a {source_bytes / n / 1024:.0f} KB source"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
