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
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..core.files import atomic_write_bytes, atomic_write_text
from ..core.text import slugify
from .model import PhotoSet, Variant
from .process import PhotoError, render, stripped_copy
from .settings import PhotoSettings

MANIFEST = "photo.json"
SOURCES = "sources.json"


def _variant(data: dict[str, Any]) -> Variant:
    return Variant(data["name"], data["width"], data["height"], data["format"])


class PhotoCache:
    """Hands out :class:`PhotoSet` s, encoding only what is not on disk yet."""

    def __init__(self, folder: Path, settings: PhotoSettings) -> None:
        self.folder = folder
        self.settings = settings
        self.fingerprint = settings.fingerprint()
        self.encoded = 0  # photos encoded by this object (the rest came from disk)
        self.read = 0  # source files read to hash them (the rest were known by size and time)
        self._lock = threading.Lock()
        self._by_key: dict[str, PhotoSet] = {}
        # Content hashes of sources by path, size and modification time: a warm build
        # (or a preview rebuild) reads no photo at all. Kept in ``sources.json``.
        self._hashes: dict[str, tuple[int, int, str]] = self._read_hashes()
        self._hashes_changed = False
        self._names: dict[Path, str] = {}  # source -> its resolved path, the key of _hashes

    def _read_hashes(self) -> dict[str, tuple[int, int, str]]:
        try:
            data = json.loads((self.folder / SOURCES).read_text(encoding="utf-8"))
            return {k: (int(v[0]), int(v[1]), str(v[2])) for k, v in data.items()}
        except (OSError, ValueError, TypeError, IndexError, AttributeError):
            return {}

    def save(self) -> None:
        """Remember the sources' hashes for the next build (only when they changed)."""
        if not self._hashes_changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        body = json.dumps({k: list(v) for k, v in sorted(self._hashes.items())}, indent=0)
        atomic_write_text(self.folder / SOURCES, body, sync=False)
        self._hashes_changed = False

    def content_hash(self, source: Path) -> tuple[str, bytes | None]:
        """SHA-256 of the file's bytes, and the bytes when they had to be read."""
        stat = source.stat()
        name = self._names.get(source)
        if name is None:
            name = self._names[source] = str(source.resolve())
        known = self._hashes.get(name)
        if known and known[:2] == (stat.st_mtime_ns, stat.st_size):
            return known[2], None
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            self.read += 1
            self._hashes[name] = (stat.st_mtime_ns, stat.st_size, digest)
            self._hashes_changed = True
        return digest, data

    def key(self, source: Path, salt: str = "") -> tuple[str, bytes | None]:
        """The cache key of a source file (its content and the settings); its bytes if read."""
        digest, data = self.content_hash(source)
        key = hashlib.sha256(f"{digest}:{self.fingerprint}:{salt}".encode()).hexdigest()[:12]
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
            with self._lock:
                self.encoded += 1
        self._by_key[key] = photo
        return photo

    def photos(self, sources: Iterable[Path], workers: int | None = None) -> dict[Path, PhotoSet]:
        """Many photos at once: new ones are encoded in parallel threads.

        Pillow releases the GIL while it decodes, resizes and encodes, so threads
        use every core. Photos with the same bytes are encoded once. A photo
        that cannot be read raises :class:`~.process.PhotoError` naming it.
        """
        unique = list(dict.fromkeys(sources))
        first: dict[str, Path] = {}
        for source in unique:
            key, _ = self.key(source)
            first.setdefault(key, source)
        missing = [
            source
            for key, source in first.items()
            if key not in self._by_key and self._load(self.folder / key, key) is None
        ]
        workers = workers or min(4, os.cpu_count() or 1)
        if len(missing) > 1 and workers > 1:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(self._photo_or_error, missing))
        found = {source: self.photo(source) for source in unique}
        self.save()
        return found

    def _photo_or_error(self, source: Path) -> None:
        """For the thread pool: errors are raised again, with the file, by :meth:`photo` later."""
        with contextlib.suppress(PhotoError, OSError):
            self.photo(source)

    def path(self, photo: PhotoSet, variant: Variant) -> Path:
        return self.folder / photo.key / variant.name

    def stripped(self, source: Path, fmt: str) -> Path:
        """A full-size copy of ``source`` without metadata, for files MkDocs copies from docs/."""
        key, data = self.key(source, salt="strip")
        target = self.folder / "strip" / f"{key}.{fmt}"
        if not target.is_file():
            body = stripped_copy(data if data is not None else source.read_bytes(), fmt)
            atomic_write_bytes(target, body, sync=False)
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
