"""Photos as phones make them, for tests: big, noisy, with GPS and the phone's model in EXIF."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, ImageFilter

GPS_IFD = 0x8825
MODEL = 0x0110
MAKE = 0x010F
ORIENTATION = 0x0112
PHONE_MODEL = "Galaxy A15 SM-A155F"


def camera_photo(
    path: Path,
    size: tuple[int, int] = (4000, 3000),
    *,
    orientation: int = 6,
    seed: int = 1,
    quality: int = 92,
) -> Path:
    """A camera-like JPEG: shapes and sensor noise (so encoders cannot cheat), EXIF with GPS
    position, make and model, an orientation tag, and an sRGB colour profile."""
    rng = random.Random(seed)
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(300):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(20, width // 12)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + r, y + r), fill=colour)
    # The top-left corner is marked red: tests find which way the photo was turned.
    draw.rectangle((0, 0, width // 8, height // 8), fill=(255, 0, 0))
    noise = Image.effect_noise(size, 40).convert("RGB")
    image = Image.blend(image, noise, 0.25).filter(ImageFilter.GaussianBlur(1))
    exif = Image.Exif()
    exif[MAKE] = "Samsung"
    exif[MODEL] = PHONE_MODEL
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (21.0, 2.0, 40.5), 3: "E", 4: (105.0, 53.0, 12.25)}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=quality, exif=exif.tobytes(), icc_profile=icc)
    return path


def metadata_of(path: Path) -> dict[str, object]:
    """What a published copy still says about itself: EXIF tags, XMP, comments."""
    with Image.open(path) as image:
        exif = image.getexif()
        return {
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(GPS_IFD)),
            "xmp": image.info.get("xmp") or image.info.get("XML:com.adobe.xmp"),
            "comment": image.info.get("comment"),
            "icc": bool(image.info.get("icc_profile")),
            "size": image.size,
            "format": image.format,
        }
