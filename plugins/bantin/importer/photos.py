"""Photos from Word files and saved pages, in a format every phone's browser shows.

JPEG, PNG, GIF and WebP are kept byte for byte; BMP and TIFF (what Word
keeps of a scanned or pasted picture) become PNG. Anything else (EMF/WMF
drawings, HEIC from an iPhone) is refused with a message that says how to
export it.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

KEEP = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
CONVERT = {"BMP", "TIFF", "DIB", "PPM", "TGA", "PCX", "ICO"}
_NAMES = {"image/x-emf": "EMF", "image/x-wmf": "WMF", "image/emf": "EMF", "image/wmf": "WMF"}


class PhotoError(ValueError):
    """A photo that cannot be published; ``str(exc)`` is Vietnamese."""


def prepare(data: bytes, shown: str, content_type: str = "") -> tuple[str, bytes]:
    """(file suffix, bytes) of a photo ready to publish, or :class:`PhotoError`."""
    kind = _NAMES.get(content_type.lower())
    if kind is None and data[:4] in (b"\x01\x00\x00\x00", b"\xd7\xcd\xc6\x9a"):
        kind = "EMF" if data[:4] == b"\x01\x00\x00\x00" else "WMF"
    if kind:
        raise PhotoError(
            f"ảnh “{shown}” là hình vẽ {kind} của Word, trình duyệt không hiện được. "
            "Trong Word, bấm chuột phải vào hình → Lưu dưới dạng ảnh (Save as Picture) → PNG, "
            "rồi chèn lại ảnh PNG đó."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format or ""
                image.load()
                if image_format in KEEP:
                    return KEEP[image_format], data
                if image_format in CONVERT:
                    output = io.BytesIO()
                    converted = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                    converted.save(output, "PNG", optimize=True)
                    return ".png", output.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        image_format = ""
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        image_format = "HEIC"
    what = (
        f"định dạng {image_format}" if image_format else "định dạng không đọc được (hoặc tệp hỏng)"
    )
    raise PhotoError(
        f"ảnh “{shown}” có {what}. Mở ảnh bằng trình xem ảnh và lưu lại dạng JPEG "
        "(.jpg) hoặc PNG, rồi nhập lại."
    )
