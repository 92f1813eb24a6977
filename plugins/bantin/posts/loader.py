"""Loading every post under ``posts/``: read and validate each file found by ``discover.py``;
the rules across posts (unique addresses, tag slugs) are in ``sitewide.py``.

Problems are collected, never raised one at a time, so staff see all of them
in one run of ``bantin check``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from ..core.dates import DateError, has_time, to_vietnam
from ..core.errors import ContentError, HasProblems, Problem, Severity
from ..core.forked import shared_map
from ..core.suggest import did_you_mean
from ..core.text import fold_key, slugify
from ..images.settings import PROCESSED_SUFFIXES
from . import fields
from .attachments import (
    IMAGE_SUFFIXES,
    image_problem,
    is_windows_path,
    link_problem,
    local_references,
    path_problem,
    remote_images,
)
from .attachments import resolve as resolve_attachment
from .cache import ParsedPosts, site_files
from .discover import discover, display_path
from .fields import FieldError
from .frontmatter import RawPost, quote_hint, read_post
from .model import Category, Image, Post, Tag
from .sitewide import categories_of, check_unique, with_tag_slugs
from .unread import unread_problems

# Parses a post's ``indicators`` list; plugged in by the indicators package so
# that posts do not depend on it. Returns the parsed items and any problems.
IndicatorParser = Callable[[RawPost, Any], tuple[tuple[Any, ...], list[Problem]]]


@dataclass(frozen=True)
class LoadOptions:
    root: Path
    posts_dir: Path
    docs_dir: Path
    now: datetime
    categories: tuple[Category, ...] = ()
    include_drafts: bool = False
    url_format: str = "{year}/{month}/{day}/{slug}/"
    indicator_parser: IndicatorParser | None = None
    # bantin serve: files parsed by its earlier builds (posts/cache.py)
    parsed: ParsedPosts | None = None
    # Whether this many post files are worth reading in two processes (core/forked.py).
    split: Callable[[int], bool] | None = None


@dataclass
class LoadResult(HasProblems):
    posts: list[Post] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    scheduled: list[Post] = field(default_factory=list)
    skipped_drafts: list[Post] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def match_category(name: str, categories: Sequence[Category]) -> Category:
    """The declared category with this name (or slug), compared without case or form.

    A site that declares no categories accepts any name: the category is
    then made from the name itself.
    """
    if not categories:
        slug = slugify(name)
        if not slug:
            raise FieldError(
                f"tên chuyên mục “{name}” không có chữ hoặc số nào; hãy viết tên khác."
            )
        return Category(name, slug)
    wanted = fold_key(name)
    for category in categories:
        if fold_key(category.name) == wanted or category.slug == slugify(name):
            return category
    hint = did_you_mean(name, [c.name for c in categories])
    names = ", ".join(f"“{c.name}”" for c in categories)
    raise FieldError(f"chuyên mục “{name}” chưa được khai báo.{hint} Các chuyên mục có: {names}.")


def resolve_image(value: str, post_file: Path, options: LoadOptions, post_url: str) -> Image:
    """Find the cover photo next to the post or under ``docs/``; it must exist and stay inside the site.

    Resolved like a photo in the body: a name with spaces or Vietnamese letters works
    written plainly or with ``%20``; a Windows path is an error that says what to do.
    """
    if is_windows_path(value) or ("\\" in value and "://" not in value):
        raise FieldError(path_problem(value) or "")
    if fields.link(value) != value or "://" in value or value.startswith("//"):
        raise FieldError(
            f"ảnh “{value}” phải là tệp trong thư mục của trang, không phải địa chỉ web."
        )
    relative = PurePosixPath(value.lstrip("/"))
    if "\\" in value or "\x00" in value:
        raise FieldError(f"đường dẫn ảnh “{value}” không được chứa dấu '\\'; dùng dấu '/'.")
    if relative.suffix.lower() not in IMAGE_SUFFIXES:
        raise FieldError(
            f"“{value}” không phải tệp ảnh; dùng ảnh .jpg, .png, .webp, .gif, .svg hoặc .avif."
        )
    real_root = options.root.resolve()
    real_docs = options.docs_dir.resolve()
    # Containment is decided on resolved paths (symlinks and '..' followed), never on strings.
    decoded = PurePosixPath(unquote(relative.as_posix()))
    names = [relative] if decoded == relative else [relative, decoded]
    candidates = [
        (folder / name, boundary)
        for folder, boundary in ((post_file.parent, real_root), (options.docs_dir, real_docs))
        for name in names
    ]
    for candidate, boundary in candidates:
        if not candidate.is_file():
            continue
        resolved = candidate.resolve()
        if not resolved.is_relative_to(boundary):
            raise FieldError(
                f"ảnh “{value}” nằm ngoài thư mục của trang; chép ảnh vào cạnh bài viết hoặc vào docs/."
            )
        trouble = image_problem(resolved, value)
        if trouble:
            raise FieldError(trouble)
        if boundary == real_docs:
            return Image(source=resolved, url=resolved.relative_to(real_docs).as_posix())
        return Image(source=resolved, url=post_url + resolved.name)
    if value.startswith("/"):
        raise FieldError(path_problem(value) or "")
    raise FieldError(
        f"không tìm thấy tệp ảnh “{value}” (đã tìm cạnh bài viết và trong docs/). "
        "Kiểm tra tên tệp, chữ hoa/thường và phần mở rộng."
    )


def _problem(raw: RawPost, name: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(raw.path, message, field=name, line=raw.line_of(name), severity=severity)


def build_post(
    raw: RawPost, abs_path: Path, options: LoadOptions
) -> tuple[Post | None, list[Problem]]:
    """Validate one parsed file into a :class:`Post`, collecting every problem."""
    problems: list[Problem] = []
    meta = raw.meta
    values: dict[str, Any] = {}

    for key in meta:
        if str(key) not in fields.KNOWN_FIELDS:
            hint = did_you_mean(str(key), fields.KNOWN_FIELDS, shown="'{}'")
            problems.append(
                _problem(
                    raw,
                    str(key),
                    f"trường '{key}' không có trong quy ước nội dung nên bị bỏ qua.{hint}",
                    Severity.WARNING,
                )
            )
    for name in fields.REQUIRED_FIELDS:
        if meta.get(name) in (None, ""):
            problems.append(
                Problem(
                    raw.path,
                    f"thiếu trường bắt buộc '{name}'. Thêm dòng '{name}: ...' vào phần thông tin.",
                    field=name,
                    line=raw.line_of(name),
                )
            )

    def category(value: Any) -> Category:
        return match_category(fields.text(value, required=True), options.categories)

    for spec in fields.FIELDS:
        parse = category if spec.name == "category" else spec.parse
        if parse is None or meta.get(spec.name) is None:
            continue
        try:
            values[spec.name] = parse(meta[spec.name])
        except (FieldError, DateError) as exc:
            problems.append(_problem(raw, spec.name, str(exc) + quote_hint(raw, spec.name, parse)))

    indicators: tuple[Any, ...] = ()
    if meta.get("indicators") is not None and options.indicator_parser is not None:
        parser = options.indicator_parser
        if options.parsed is None:
            indicators, indicator_problems = parser(raw, meta["indicators"])
        else:
            indicators, kept = options.parsed.derived(
                raw, "indicators", lambda: parser(raw, meta["indicators"])
            )
            indicator_problems = list(kept)
        problems.extend(indicator_problems)

    if any(p.is_error for p in problems) or not set(fields.REQUIRED_FIELDS) <= values.keys():
        return None, problems

    title: str = values["title"]
    published: datetime = values["date"]
    slug = values.get("slug") or slugify(title)
    if not slug:
        problems.append(
            _problem(
                raw,
                "title",
                "tiêu đề không tạo được đường dẫn (không có chữ hoặc số). Thêm trường 'slug:', "
                "ví dụ: slug: thong-bao-lich-tiep-dan",
            )
        )
        return None, problems
    local = to_vietnam(published)
    url = options.url_format.format(
        year=f"{local.year:04d}", month=f"{local.month:02d}", day=f"{local.day:02d}", slug=slug
    )

    image = None
    if values.get("image"):
        try:
            image = resolve_image(values["image"], abs_path, options, url)
            image = Image(image.source, image.url, values.get("image_caption", ""))
        except FieldError as exc:
            problems.append(_problem(raw, "image", str(exc)))
    elif values.get("image_caption"):
        problems.append(
            _problem(
                raw, "image_caption", "có chú thích ảnh nhưng không có 'image'.", Severity.WARNING
            )
        )

    attachments = []
    for reference in local_references(raw.body, raw.body_line):
        if reference.kind == "bare":
            problems.append(
                Problem(
                    raw.path,
                    f"“{reference.written}” không phải liên kết nên sẽ biến mất khỏi trang và tệp "
                    f"không được đăng. Viết: [Tên tệp](<{reference.target}>)",
                    field="nội dung",
                    line=reference.line,
                )
            )
            continue
        if reference.kind == "link":
            trouble = link_problem(reference, url + "index.md", options.docs_dir)
            if trouble:
                problems.append(
                    Problem(raw.path, trouble, "nội dung", reference.line, None, Severity.WARNING)
                )
            continue
        found = resolve_attachment(reference, abs_path, options.root, options.docs_dir)
        if found is None:
            continue
        if isinstance(found, str):
            problems.append(Problem(raw.path, found, field="nội dung", line=reference.line))
        elif found not in attachments:
            attachments.append(found)
    for remote in remote_images(raw.body, raw.body_line):
        problems.append(
            Problem(
                raw.path,
                f"ảnh “{remote.target[:80]}” lấy từ trang khác: chính sách bảo mật (CSP) của "
                "trang chỉ cho hiện ảnh của chính trang, nên người đọc sẽ thấy ảnh hỏng (và trang "
                "kia biết ai đọc bài). Tải ảnh về, đặt cạnh bài rồi viết ![Chú thích](anh/ten-anh.jpg)",
                field="nội dung",
                line=remote.line,
                severity=Severity.WARNING,
            )
        )
    if image is not None:
        for attachment in attachments:
            same_url = url + attachment.target.lstrip("./") == image.url
            # Photos are republished under anh/ by their content; other files (SVG,
            # GIF, PDF) are published as they are, at that one URL.
            as_is = image.source.suffix.lower() not in PROCESSED_SUFFIXES
            if same_url and as_is and attachment.source != image.source:
                problems.append(
                    _problem(
                        raw,
                        "image",
                        f"ảnh bìa và ảnh “{attachment.target}” trong bài là hai tệp khác nhau nhưng "
                        f"cùng được đăng ở “{image.url}”; một ảnh sẽ mất. Đổi tên một trong hai tệp.",
                    )
                )
    if any(p.is_error for p in problems):
        return None, problems

    post = Post(
        path=raw.path,
        title=title,
        date=published,
        category=values["category"],
        slug=slug,
        url=url,
        body=raw.body,
        body_line=raw.body_line,
        tags=tuple(Tag(name, slugify(name) or "the") for name in values.get("tags", [])),
        author=values.get("author", ""),
        source=values.get("source", ""),
        summary=values.get("summary", ""),
        image=image,
        views=values.get("views", 0),
        draft=values.get("draft", False),
        pinned=values.get("pinned", False),
        unit=values.get("unit", ""),
        aliases=tuple(values.get("aliases", [])),
        indicators=indicators,
        attachments=tuple(attachments),
        has_time=has_time(meta.get("date")),
    )
    return post, problems


def load_posts(options: LoadOptions, reserved: Iterable[str] = ()) -> LoadResult:
    """Read every post; published posts come newest first."""
    result = LoadResult()
    paths, problems = discover(options.posts_dir, options.root)
    result.problems.extend(problems)
    shown_names = [display_path(path, options.root) for path in paths]
    checked_against: Hashable = None
    if options.parsed is not None:
        options.parsed.forget_missing(set(shown_names))
        # What checking a post reads besides its own file (now only sorts posts).
        checked_against = (
            options.root,
            options.docs_dir,
            options.categories,
            options.include_drafts,
            options.url_format,
            options.indicator_parser,
            site_files(options.posts_dir, options.docs_dir),
        )

    def read(item: tuple[Path, str]) -> tuple[Post | None, list[Problem]]:
        path, shown = item
        try:
            if options.parsed is None:
                raw = read_post(path, shown)
            else:
                raw = read_post(path, shown, options.parsed.parse, options.parsed.kept)
        except ContentError as exc:
            return None, list(exc.problems)
        except OSError as exc:
            return None, [Problem(shown, f"không đọc được tệp ({exc.strerror}).")]
        if options.parsed is None:
            return build_post(raw, path, options)
        post, kept = options.parsed.derived(
            raw, "post", partial(build_post, raw, path, options), checked_against
        )
        return post, list(kept)

    items = list(zip(paths, shown_names, strict=True))
    # A full build of a large site reads every other file in a second process;
    # bantin serve keeps what it parsed in this one (options.parsed).
    split = options.parsed is None and options.split is not None and options.split(len(items))
    candidates: list[Post] = []
    for post, post_problems in shared_map(read, items, split=split):
        result.problems.extend(post_problems)
        if post is None:
            continue
        if post.draft and not options.include_drafts:
            result.skipped_drafts.append(post)
        elif post.date > options.now:
            result.scheduled.append(post)
        else:
            candidates.append(post)
    loaded = candidates + result.scheduled + result.skipped_drafts
    attached = [a.source for post in loaded for a in post.attachments]
    result.problems.extend(unread_problems(options.posts_dir, options.root, attached, display_path))
    candidates, result.scheduled, result.skipped_drafts = with_tag_slugs(
        candidates,
        result.scheduled,
        result.skipped_drafts,
        memo=options.parsed.memo("tags") if options.parsed is not None else None,
    )
    # Scheduled posts too: a clash found only once they go live would stop every
    # later (scheduled) rebuild; it is reported today, on the scheduled post.
    clashes = check_unique(candidates + result.scheduled, reserved)
    result.problems.extend(clashes)
    refused = {p.path for p in clashes}
    candidates = [post for post in candidates if post.path not in refused]
    result.scheduled = [post for post in result.scheduled if post.path not in refused]
    result.posts = sorted(candidates, key=lambda p: p.key, reverse=True)
    if not options.categories:
        result.categories = categories_of(result.posts)
    else:
        result.categories = list(options.categories)
    return result
