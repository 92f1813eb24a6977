"""An article out of a page saved from an old portal: title, date, views, author, body.

Portals differ in layout but not in habits: a category label and the title
above a line of metadata ("Ngày đăng 13/10/2020 | 09:17 | Lượt xem: 86"), the
article, a signature ("Minh Khang" above "Trung tâm VHTT..."), then comment
forms, "Tin mới nhất", statistics and a footer. The rules below follow those
habits; anything they cannot decide is left for staff (``Article.todo``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from ..core.dates import MAX_YEAR, MIN_YEAR, VIETNAM
from ..core.text import fold_key, slugify
from .blocks import PageHints, escape_markdown, plain
from .found_dates import dates_in, infer_year, shown_date, without_dates
from .model import Article, Block, ImportFailure

# Lines that end the article: comment forms, lists of other news, counters, footers.
_FOOTER = re.compile(
    r"^(?:ý kiến bạn đọc|thông tin \(\*\) là bắt buộc|gửi ý kiến|bình luận|\[?trở về\]?|"
    r"quay lại|tin mới nhất|tin cùng chuyên mục|các tin khác|tin khác|tin liên quan|"
    r"tin đã đưa|bài viết liên quan|xem thêm|bản quyền|thống kê truy cập|liên kết web|"
    r"đang online|đang truy cập|tổng (?:số )?lượt truy cập|video$|họ và tên|mã xác nhận|"
    r"chia sẻ$|in bài|gửi email|lượt trong năm|lượt trong tháng|đăng nhập$)",
    re.I,
)
# Portal furniture that is neither title nor body.
_CHROME_LINE = re.compile(
    r"^(?:chi tiết tin|chi tiết bài viết|tin tức|tin chi tiết|trang chủ|trang chủ\s*[>»/].*|"
    r"cỡ chữ.*|a\s*a\s*a|in bài|gửi bài|chia sẻ|lên đầu trang|tải về|\d+\s*lượt xem|"
    r"xem với cỡ chữ.*|đọc bài|nghe đọc bài)$",
    re.I,
)
_VIEWS = re.compile(
    r"(?:lượt xem|lượt đọc|đã xem|số lần xem)\s*[:：]?\s*(\d{1,3}(?:[.,]\d{3})+|\d+)", re.I
)
_VIEWS_AFTER = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*lượt xem", re.I)
_AUTHOR = re.compile(
    r"(?:tác giả|người viết|bài và ảnh|bài, ảnh|tin, ảnh|tin và ảnh|người đăng)\s*[:：]\s*"
    r"(.+?)(?=\s*(?:\||ngày đăng|đăng ngày|ngày cập nhật|cập nhật|lượt xem|số lượt xem|$))",
    re.I,
)
_SOURCE = re.compile(r"^(?:nguồn|theo)\s*[:：]?\s*(.+)$", re.I)
_META_LABEL = re.compile(
    r"ngày đăng|đăng ngày|ngày cập nhật|cập nhật|ngày xuất bản|lượt xem|tác giả|người đăng", re.I
)
_TERMINAL = tuple('.!?;…"”’)»')
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ỸĐ][\wÀ-ỹ]*\.?)+$|^[A-ZĐ]\.$")
_UNIT_WORDS = re.compile(
    r"^(?:trung tâm|ban |hội |phòng |ubnd|ủy ban|uỷ ban|đoàn |báo |đài |công an|mặt trận|"
    r"văn phòng|phường |xã |huyện |quận |thành phố|tỉnh |cổng thông tin|đảng ủy|đảng uỷ)",
    re.I,
)
_ROMAN = re.compile(r"^[IVXLC]+[.)]\s+\S")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^[-+•*–—]\s+(\S.*)$")
_PHOTO_WORD = re.compile(r"\((?:ảnh|ảnh minh họa|ảnh minh hoạ)\b|^ảnh\s*[:：]", re.I)
_GLUED_SENTENCE = re.compile(r"(?<=[a-zà-ỹđ0-9][.…])(?=[A-ZÀ-ỸĐ])|(?<=\.\.\.)(?=[A-ZÀ-ỸĐ])")
_MAX_META_SEARCH = 12


def _words(text: str) -> int:
    return len(text.split())


def _is_footer(text: str) -> bool:
    return bool(_FOOTER.match(plain(text)))


def _is_chrome(text: str) -> bool:
    return bool(_CHROME_LINE.match(plain(text)))


def _is_meta(text: str) -> bool:
    """A line of metadata: short, with a date or a label such as "Lượt xem"."""
    text = plain(text)
    if _words(text) > 30:
        return False
    if _META_LABEL.search(text) or _VIEWS_AFTER.search(text):
        return True
    stripped = without_dates(text)
    has_date = stripped != text
    # A line that is mostly a date (and a time, a weekday) is metadata, not a sentence.
    return has_date and _words(stripped) <= 6


def _views(text: str) -> int | None:
    match = _VIEWS.search(plain(text)) or _VIEWS_AFTER.search(plain(text))
    if not match:
        return None
    digits = re.sub(r"[.,]", "", match.group(1))
    return int(digits)


def _looks_like_name(text: str) -> bool:
    words = text.replace(".", ". ").split()
    return (
        1 <= len(words) <= 5
        and all(_NAME_WORD.match(w) for w in words)
        and not _UNIT_WORDS.match(text)
    )


def _is_short_line(text: str, limit: int = 12) -> bool:
    text = plain(text)
    return 0 < _words(text) <= limit and not text.endswith(_TERMINAL)


def _is_title_like(text: str) -> bool:
    """A headline: at most 40 words, not ending a sentence ("(phần 1)" and "?" may end it)."""
    text = plain(text)
    return 0 < _words(text) <= 40 and not text.endswith((".", ";", ":", ","))


def _caption_like(text: str, limit: int = 35) -> bool:
    text = plain(text)
    if _PHOTO_WORD.search(text):
        return _words(text) <= 45
    return 3 <= _words(text) <= limit and not text.endswith((*_TERMINAL, ":")) and text[0].isupper()


def _heading_like(text: str) -> int:
    """Heading level of a plain line of a text page, 0 if it is not one."""
    text = plain(text)
    if text.endswith((".", ";", ",")) or _words(text) > 20:
        return 0
    if _ROMAN.match(text):
        return 2
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 6 and all(c.isupper() for c in letters) and _words(text) >= 2:
        return 2
    return 0


def _structure(blocks: list[Block]) -> list[Block]:
    """Lists and headings among the plain lines of a text page."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind != "line":
            result.append(block)
            index += 1
            continue
        bullet = _BULLET.match(block.text)
        numbered = _NUMBERED.match(block.text)
        if bullet or numbered:
            pattern = _BULLET if bullet else _NUMBERED
            items = []
            while index < len(blocks) and blocks[index].kind == "line":
                match = pattern.match(blocks[index].text)
                if not match:
                    break
                items.append(escape_markdown(match.groups()[-1]))
                index += 1
            if len(items) >= 2 or bullet:
                result.append(Block("list", ordered=not bullet, items=tuple(items)))
                continue
            index -= 1
        level = _heading_like(block.text)
        if level:
            result.append(Block("heading", escape_markdown(block.text), level=level))
        else:
            result.append(Block("paragraph", escape_markdown(block.text)))
        index += 1
    return result


def _match_category(label: str, categories: Sequence[str]) -> str | None:
    if not categories:
        return label[:1].upper() + label[1:]  # pages show labels in any case ("bài viết…")
    for name in categories:
        if fold_key(name) == fold_key(label) or slugify(name) == slugify(label):
            return name
    return None


def _split_glued_caption(block: Block) -> list[Block]:
    """A caption glued to the end of a paragraph when the photo between them was lost."""
    text = block.text
    if block.kind != "paragraph" or plain(text).endswith(_TERMINAL):
        return [block]
    cuts = list(_GLUED_SENTENCE.finditer(text))
    if not cuts:
        return [block]
    head, tail = text[: cuts[-1].start()], text[cuts[-1].start() :]
    if _caption_like(tail, 45) and _words(head) >= 30:
        return [Block("paragraph", head), Block("caption", escape_markdown(plain(tail)))]
    return [block]


def _mark_captions(body: list[Block]) -> list[Block]:
    """Short lines between paragraphs, and lines under a photo, are photo captions."""
    result: list[Block] = []
    for index, block in enumerate(body):
        previous = result[-1] if result else None
        if (
            block.kind == "paragraph"
            and previous is not None
            and previous.kind == "image"
            and (not previous.text or _caption_like(block.text) or _PHOTO_WORD.search(block.text))
            and _words(plain(block.text)) <= 45
        ):
            result[-1] = replace(previous, text=plain(block.text))
            continue
        is_middle = 0 < index < len(body) - 1
        if (
            block.kind == "paragraph"
            and is_middle
            and _caption_like(block.text)
            and body[index + 1].kind in ("paragraph", "list", "table")
        ):
            result.append(Block("caption", escape_markdown(plain(block.text))))
            continue
        result.extend(_split_glued_caption(block))
    return result


def extract(
    blocks: list[Block],
    name: str,
    *,
    hints: PageHints | None = None,
    categories: Sequence[str] = (),
    url: str = "",
    now: datetime | None = None,
) -> Article:
    """The article in a portal page's blocks; raises :class:`ImportFailure` if there is none."""
    now = now or datetime.now(VIETNAM)
    hints = hints or PageHints()
    blocks = [b for b in blocks if not (b.kind in ("line", "paragraph") and not plain(b.text))]
    todo: dict[str, str] = {}
    notes: list[str] = []

    # 1. The metadata line(s) near the top.
    meta_first: int | None = None
    meta_last: int | None = None
    for index, block in enumerate(blocks[:_MAX_META_SEARCH]):
        if block.kind in ("line", "paragraph") and _is_meta(block.text):
            if meta_first is None:
                meta_first = index
            meta_last = index
        elif meta_first is not None:
            break
    meta_lines = (
        [plain(b.text) for b in blocks[meta_first : meta_last + 1]]
        if meta_first is not None and meta_last is not None
        else []
    )

    # 2. Where the article ends.
    start = meta_last + 1 if meta_last is not None else 0
    end = len(blocks)
    for index in range(start, len(blocks)):
        block = blocks[index]
        if block.kind in ("line", "paragraph", "heading") and _is_footer(block.text):
            end = index
            break

    # 3. Title and category label above the metadata.
    title = ""
    lead: list[Block] = []
    category_label = ""
    above = [
        (i, b)
        for i, b in enumerate(blocks[: meta_first if meta_first is not None else 0])
        if b.kind in ("line", "paragraph", "heading")
        and not _is_chrome(b.text)
        and not _is_footer(b.text)
    ]
    if meta_first is None:
        # No metadata line: the page's own heading, else the first short line.
        for i, b in enumerate(blocks[:_MAX_META_SEARCH]):
            if b.kind == "heading" or (
                b.kind in ("line", "paragraph")
                and _is_title_like(b.text)
                and not _is_chrome(b.text)
            ):
                title = plain(b.text)
                start = i + 1
                above = [(j, c) for j, c in above if j < i]
                break
    elif above:
        # The title is the nearest short line above the metadata; a long paragraph between
        # them is the lead (sa-pô), which belongs to the body.
        while len(above) > 1 and not _is_title_like(above[-1][1].text):
            lead.insert(0, above.pop()[1])
        title = plain(above[-1][1].text)
        if len(above) >= 2 and _is_short_line(above[-2][1].text, 8):
            category_label = plain(above[-2][1].text)
    if not title and hints.heading:
        title = hints.heading
    if not title and hints.title:
        parts = [p.strip() for p in re.split(r"\s[|–-]\s", hints.title) if p.strip()]
        title = max(parts, key=len) if parts else ""
        if title:
            notes.append("tiêu đề lấy từ thẻ <title> của trang; kiểm tra lại.")
    if not title:
        todo["title"] = "không tìm thấy tiêu đề trong trang; đặt tiêu đề cho bài"

    # 4. Date, views, author from the metadata.
    date = None
    has_time = False
    candidates = [d for line in meta_lines for d in dates_in(line)]
    if not candidates and hints.published:
        candidates = dates_in(hints.published.replace("T", " "))
    chosen = [c for c in candidates if not c[6]] or candidates
    if len(candidates) > 1:
        shown = ", ".join(shown_date(c) for c in candidates)
        notes.append(
            f"trang có {len(candidates)} ngày ({shown}); đã lấy {shown_date(chosen[0])} là ngày đăng "
            "(không lấy ngày cập nhật)."
        )
    if chosen:
        _, day, month, year, hour, minute, _ = chosen[0]
        if year is None:
            body_text = " ".join(plain(b.text) for b in blocks[start:end])
            year = infer_year(day, month, body_text, url, now)
            if year is None:
                todo["date"] = (
                    f"trang chỉ ghi ngày {day:02d}/{month:02d}, không ghi năm; điền năm đúng"
                )
            else:
                todo["date"] = (
                    f"trang chỉ ghi ngày {day:02d}/{month:02d}, không ghi năm; năm {year} được suy ra "
                    "từ nội dung bài, kiểm tra lại"
                )
        if year is not None:
            try:
                date = datetime(year, month, day, hour or 0, minute or 0, tzinfo=VIETNAM)
            except ValueError:
                date = None
                todo["date"] = f"ngày {day}/{month}/{year} trên trang không có thật; điền ngày đúng"
            else:
                has_time = hour is not None
                if not MIN_YEAR <= year <= MAX_YEAR:
                    date = None
                    todo["date"] = f"năm {year} trên trang có lẽ gõ nhầm; điền ngày đúng"
    elif "date" not in todo:
        todo["date"] = "không tìm thấy ngày đăng trong trang; điền ngày đăng thật"
    views = next((v for v in map(_views, meta_lines) if v is not None), None)
    author = ""
    for line in meta_lines:
        match = _AUTHOR.search(line)
        if match:
            author = match.group(1).strip(" |,")
            break

    # 5. The body, without the title repeated and portal furniture.
    body = lead + [
        b for b in blocks[start:end] if not (b.kind in ("line", "paragraph") and _is_chrome(b.text))
    ]
    if (
        body
        and title
        and body[0].kind in ("line", "paragraph", "heading")
        and fold_key(plain(body[0].text)) == fold_key(title)
    ):
        body = body[1:]
    elif body and title and body[0].kind in ("line", "paragraph"):
        # The title in bold at the start of the first paragraph, joined by a line break.
        pattern = r"^(?:\*\*)?\s*" + re.escape(escape_markdown(title)) + r"\s*(?:\*\*)?\s+(?=\S)"
        rest = re.sub(pattern, "", body[0].text, count=1, flags=re.I)
        if rest != body[0].text:
            body[0] = replace(body[0], text=rest)

    # 6. The signature: a name, and the unit beneath it, after the last paragraph.
    source = ""
    tail: list[str] = []
    while (
        body
        and body[-1].kind in ("line", "paragraph")
        and _is_short_line(body[-1].text, 12)
        and len(tail) < 3
    ):
        tail.insert(0, plain(body[-1].text))
        body.pop()
    for line in tail:
        source_match = _SOURCE.match(line)
        if source_match:
            source = source or source_match.group(1).strip()
        elif not author and _looks_like_name(line):
            author = line
        elif not source and (_UNIT_WORDS.match(line) or author):
            source = line
        else:
            body.append(Block("line", line))
    body = _structure(body) if any(b.kind == "line" for b in body) else body
    body = _mark_captions(body)
    words = sum(_words(plain(b.text)) + sum(_words(i) for i in b.items) for b in body)
    if words < 40:
        raise ImportFailure(
            name,
            "không tìm thấy bài viết trong tệp (quá ít chữ, có thể là trang chủ, trang danh sách "
            "hoặc trang lỗi). Mở trang bài viết trên cổng cũ rồi lưu lại.",
        )

    category = ""
    if category_label:
        matched = _match_category(category_label, categories)
        if matched:
            category = matched
        else:
            notes.append(
                f"nhãn chuyên mục trên trang “{category_label}” không khớp chuyên mục nào của trang."
            )
            todo["category"] = (
                f"trang cũ ghi chuyên mục “{category_label}”; chọn một chuyên mục của trang"
            )
    return Article(
        title=title,
        date=date,
        has_time=has_time,
        category=category,
        author=author,
        source=source,
        views=views,
        url=url or hints.url,
        blocks=tuple(body),
        todo=todo,
        notes=tuple(notes),
    )
