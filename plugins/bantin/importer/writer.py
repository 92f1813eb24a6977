"""Writing an imported article as a draft post, once.

The post records where it came from in a comment at the top of its front
matter (the source file's name and a hash of its bytes). Importing the same
file again finds that post and leaves it alone unless told to overwrite it,
so a batch can be run twice without making a second copy of anything. Every
file is written to a temporary name and renamed into place: a failure leaves
the folder as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import yaml

from ..core.dates import VIETNAM
from ..core.text import fold_key, slugify
from ..posts.fields import FieldError, alias
from .figures import propose
from .markdown import render_body
from .model import Article, ProposedIndicator

ORIGIN = "# Nhập bằng “bantin import” từ tệp:"
HASH = "# Mã tệp gốc:"
_HASH_LINE = re.compile(r"^# Mã tệp gốc: sha256:([0-9a-f]{64})\s*$", re.M)
_ORIGIN_LINE = re.compile(r"^# Nhập bằng “bantin import” từ tệp: (.+?)\s*$", re.M)
DEFAULT_CATEGORY = "Tin tức - Sự kiện"
MAX_SLUG = 80


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def yaml_text(value: str) -> str:
    """A one-line text value: plain as staff would write it, quoted only when YAML needs it."""
    safe = (
        value
        and value == value.strip()
        and ": " not in value
        and " #" not in value
        and not value.startswith(tuple("!&*%@`|>'\"[]{},#?-:“‘«"))
        and not value.endswith(":")
    )
    if safe:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _number(value: str) -> str:
    return value if re.fullmatch(r"[1-9]\d{0,14}|0", value) else json.dumps(value)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _indicators(proposals: Sequence[ProposedIndicator]) -> list[str]:
    lines = [
        "indicators:",
        "  # TODO: các chỉ số dưới đây do máy đề xuất từ con số trong bài. Đối chiếu với câu gốc,",
        "  # sửa tên cho gọn, xóa chỉ số không cần; con số và tỷ lệ giữ như bài đã viết.",
    ]
    used: set[str] = set()
    for proposal in proposals:
        ident = slugify(proposal.label)[:60].strip("-") or "chi-so"
        base, counter = ident, 2
        while ident in used:
            ident, counter = f"{base}-{counter}", counter + 1
        used.add(ident)
        lines.append(f"  - label: {yaml_text(proposal.label)}")
        if ident != slugify(proposal.label):
            lines.append(f"    id: {ident}")
        lines.append(f"    value: {_number(proposal.value)}")
        if proposal.of is not None:
            lines.append(f"    of: {_number(proposal.of)}")
        if proposal.unit:
            lines.append(f"    unit: {yaml_text(proposal.unit)}")
        if proposal.percent is not None:
            lines.append(f"    percent: {_number(proposal.percent)}")
        if proposal.parts:
            lines.append("    parts:")
            for label, value in proposal.parts:
                lines.append(f"      - label: {yaml_text(label)}")
                lines.append(f"        value: {_number(value)}")
        if proposal.quote:
            lines.append(f"    # trong bài: “{_comment(proposal.quote)}”")
    return lines


def post_title(article: Article, source_name: str) -> str:
    """The title written in the post: the article's, or a placeholder naming the file."""
    return article.title or f"Bài chưa có tiêu đề (nhập từ {Path(source_name).name})"


def post_stem(article: Article, source_name: str) -> str:
    """The post's file name (without ``.md``): its slug, at most 80 characters."""
    title = post_title(article, source_name)
    return slugify(title)[:MAX_SLUG].strip("-") or slugify(Path(source_name).stem) or "bai-nhap"


@dataclass(frozen=True)
class Rendered:
    """A post ready to write: its text, file stem and what the report says about it."""

    text: str
    stem: str
    todo: dict[str, str]
    indicators: int
    aliases: tuple[str, ...]
    notes: tuple[str, ...]


def render_post(
    article: Article,
    *,
    source_name: str,
    digest: str,
    category: str | None,
    categories: Sequence[str],
    photo_paths: dict[str, str],
    now: datetime,
) -> Rendered:
    """The post file for an article: commented front matter (``draft: true``) and body."""
    todo = dict(article.todo)
    notes = list(article.notes)
    lines = [
        "---",
        f"{ORIGIN} {source_name}",
        f"{HASH} sha256:{digest}",
        "# Đây là bản nháp: đọc lại bài, sửa các dòng có TODO, rồi đổi “draft: true” thành",
        "# “draft: false” để đăng. Chạy “bantin check” để kiểm tra.",
    ]

    title = post_title(article, source_name)
    if not article.title:
        todo.setdefault("title", "không tìm thấy tiêu đề; đặt tiêu đề cho bài")
    if "title" in todo:
        lines.append(f"# TODO title: {todo['title']}.")
    lines.append(f"title: {yaml_text(title)}")

    date = article.date
    if "date" in todo:
        lines.append(f"# TODO date: {todo['date']}.")
    if date is None:
        date = now.astimezone(VIETNAM).replace(second=0, microsecond=0)
        lines.append("# (ngày dưới đây là ngày nhập bài, chỉ để giữ chỗ.)")
    lines.append("date: " + date_text(replace(article, date=date)))

    chosen = category or article.category
    if not chosen:
        chosen = categories[0] if categories else DEFAULT_CATEGORY
        reason = todo.get("category") or "bài gốc không ghi chuyên mục"
        todo["category"] = f"{reason}; đang tạm xếp vào “{chosen}”"
    elif category:
        todo.pop("category", None)
    if "category" in todo:
        lines.append(f"# TODO category: {todo['category']}.")
    lines.append(f"category: {yaml_text(chosen)}")

    for name, value in (
        ("author", article.author),
        ("source", article.source),
        ("unit", article.unit),
    ):
        if value:
            lines.append(f"{name}: {yaml_text(value)}")
    if article.views is not None:
        lines.append(f"views: {article.views}")

    aliases: list[str] = []
    if article.url:
        path = re.sub(r"^[a-z]+://[^/]+", "", article.url.strip()).lstrip("/")
        try:
            aliases.append(alias(path))
        except FieldError as exc:
            notes.append(f"không tạo được địa chỉ cũ (aliases) từ “{article.url}”: {exc}")
    if aliases:
        lines.append("aliases:")
        lines.extend(f"  - {yaml_text(a)}" for a in aliases)

    lost = [b.text for b in article.blocks if b.kind == "caption"]
    lost += [b.text for b in article.blocks if b.kind == "image" and b.source not in photo_paths]
    if lost:
        lines.append(
            f"# TODO ảnh: bài gốc có {len(lost)} ảnh không có trong tệp đã lưu (chú thích in nghiêng "
            "trong bài). Chép ảnh vào thư mục anh/ cạnh bài và thêm dòng ![chú thích](anh/ten-anh.jpg)."
        )
    lines.append("draft: true")

    proposals = propose(article.blocks)
    if proposals:
        lines.extend(_indicators(proposals))
    lines.append("---")
    body = render_body(article.blocks, photo_paths)
    text = "\n".join(lines) + "\n\n" + body
    return Rendered(
        text, post_stem(article, source_name), todo, len(proposals), tuple(aliases), tuple(notes)
    )


_TITLE_LINE = re.compile(r"^title: (.+?)\s*$", re.M)
_DATE_LINE = re.compile(r"^date: (.+?)\s*$", re.M)


def date_text(article: Article) -> str:
    """The ``date`` value written for an article that has one."""
    if article.date is None:
        return ""
    shown = article.date.astimezone(VIETNAM)
    return shown.strftime("%d/%m/%Y %H:%M" if article.has_time else "%d/%m/%Y")


def identity(article: Article) -> tuple[str, str] | None:
    """Title and date: the same article saved twice (another day, another visitor count)."""
    if not article.title or article.date is None:
        return None
    return fold_key(article.title), date_text(article)


class ImportedPosts:
    """The posts already imported into a folder: by source hash, source name, title and date.

    Read once per batch: looking each file up by reading every post again would make
    a batch of a thousand pages read a million files.
    """

    def __init__(self, out_dir: Path) -> None:
        self.by_hash: dict[str, Path] = {}
        self.by_name: dict[str, Path] = {}
        self.by_identity: dict[tuple[str, str], Path] = {}
        if not out_dir.is_dir():
            return
        for path in sorted(out_dir.rglob("*.md")):
            try:
                with path.open(encoding="utf-8", errors="replace") as stream:
                    head = stream.read(4000)
            except OSError:
                continue
            found = _HASH_LINE.search(head)
            origin = _ORIGIN_LINE.search(head)
            if not found and not origin:
                continue  # not written by the importer
            if found:
                self.by_hash.setdefault(found.group(1), path)
            if origin:
                self.by_name.setdefault(origin.group(1), path)
            title, date = _TITLE_LINE.search(head), _DATE_LINE.search(head)
            if title and date:
                value = title.group(1)
                if value.startswith('"'):
                    try:
                        value = json.loads(value)
                    except ValueError:
                        continue
                self.by_identity.setdefault((fold_key(value), date.group(1)), path)

    def find(self, digest: str, source_name: str) -> Path | None:
        """The post imported from this very file: same bytes, else the same file name."""
        return self.by_hash.get(digest) or self.by_name.get(source_name)

    def twin(self, article: Article) -> Path | None:
        """A post imported from another file with the same title and date."""
        key = identity(article)
        return self.by_identity.get(key) if key else None

    def add(self, path: Path, digest: str, source_name: str, article: Article) -> None:
        self.by_hash[digest] = path
        self.by_name.setdefault(source_name, path)
        key = identity(article)
        if key:
            self.by_identity.setdefault(key, path)


def free_path(out_dir: Path, stem: str, suffix: str = ".md") -> Path:
    """``stem.md``, or ``stem-2.md``… when another post already has the name."""
    candidate = out_dir / f"{stem}{suffix}"
    counter = 2
    while candidate.exists():
        candidate = out_dir / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate
