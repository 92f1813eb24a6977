"""The photo pipeline without a site: sizes, formats, metadata, orientation, colour profile."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bantin.images.process import PhotoError, prepare, render, stripped_copy, widths_for
from bantin.images.settings import PhotoSettings
from PIL import Image

from tests.photokit import GPS_IFD, PHONE_MODEL, camera_photo, metadata_of


@pytest.fixture(scope="module")
def camera(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return camera_photo(tmp_path_factory.mktemp("photos") / "camera.jpg", orientation=6)


@pytest.fixture(scope="module")
def rendered(camera: Path):
    """The camera photo through the default pipeline once for the module."""
    return render(camera.read_bytes(), PhotoSettings(), "camera-abc")


def test_the_test_photo_carries_what_a_phone_writes(camera: Path) -> None:
    meta = metadata_of(camera)
    assert meta["exif"][0x0110] == PHONE_MODEL
    assert meta["gps"][2] == (21.0, 2.0, 40.5)
    assert meta["size"] == (4000, 3000)


def test_widths_are_never_enlarged() -> None:
    settings = PhotoSettings()
    assert widths_for(4000, settings) == (480, 800, 1200, 1600)
    assert widths_for(1000, settings) == (480, 800, 1000)
    assert widths_for(480, settings) == (480,)
    assert widths_for(300, settings) == (300,)


def test_every_copy_is_upright_sized_and_without_metadata(rendered, tmp_path: Path) -> None:
    width, height, variants, share, original = rendered
    # Orientation 6: the camera was held upright, the pixels are stored lying down.
    assert (width, height) == (3000, 4000)
    assert original is None
    made = {(v.width, v.format) for v, _ in variants}
    assert made == {(w, f) for w in (480, 800, 1200, 1600) for f in ("webp", "jpg")}
    for variant, body in [*variants, share]:
        path = tmp_path / variant.name
        path.write_bytes(body)
        meta = metadata_of(path)
        assert meta["exif"] == {}, variant.name
        assert meta["gps"] == {}
        assert not meta["xmp"] and not meta["comment"]
        assert PHONE_MODEL.encode() not in body and b"Samsung" not in body
        assert meta["icc"], f"{variant.name} lost its colour profile"
        assert meta["size"] == (variant.width, variant.height)
    v480 = next(v for v, _ in variants if v.width == 480)
    assert v480.height == 640  # portrait, as held
    assert (share[0].width, share[0].height) == (1200, 630)


def test_the_red_corner_is_where_the_viewer_sees_it(rendered) -> None:
    """Orientation 6 turns the stored top-left corner to the top-right."""
    _, _, variants, _, _ = rendered
    body = next(b for v, b in variants if v.width == 480 and v.format == "jpg")
    image = Image.open(io.BytesIO(body)).convert("RGB")
    top_right = image.getpixel((image.width - 10, 10))
    top_left = image.getpixel((10, 10))
    assert top_right[0] > 200 and top_right[1] < 80, top_right
    assert not (top_left[0] > 200 and top_left[1] < 80)


def test_copies_are_small_enough_for_phones(rendered) -> None:
    _, _, variants, _, _ = rendered
    sizes = {(v.width, v.format): len(b) for v, b in variants}
    assert sizes[(800, "webp")] < 120_000
    assert sizes[(800, "webp")] < sizes[(800, "jpg")]


def test_originals_are_full_size_and_stripped(camera: Path, tmp_path: Path) -> None:
    _, _, _, _, original = render(camera.read_bytes(), PhotoSettings(originals=True), "x")
    assert original is not None
    path = tmp_path / original[0].name
    path.write_bytes(original[1])
    meta = metadata_of(path)
    assert meta["size"] == (3000, 4000) and meta["exif"] == {} and meta["gps"] == {}


def test_avif_when_asked(tmp_path: Path) -> None:
    small = camera_photo(tmp_path / "small.jpg", (900, 600), orientation=1)
    _, _, variants, _, _ = render(small.read_bytes(), PhotoSettings(avif=True), "x")
    assert {v.format for v, _ in variants} == {"avif", "webp", "jpg"}
    avif = next(b for v, b in variants if v.format == "avif")
    assert Image.open(io.BytesIO(avif)).format == "AVIF"


def test_transparent_png_keeps_transparency(tmp_path: Path) -> None:
    image = Image.new("RGBA", (600, 400), (0, 128, 0, 0))
    image.paste((200, 0, 0, 255), (100, 100, 300, 300))
    out = io.BytesIO()
    image.save(out, "PNG")
    _, _, variants, share, _ = render(out.getvalue(), PhotoSettings(), "logo")
    assert {v.format for v, _ in variants} == {"webp", "png"}
    webp = Image.open(io.BytesIO(next(b for v, b in variants if v.format == "webp")))
    assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0
    assert Image.open(io.BytesIO(share[1])).mode == "RGB"


def test_stripped_copy_keeps_format_and_size(camera: Path, tmp_path: Path) -> None:
    body = stripped_copy(camera.read_bytes(), "jpg")
    path = tmp_path / "docs.jpg"
    path.write_bytes(body)
    meta = metadata_of(path)
    assert meta["format"] == "JPEG" and meta["size"] == (3000, 4000)
    assert meta["exif"] == {} and meta["gps"] == {}


def test_a_damaged_photo_is_a_clear_error() -> None:
    with pytest.raises(PhotoError, match="không đọc được ảnh"):
        prepare(b"\xff\xd8\xff\xe0" + b"\x00" * 100)


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="chất lượng"):
        PhotoSettings(webp_quality=0)
    assert PhotoSettings(widths=(800, 480, 800)).widths == (480, 800)
    assert GPS_IFD == 0x8825
