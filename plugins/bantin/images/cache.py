"""Processed photos kept on disk, keyed by the photo's bytes and the settings.

A rebuild with no new photo reads each source once to hash it and encodes
nothing; a changed photo or a changed setting gets a new key, so new files
with new names (the old names may stay cached by browsers for a year).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

from ..core.text import slugify
from .model import PhotoSet, Variant
from .process import render, stripped_copy
from .settings import PhotoSettings

MANIFEST = "photo.json"


def _variant(data: dict) -> Variant:
    return Variant(data["name"], data["width"], data["height"], data["format"])


class PhotoCache:
    """Hands out :class:`PhotoSet` s, encoding only what is not on disk yet."""

    def __init__(self, folder: Path, settings: PhotoSettings) -> None:
        self.folder = folder
        self.settings = settings
        self.fingerprint = settings.fingerprint()
        self.encoded = 0  # photos encoded by this object (the rest came from disk)
        self._by_key: dict[str, PhotoSet] = {}
        self._by_path: dict[Path, tuple[int, int, str]] = {}

    def key(self, source: Path, salt: str = "") -> tuple[str, bytes | None]:
        """The cache key of a source file; its bytes when they had to be read."""
        stat = source.stat()
        known = self._by_path.get(source)
        if known and known[:2] == (stat.st_mtime_ns, stat.st_size) and not salt:
            return known[2], None
        data = source.read_bytes()
        digest = hashlib.sha256(data)
        digest.update(self.fingerprint.encode() + salt.encode())
        key = digest.hexdigest()[:12]
        if not salt:
            self._by_path[source] = (stat.st_mtime_ns, stat.st_size, key)
        return key, data

    def photo(self, source: Path) -> PhotoSet:
        """Every published copy of ``source``; raises :class:`~.process.PhotoError` for a bad file."""
        key, data = self.key(source)
        if key in self._by_key:
            return self._by_key[key]
        folder = self.folder / key
        photo = self._load(folder, key)
        if photo is None:
            if data is None:
                data = source.read_bytes()
            stem = f"{(slugify(source.stem) or 'anh')[:48].rstrip('-')}-{key[:8]}"
            width, height, variants, share, original = render(data, self.settings, stem)
            photo = PhotoSet(
                key,
                width,
                height,
                tuple(v for v, _ in variants),
                share[0],
                original[0] if original else None,
            )
            files = [*variants, share, *([original] if original else [])]
            self._store(folder, photo, {v.name: b for v, b in files})
            self.encoded += 1
        self._by_key[key] = photo
        return photo

    def path(self, photo: PhotoSet, variant: Variant) -> Path:
        return self.folder / photo.key / variant.name

    def stripped(self, source: Path, fmt: str) -> Path:
        """A full-size copy of ``source`` without metadata, for files MkDocs copies from docs/."""
        key, data = self.key(source, salt="strip")
        target = self.folder / "strip" / f"{key}.{fmt}"
        if not target.is_file():
            body = stripped_copy(data if data is not None else source.read_bytes(), fmt)
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(target, body)
            self.encoded += 1
        return target

    def _load(self, folder: Path, key: str) -> PhotoSet | None:
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            photo = PhotoSet(
                key,
                data["width"],
                data["height"],
                tuple(_variant(v) for v in data["variants"]),
                _variant(data["share"]),
                _variant(data["original"]) if data.get("original") else None,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not all((folder / v.name).is_file() for v in photo.files()):
            return None
        return photo

    def _store(self, folder: Path, photo: PhotoSet, files: dict[str, bytes]) -> None:
        """Write into a temporary folder and rename it into place: never a half-written set."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.folder))
        try:
            for name, body in files.items():
                (temp / name).write_bytes(body)
            manifest = asdict(photo)
            del manifest["key"]
            (temp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            if folder.exists():  # a damaged earlier entry
                shutil.rmtree(folder, ignore_errors=True)
            with contextlib.suppress(OSError):  # another build stored the same photo first
                os.replace(temp, folder)
        finally:
            shutil.rmtree(temp, ignore_errors=True)


def _write_atomic(target: Path, body: bytes) -> None:
    temp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    temp.write_bytes(body)
    os.replace(temp, target)
