"""The photo cache: an unchanged photo is never encoded twice; a change of photo or setting is."""

from __future__ import annotations

import json
import os
from pathlib import Path

from bantin.images.cache import MANIFEST, PhotoCache
from bantin.images.settings import PhotoSettings

from tests.photokit import camera_photo


def _photo(tmp_path: Path, name: str = "tiep-dan.jpg", seed: int = 1) -> Path:
    return camera_photo(tmp_path / "src" / name, (1000, 750), orientation=1, seed=seed)


def test_second_build_encodes_nothing(tmp_path: Path) -> None:
    source = _photo(tmp_path)
    first = PhotoCache(tmp_path / "cache", PhotoSettings())
    made = first.photo(source)
    assert first.encoded == 1
    assert made.width == 1000 and [v.width for v in made.of_format("webp")] == [480, 800, 1000]
    again = PhotoCache(tmp_path / "cache", PhotoSettings())  # a new build
    assert again.photo(source) == made
    assert again.encoded == 0
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*")}
    PhotoCache(tmp_path / "cache", PhotoSettings()).photo(source)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*")} == stamps


def test_same_photo_twice_in_one_build_is_one_set(tmp_path: Path) -> None:
    source = _photo(tmp_path)
    copy = tmp_path / "src" / "ban-sao.jpg"
    copy.write_bytes(source.read_bytes())
    cache = PhotoCache(tmp_path / "cache", PhotoSettings())
    assert cache.photo(source) is cache.photo(copy)
    assert cache.encoded == 1


def test_changed_photo_is_encoded_again_under_new_names(tmp_path: Path) -> None:
    source = _photo(tmp_path)
    cache = PhotoCache(tmp_path / "cache", PhotoSettings())
    before = cache.photo(source)
    camera_photo(source, (1000, 750), orientation=1, seed=2)  # staff replace the photo
    later = PhotoCache(tmp_path / "cache", PhotoSettings())
    after = later.photo(source)
    assert later.encoded == 1
    assert after.key != before.key
    assert {v.name for v in after.files()}.isdisjoint(v.name for v in before.files())


def test_changed_setting_is_encoded_again(tmp_path: Path) -> None:
    source = _photo(tmp_path)
    PhotoCache(tmp_path / "cache", PhotoSettings()).photo(source)
    for settings in (PhotoSettings(webp_quality=60), PhotoSettings(widths=(320, 640))):
        cache = PhotoCache(tmp_path / "cache", settings)
        photo = cache.photo(source)
        assert cache.encoded == 1
        assert [v.width for v in photo.of_format("jpg")] == [
            w for w in (*settings.widths, 1000) if w <= 1000
        ][: len(photo.of_format("jpg"))]


def test_a_damaged_cache_entry_is_made_again(tmp_path: Path) -> None:
    source = _photo(tmp_path)
    photo = PhotoCache(tmp_path / "cache", PhotoSettings()).photo(source)
    folder = tmp_path / "cache" / photo.key
    (folder / photo.variants[0].name).unlink()
    cache = PhotoCache(tmp_path / "cache", PhotoSettings())
    assert cache.photo(source) == photo
    assert cache.encoded == 1
    (folder / MANIFEST).write_text("{not json", encoding="utf-8")
    cache = PhotoCache(tmp_path / "cache", PhotoSettings())
    assert cache.photo(source) == photo and cache.encoded == 1
    assert json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["width"] == 1000


def test_names_are_readable_and_keyed(tmp_path: Path) -> None:
    source = _photo(tmp_path, "Ảnh tiếp dân 01.JPG")
    photo = PhotoCache(tmp_path / "cache", PhotoSettings()).photo(source)
    assert photo.of_format("webp")[0].name == f"anh-tiep-dan-01-{photo.key[:8]}-480.webp"
    assert photo.share.name.endswith("-chia-se.jpg")


def test_a_warm_build_reads_no_photo(tmp_path: Path) -> None:
    sources = [_photo(tmp_path, f"anh-{i}.jpg", seed=i) for i in range(2)]
    first = PhotoCache(tmp_path / "cache", PhotoSettings())
    first.photos(sources)
    assert first.read == 2 and first.encoded == 2
    warm = PhotoCache(tmp_path / "cache", PhotoSettings())
    made = warm.photos(sources)
    assert warm.read == 0 and warm.encoded == 0
    assert made[sources[0]] == first.photo(sources[0])
    # Touched or replaced: read again (and encoded again only when the bytes changed).
    os.utime(sources[0], ns=(1, 1))
    camera_photo(sources[1], (1000, 750), orientation=1, seed=9)
    later = PhotoCache(tmp_path / "cache", PhotoSettings())
    later.photos(sources)
    assert later.read == 2 and later.encoded == 1
