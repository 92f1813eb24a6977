"""Importing a batch of files: walk folders, read each file, write each post, report.

One file's failure never stops the batch and never leaves anything half
written: each file is read fully, then its photos and its post are written
atomically; on any error the files it wrote are removed again.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..core.dates import VIETNAM
from ..core.files import atomic_write_bytes, atomic_write_text, is_leftover
from . import blocks as page_blocks
from .decode import decode_bytes
from .model import Article, ImportFailure, Photo
from .photos import PhotoError, prepare
from .portal import extract
from .wordfile import read_docx
from .writer import (
    ImportedPosts,
    Rendered,
    file_hash,
    free_path,
    post_stem,
    render_post,
)

PAGE_SUFFIXES = (".txt", ".htm", ".html", ".xhtml", ".shtml", ".aspx", ".php", ".asp", ".jsp")
WORD_SUFFIXES = (".docx", ".doc", ".docm")
PHOTO_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".bmp",
    ".tif",
    ".tiff",
    ".heic",
    ".emf",
    ".wmf",
)
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class FileReport:
    """What happened to one file.

    ``status``: imported, updated (``--force``), unchanged, kept (imported before and
    changed since), duplicate (the same article from another file), skipped or failed.
    """

    source: str
    status: str
    post: str = ""
    title: str = ""
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportOptions:
    out_dir: Path
    category: str | None = None
    categories: tuple[str, ...] = ()
    url_map: dict[str, str] = field(default_factory=dict)
    force: bool = False
    now: datetime | None = None


def read_url_map(path: Path) -> dict[str, str]:
    """``file,url`` rows (a header row is allowed) as {file name or path: old URL}."""
    text = decode_bytes(path.read_bytes(), str(path))
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [c.strip() for c in row]
        if len(cells) < 2 or not cells[0] or cells[0].startswith("#"):
            continue
        if number == 1 and not cells[1].startswith(("http", "/")) and "." not in cells[1]:
            continue  # header row: tep,dia_chi
        mapping[cells[0]] = cells[1]
        mapping.setdefault(PurePosixPath(cells[0].replace("\\", "/")).name, cells[1])
    return mapping


def collect(paths: Iterable[Path]) -> tuple[list[tuple[Path, Path]], list[FileReport]]:
    """Every importable file under the given files and folders, with the argument it came from."""
    files: list[tuple[Path, Path]] = []
    skipped: list[FileReport] = []
    for path in paths:
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                # A browser's "save complete page" folder holds the page's images and scripts.
                dirnames[:] = sorted(
                    d for d in dirnames if not d.startswith(".") and not d.endswith("_files")
                )
                for name in sorted(filenames):
                    if name.startswith(".") or is_leftover(name):
                        continue
                    candidate = Path(dirpath, name)
                    suffix = candidate.suffix.lower()
                    if suffix in PAGE_SUFFIXES + WORD_SUFFIXES:
                        files.append((candidate, path))
                    elif suffix in PHOTO_SUFFIXES:
                        skipped.append(
                            FileReport(
                                shown_name(candidate, path),
                                "skipped",
                                found=[
                                    "tệp ảnh riêng lẻ, không phải bài viết; ảnh được nhập cùng "
                                    "tệp Word hoặc trang web chứa nó."
                                ],
                            )
                        )
        elif path.exists():
            files.append((path, path))
        else:
            skipped.append(
                FileReport(str(path), "failed", problems=["không tìm thấy tệp hay thư mục này."])
            )
    return files, skipped


def shown_name(path: Path, argument: Path) -> str:
    """How a file is named in reports and in its post: from the working folder when inside it,
    else from the folder given on the command line (``seeds/000.txt``)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        pass
    anchor = argument.resolve().parent
    try:
        return path.resolve().relative_to(anchor).as_posix()
    except ValueError:
        return path.name


def _page_photos(article: Article, page: Path) -> tuple[Article, list[str]]:
    """Photos of a page saved "complete" (its ``_files`` folder, or inline base64), as post photos."""
    photos = list(article.photos)
    problems: list[str] = []
    blocks = []
    for block in article.blocks:
        if block.kind != "image":
            blocks.append(block)
            continue
        source = block.source.split("?", 1)[0]
        if source.startswith("data:image/") and ";base64," in source:
            try:
                raw = base64.b64decode(source.split(",", 1)[1], validate=False)
            except ValueError:
                raw = b""
            shown = f"{page.name}: ảnh thứ {len(photos) + len(problems) + 1}"
        else:
            candidate = (page.parent / unquote(source)).resolve()
            if (
                "://" in source
                or source.startswith("/")
                or not candidate.is_file()
                or not candidate.is_relative_to(page.parent.resolve())
            ):
                blocks.append(block)
                continue
            raw = candidate.read_bytes()
            shown = f"{page.name}: {source}"
        try:
            suffix, data = prepare(raw, shown)
        except PhotoError as exc:
            problems.append(str(exc))
            blocks.append(block)
            continue
        key = f"page-image-{len(photos) + 1}{suffix}"
        photos.append(Photo(name=key, data=data, caption=block.text))
        blocks.append(replace(block, source=key))
    return replace(article, photos=tuple(photos), blocks=tuple(blocks)), problems


def read_article(path: Path, options: ImportOptions, shown: str) -> tuple[Article, list[str]]:
    """The article in one file; raises :class:`ImportFailure`."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFailure(shown, "tệp quá lớn (trên 50 MB) để là một bài viết.")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(shown, f"không đọc được tệp ({exc.strerror}).") from None
    url = options.url_map.get(shown) or options.url_map.get(path.name, "")
    now = options.now or datetime.now(VIETNAM)
    if suffix in WORD_SUFFIXES:
        article = read_docx(data, shown)
        return (article if not url else _with_url(article, url)), []
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFailure(
            shown,
            "tệp là văn bản Word hoặc tệp nén nhưng có đuôi khác; đổi đuôi thành .docx rồi nhập lại.",
        )
    text = decode_bytes(data, shown)
    is_html = suffix != ".txt" or "<html" in text[:2000].lower() or "<body" in text[:4000].lower()
    if is_html:
        root, hints = page_blocks.parse_html(text)
        found = page_blocks.html_blocks(root)
        article = extract(
            found, shown, hints=hints, categories=options.categories, url=url, now=now
        )
        return _page_photos(article, path)
    found = page_blocks.text_blocks(text)
    return extract(found, shown, categories=options.categories, url=url, now=now), []


def _with_url(article: Article, url: str) -> Article:
    return replace(article, url=url)


def import_one(
    path: Path, options: ImportOptions, shown: str, imported: ImportedPosts | None = None
) -> FileReport:
    """Import one file; every failure becomes the report's problem, never an exception."""
    imported = imported if imported is not None else ImportedPosts(options.out_dir)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileReport(shown, "failed", problems=[f"không đọc được tệp ({exc.strerror})."])
    try:
        article, photo_problems = read_article(path, options, shown)
    except ImportFailure as exc:
        return FileReport(shown, "failed", problems=[exc.message])
    digest = file_hash(data)
    existing = imported.find(digest, shown)
    twin = imported.twin(article) if existing is None else None
    if twin is not None:
        return FileReport(
            shown,
            "duplicate",
            post=_display(twin),
            title=article.title,
            found=[
                "cùng tiêu đề và ngày đăng với một bài đã nhập từ tệp khác (cùng một bài lưu hai "
                "lần); không tạo bài thứ hai."
            ],
        )
    now = options.now or datetime.now(VIETNAM)
    photo_dir = "anh"
    target = existing or free_path(options.out_dir, post_stem(article, shown))
    stem = target.stem
    photo_paths = {}
    photo_files = []
    for number, photo in enumerate(article.photos, start=1):
        suffix = Path(photo.name).suffix
        relative = f"{photo_dir}/{stem}-{number}{suffix}"
        photo_paths[photo.name] = relative
        photo_files.append((target.parent / relative, photo.data))
    rendered = render_post(
        article,
        source_name=shown,
        digest=digest,
        category=options.category,
        categories=options.categories,
        photo_paths=photo_paths,
        now=now,
    )
    report = FileReport(shown, "imported", post=_display(target), title=article.title)
    report.found = _found(article, rendered)
    report.missing = [f"{field}: {reason}" for field, reason in rendered.todo.items()]
    report.problems = list(photo_problems) + [
        n.removeprefix("lỗi ảnh: ") for n in rendered.notes if n.startswith("lỗi ảnh: ")
    ]
    report.found += [n for n in rendered.notes if not n.startswith("lỗi ảnh: ")]
    if existing is not None:
        current = existing.read_text(encoding="utf-8", errors="replace")
        if current == rendered.text:
            report.status = "unchanged"
            return report
        if not options.force:
            report.status = "kept"
            return report
        report.status = "updated"
    written: list[Path] = []
    made = [d for d in {f.parent for f, _ in photo_files} | {target.parent} if not d.exists()]
    try:
        for file, data_bytes in photo_files:
            if file.exists() and file.read_bytes() == data_bytes:
                continue
            if file.exists() and not options.force:
                raise ImportFailure(shown, f"đã có tệp ảnh {file}; không ghi đè.")
            atomic_write_bytes(file, data_bytes)
            written.append(file)
        atomic_write_text(target, rendered.text)
        imported.add(target, digest, shown, article)
    except (OSError, ImportFailure) as exc:
        for file in written:
            file.unlink(missing_ok=True)
        for folder in sorted(made, key=lambda d: len(d.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()
        message = (
            exc.message
            if isinstance(exc, ImportFailure)
            else f"không ghi được bài ({exc.strerror})."
        )
        return FileReport(shown, "failed", problems=[message])
    return report


def _display(path: Path) -> str:
    """A path as staff typed their way to it: from the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _found(article: Article, rendered: Rendered) -> list[str]:
    found = []
    if article.title:
        found.append(f"tiêu đề: {article.title}")
    if article.date is not None and "date" not in article.todo:
        shown = article.date.strftime("%d/%m/%Y %H:%M" if article.has_time else "%d/%m/%Y")
        found.append(f"ngày đăng: {shown}")
    if article.category:
        found.append(f"chuyên mục: {article.category}")
    for label, value in (
        ("tác giả", article.author),
        ("nguồn", article.source),
        ("đơn vị", article.unit),
    ):
        if value:
            found.append(f"{label}: {value}")
    if article.views is not None:
        found.append(f"lượt xem: {article.views}")
    if rendered.aliases:
        found.append("địa chỉ cũ: " + ", ".join(rendered.aliases))
    photos = len(article.photos)
    kept = {photo.name for photo in article.photos}
    remote = [b.source for b in article.blocks if b.kind == "image" and b.source not in kept]
    captions = sum(1 for b in article.blocks if b.kind == "caption") + len(remote)
    if photos:
        found.append(f"{photos} ảnh (lưu cạnh bài, thư mục anh/)")
    if captions:
        found.append(f"{captions} ảnh chỉ còn chú thích (ảnh không có trong tệp đã lưu)")
    for source in remote:
        if "://" in source:
            found.append(f"ảnh trên trang cũ: {source}")
    if rendered.indicators:
        found.append(f"{rendered.indicators} chỉ số đề xuất (cần xem lại)")
    return found


def import_paths(
    paths: Sequence[Path],
    options: ImportOptions,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[FileReport]:
    """Import every file under ``paths``; one report per file, in order."""
    files, reports = collect(paths)
    imported = ImportedPosts(options.out_dir)
    for index, (path, argument) in enumerate(files, start=1):
        shown = shown_name(path, argument)
        if progress is not None:
            progress(index, len(files), shown)
        reports.append(import_one(path, options, shown, imported))
    return reports
