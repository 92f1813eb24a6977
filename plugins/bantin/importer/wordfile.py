"""Word files (.docx) to articles, with mammoth; photos extracted beside the post.

mammoth keeps what a document means (headings, lists, tables, bold, italics,
pictures) and drops Word's styling noise. A ward's official letters
(thông báo, kế hoạch) open with a header block (the agency, the national
motto, the number, the place and date) and end with the recipients and a
signature; those become front-matter fields instead of body text.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime

import mammoth
from lxml import html

from ..core.dates import VIETNAM
from .blocks import clean_inline, fragment_blocks, plain
from .model import Article, Block, ImportFailure, Photo
from .photos import PhotoError, prepare

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Caption'] => p.caption:fresh
p[style-name='caption'] => p.caption:fresh
"""
_MOTTO = re.compile(
    r"cộng hòa xã hội chủ nghĩa việt nam|cộng hoà xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do",
    re.I,
)
_NUMBER_LINE = re.compile(r"^số\s*[:：]?\s*\S+/\S+", re.I)
_PLACE_DATE = re.compile(
    r"^[^,]{2,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$", re.I
)
_AGENCY = re.compile(
    r"^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|đảng ủy|đảng uỷ|ban chấp hành|ủy ban mặt trận|"
    r"uỷ ban mặt trận|ủy ban mttq|hội liên hiệp phụ nữ|hội phụ nữ|hội cựu chiến binh|"
    r"đoàn thanh niên|công an|ban chỉ đạo|ban quản lý|trường|trạm y tế)",
    re.I,
)
_DOC_TYPES = (
    "thông báo",
    "kế hoạch",
    "giấy mời",
    "báo cáo",
    "quyết định",
    "công văn",
    "thư ngỏ",
    "lời kêu gọi",
)
_RECIPIENTS = re.compile(r"^nơi nhận\s*:?", re.I)
_SIGN_ROLE = re.compile(
    r"^(?:tm\.|t/m|kt\.|k/t|tl\.|ttl\.|q\.)|^(?:chủ tịch|phó chủ tịch|bí thư|phó bí thư|trưởng|"
    r"phó trưởng|trưởng ban|chánh văn phòng|trưởng công an|người viết|người lập)\b",
    re.I,
)
_SIGNED = re.compile(r"^\(?(?:đã ký|đã kí|ký tên|ký, ghi rõ họ tên|ký và đóng dấu)[^)]*\)?$", re.I)
_ADMIN_WORDS = ("phường", "xã", "quận", "huyện", "thị trấn", "thành phố", "tỉnh")


def _sentence_case(text: str) -> str:
    """ "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI" -> "Ủy ban nhân dân phường Phúc Lợi"."""
    if any(c.islower() for c in text):
        return text
    words = text.lower().split()
    result: list[str] = []
    capital_next = False
    index = 0
    while index < len(words):
        word = words[index]
        two = " ".join(words[index : index + 2])
        if index == 0 or capital_next:
            word = word[:1].upper() + word[1:]
        if two in _ADMIN_WORDS:
            result.extend([word, words[index + 1]])
            index += 2
            capital_next = True
            continue
        capital_next = capital_next or word in _ADMIN_WORDS
        if word in ("ubnd", "hđnd", "mttq", "ubmttq"):
            word = word.upper()
        result.append(word)
        index += 1
    return " ".join(result)


def _check_container(data: bytes, name: str) -> None:
    if name.lower().endswith(".doc") or (
        data.startswith(_OLE) and name.lower().endswith(".docx") is False
    ):
        raise ImportFailure(
            name,
            "đây là tệp Word kiểu cũ (.doc), chưa nhập được. Mở tệp bằng Word, chọn Tệp → Lưu thành "
            "(File → Save As), chọn kiểu “Word Document (*.docx)”, rồi nhập tệp .docx đó.",
        )
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ImportFailure(
                name,
                "tệp Word được đặt mật khẩu nên không đọc được. Mở tệp bằng Word, bỏ mật khẩu "
                "(Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại "
                "rồi nhập lại.",
            )
        raise ImportFailure(
            name,
            "tệp có đuôi .docx nhưng thực ra là Word kiểu cũ (.doc). Mở bằng Word, chọn Lưu thành → "
            "“Word Document (*.docx)”, rồi nhập lại.",
        )
    if not data.strip():
        raise ImportFailure(name, "tệp rỗng, không có nội dung để nhập.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFailure(
            name,
            "tệp Word bị hỏng (không mở được). Mở tệp bằng Word; nếu Word sửa được thì lưu lại "
            "thành .docx rồi nhập lại, nếu không thì xin lại tệp từ người gửi.",
        )


def read_docx(data: bytes, name: str) -> Article:
    """The article in a Word file; raises :class:`ImportFailure` for a file that is not one."""
    _check_container(data, name)
    photos: list[Photo] = []
    problems: list[str] = []

    def convert_image(image: mammoth.documents.Image) -> dict[str, str]:
        key = f"word-image-{len(photos) + len(problems) + 1}"
        with image.open() as stream:
            raw = stream.read()
        try:
            suffix, ready = prepare(
                raw, f"{name}, ảnh thứ {len(photos) + len(problems) + 1}", image.content_type or ""
            )
        except PhotoError as exc:
            problems.append(str(exc))
            return {"src": key + ".bo-qua"}
        photos.append(Photo(name=key + suffix, data=ready, caption=image.alt_text or ""))
        return {"src": key + suffix, "alt": image.alt_text or ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            convert_image=mammoth.images.img_element(convert_image),
        )
    except Exception as exc:  # mammoth raises KeyError, BadZipFile, XML errors... on a broken file
        raise ImportFailure(
            name,
            "tệp Word bị hỏng hoặc không phải văn bản Word (không đọc được nội dung: "
            f"{type(exc).__name__}). Mở tệp bằng Word, lưu lại thành .docx rồi nhập lại.",
        ) from None
    return _article(result.value, photos, problems, name)


def _lines(element: html.HtmlElement) -> list[str]:
    """The lines of an element as Word shows them: one per paragraph, cell and line break."""
    copy = html.fragment_fromstring(html.tostring(element, encoding="unicode"), create_parent="div")
    for node in list(copy.iter("br")):
        node.tail = "\n" + (node.tail or "")
        node.drop_tag()
    for node in copy.iter("p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6"):
        node.tail = "\n" + (node.tail or "")
    return [clean_inline(line) for line in copy.text_content().split("\n") if clean_inline(line)]


@dataclass
class _Header:
    """What an official letter's header block says."""

    agency: list[str] = field(default_factory=list)
    kind: str = ""
    subject: str = ""
    date: datetime | None = None
    bad_date: str = ""

    def take(self, line: str) -> bool:
        """Whether ``line`` belongs to the header (and note what it says)."""
        match = _PLACE_DATE.match(line)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                self.date = datetime(year, month, day, tzinfo=VIETNAM)
            except ValueError:
                self.bad_date = line
            return True
        if _MOTTO.search(line) or _NUMBER_LINE.match(line) or not line.strip("-_–—*. "):
            return True
        upper = line.isupper()
        if upper and line.lower().startswith(_DOC_TYPES) and not self.kind:
            self.kind = line
            return True
        if self.kind and not self.subject and re.match(r"^(?:về việc|v/v)\b", line, re.I):
            self.subject = line
            return True
        if upper and not self.kind and self.date is None:
            if _AGENCY.match(line):
                self.agency = [line]
            elif self.agency:
                self.agency.append(line)
            return True
        return False

    @property
    def title(self) -> str:
        if not self.kind:
            return ""
        kind = _sentence_case(self.kind)
        subject = self.subject[:1].lower() + self.subject[1:] if self.subject else ""
        return f"{kind} {subject}".strip()


def _name(line: str) -> str:
    """A person's name as signed: "Nguyễn Văn Minh", "N. Hoa", "NGUYỄN VĂN MINH"."""
    words = line.replace(".", ". ").split()
    if not 1 <= len(words) <= 5 or _SIGN_ROLE.match(line) or _AGENCY.match(line):
        return ""
    if not all(w[:1].isupper() for w in words) or _SIGNED.match(line):
        return ""
    if line.isupper():
        return " ".join(w.capitalize() for w in line.split()) if len(words) >= 2 else ""
    return line


def _is_signature(lines: list[str]) -> bool:
    if any(_RECIPIENTS.match(line) or _SIGNED.match(line) for line in lines):
        return True
    return bool(lines) and all(_SIGN_ROLE.match(line) or _name(line) for line in lines)


def _article(markup: str, photos: list[Photo], problems: list[str], name: str) -> Article:
    root = html.fragment_fromstring(markup or "<p></p>", create_parent="div")
    for image in list(root.iter("img")):
        if (image.get("src") or "").endswith(".bo-qua"):
            image.drop_tree()
    elements = [e for e in root if isinstance(e.tag, str)]
    notes = [f"lỗi ảnh: {p}" for p in problems]
    todo: dict[str, str] = {}
    header = _Header()
    title = ""
    first_lines = [line for e in elements[:3] for line in _lines(e)]
    if any(_MOTTO.search(line) for line in first_lines):
        while elements and all(header.take(line) for line in _lines(elements[0])):
            elements.pop(0)
        title = header.title
        if header.bad_date:
            todo["date"] = f"ngày “{header.bad_date}” không có thật; điền ngày đúng"

    author = ""
    while elements and elements[-1].find(".//img") is None and _is_signature(_lines(elements[-1])):
        lines = _lines(elements.pop())
        author = author or next((_name(line) for line in reversed(lines) if _name(line)), "")
    body = fragment_blocks("".join(html.tostring(e, encoding="unicode") for e in elements))
    if not title:
        lead = next((i for i, b in enumerate(body) if b.kind in ("paragraph", "heading")), None)
        if lead is not None:
            text = plain(body[lead].text)
            if body[lead].kind == "heading" or (len(text.split()) <= 30 and not text.endswith(".")):
                title = _sentence_case(text)
                del body[lead]
    body = _captions(body)
    if not title:
        todo["title"] = "tệp Word không có tiêu đề (dòng đầu hay kiểu Heading); đặt tiêu đề cho bài"
    if header.date is None and "date" not in todo:
        todo["date"] = "tệp Word không ghi ngày; điền ngày đăng"
    words = sum(
        len(plain(b.text).split())
        + sum(len(i.split()) for i in b.items)
        + sum(len(c.split()) for r in b.rows for c in r)
        for b in body
    )
    if words < 10 and not photos:
        raise ImportFailure(name, "tệp Word không có nội dung bài viết (quá ít chữ).")
    category = "Thông báo" if title.lower().startswith("thông báo") else ""
    return Article(
        title=title,
        date=header.date,
        category=category,
        author=author,
        unit=_sentence_case(" ".join(header.agency)) if header.agency else "",
        blocks=tuple(body),
        photos=tuple(photos),
        todo=todo,
        notes=tuple(notes),
    )


def _captions(body: list[Block]) -> list[Block]:
    """The line under a photo is its caption: short, or marked "(Ảnh: …)"."""
    result: list[Block] = []
    for block in body:
        previous = result[-1] if result else None
        if previous is not None and previous.kind == "image" and block.kind == "paragraph":
            text = plain(block.text)
            marked = re.search(r"\((?:ảnh|nguồn)\b", text, re.I)
            if marked or (len(text.split()) <= 30 and not text.endswith((".", "!", "?"))):
                result[-1] = replace(previous, text=text)
                continue
        result.append(block)
    return result
