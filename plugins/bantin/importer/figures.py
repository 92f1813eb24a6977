"""Proposed ``indicators`` from the figures an article states.

Only figures written in the text are proposed, each with the words around it
(so staff can judge it) and with a stated percent kept as written, so that
the build's own checks flag one that does not match. Nothing is computed or
filled in: no target that the article does not name, no sum of parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .blocks import plain
from .model import Block, ProposedIndicator

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_MONEY_UNITS = r"triệu đồng|tỷ đồng|tỉ đồng|nghìn đồng|ngàn đồng|đồng|VNĐ|VND|đ"
_COUNT_UNITS = (
    "lượt người",
    "lượt",
    "người",
    "hộ dân",
    "hộ gia đình",
    "hộ nghèo",
    "hộ cận nghèo",
    "hộ",
    "mô hình",
    "buổi",
    "cuộc",
    "tổ dân phố",
    "tổ",
    "trường hợp",
    "suất quà",
    "suất",
    "phần quà",
    "hội viên",
    "đoàn viên",
    "đảng viên",
    "cán bộ",
    "học sinh",
    "cháu",
    "gia đình",
    "công trình",
    "tấn",
    "cây",
    "đơn thư",
    "đơn",
    "hồ sơ",
    "thủ tục",
    "doanh nghiệp",
    "cơ sở",
    "lớp",
    "đợt",
    "chuyến",
    "căn nhà",
    "ngôi nhà",
    "liều",
    "mũi",
    "tuyến",
    "chi hội",
    "câu lạc bộ",
    "vụ",
    "đối tượng",
    "tin, bài",
    "tin bài",
    "khu dân cư",
)
_UNIT = "|".join(re.escape(u) for u in sorted(_COUNT_UNITS, key=len, reverse=True))
_MONEY = re.compile(rf"(?<![\d.,/])({_NUMBER})\s?({_MONEY_UNITS})(?![\wÀ-ỹ])", re.I)
_RATIO = re.compile(rf"(?<![\d.,/])(\d+)/(\d+)(?![\d/])\s+({_UNIT})(?![\wÀ-ỹ])", re.I)
_COUNT = re.compile(rf"(?<![\d.,/-])({_NUMBER})\s?({_UNIT})(?![\wÀ-ỹ])", re.I)
_PERCENT_AFTER = re.compile(
    r"^[^.;\d]{0,60}?(?:đạt|bằng|chiếm|tỷ lệ|tỉ lệ)\s+(\d+(?:[.,]\d+)?)\s?%", re.I
)
_PARTS_START = re.compile(r"^[^.;]{0,80}?trong đó[:,]?\s+", re.I)
_PART = re.compile(rf"^({_NUMBER})\s+([^,;.\d]+?)\s*(?:,\s*|;\s*|\s+và\s+|(?=[.;)]|$))", re.I)
# Words before a number that make it a date, an ordinal or a name, not a count.
_NOT_A_COUNT = re.compile(
    r"(?<!\w)(?:(?:thứ|ngày|tháng|năm|số|kỳ|khóa|khoá|lộ|đường|điều|khoản|phòng|tầng|giai đoạn|quý|"
    r"tuần|lớp|khu|ngõ|ngách|hẻm|xóm|thôn|phố|tổ|lần|đợt|sáng|chiều|tối|trưa|đêm|hôm)|"
    r"(?:khoảng|gần|ước|ước tính|dự kiến)(?:\s+(?:trên|hơn|dưới))?)\s*$",
    re.I,
)
_TRAILING_FILLER = re.compile(
    r"(?:\s+|^)(?:là|được|đạt|với|có|gồm|tới|đến|lên tới|lên đến|tổng cộng|trên|hơn|"
    r"khoảng|gần|và|cho|của|:)\s*$",
    re.I,
)
_LEADING_FILLER = re.compile(r"^(?:và|đã|với|còn|trong đó|đồng thời)\s+", re.I)
_LABEL_END = re.compile(r"[,;.:()]|\s\d|\s(?:đạt|trong đó|chiếm|bằng|tăng|giảm|so với)\s", re.I)
_MAX_LABEL_WORDS = 10
# A long report states dozens of figures; beyond this many, proposals stop being a help.
MAX_PROPOSALS = 12
_MAX_FOLLOWING_WORDS = 8


def _value(written: str, percent: bool = False) -> str:
    """A figure as the content contract writes it: "93.095.000", "88,37", "5"."""
    if percent and re.fullmatch(r"\d+\.\d{1,2}", written):
        return written.replace(".", ",")  # "88.37%": a decimal point, not a thousands dot
    if re.fullmatch(r"\d+", written):
        return str(int(written))
    return written


def _sentence_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around a figure, cut at whole words, for the review comment."""
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    left = left + 2 if left != -1 else 0
    right_candidates = [i for i in (text.find(". ", end), text.find("; ", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    prefix = suffix = ""
    if start - left > 100:
        left = text.find(" ", start - 100) + 1
        prefix = "…"
    if right - end > 100:
        right = text.rfind(" ", end, end + 100)
        suffix = "…"
    return prefix + text[left:right].strip() + suffix


def _clause_before(text: str, start: int) -> str:
    before = text[:start]
    cut = max(before.rfind(c) for c in ",;.")
    clause = before[cut + 1 :].strip().rstrip(" :")
    for _ in range(4):
        clause = _TRAILING_FILLER.sub("", clause).strip()
    clause = _LEADING_FILLER.sub("", clause)
    words = clause.split()
    return " ".join(words[-_MAX_LABEL_WORDS:])


def _words_after(text: str, end: int) -> str:
    after = text[end:]
    stop = _LABEL_END.search(after)
    phrase = after[: stop.start()] if stop else after
    phrase = re.sub(r"([^\s])“", r"\1 “", phrase)
    words = phrase.split()
    taken = " ".join(words[:_MAX_FOLLOWING_WORDS])
    for _ in range(3):
        taken = _TRAILING_FILLER.sub("", taken).strip()
    if taken.count("“") > taken.count("”"):
        taken += "”"
    return taken


def _capitalised(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _percent_after(text: str, end: int) -> str | None:
    match = _PERCENT_AFTER.match(text[end:])
    return _value(match.group(1), percent=True) if match else None


def _parts_after(text: str, end: int) -> tuple[tuple[tuple[str, str], ...], int]:
    start = _PARTS_START.match(text[end:])
    if not start:
        return (), end
    position = end + start.end()
    parts: list[tuple[str, str]] = []
    while True:
        match = _PART.match(text[position:])
        if not match:
            break
        parts.append((_capitalised(match.group(2).strip()), _value(match.group(1))))
        position += match.end()
    return (tuple(parts), position) if len(parts) >= 2 else ((), end)


def propose(blocks: Iterable[Block]) -> list[ProposedIndicator]:
    """Indicators for the figures in the article's paragraphs and list items."""
    texts: list[str] = []
    for block in blocks:
        if block.kind in ("paragraph", "line"):
            texts.append(plain(block.text))
        elif block.kind == "list":
            texts.extend(plain(item) for item in block.items)
    found: list[ProposedIndicator] = []
    seen: set[tuple[str, str, str]] = set()

    def add(indicator: ProposedIndicator) -> None:
        key = (indicator.label.casefold(), indicator.value, indicator.unit)
        if indicator.label and key not in seen:
            seen.add(key)
            found.append(indicator)

    for text in texts:
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int, taken: list[tuple[int, int]] = taken) -> bool:
            return all(end <= a or start >= b for a, b in taken)

        for match in _RATIO.finditer(text):
            if _NOT_A_COUNT.search(text[: match.start()]):
                continue
            value, whole, unit = match.groups()
            if int(value) > int(whole) * 10:
                continue
            label = _capitalised(f"{unit} {_words_after(text, match.end())}".strip())
            add(
                ProposedIndicator(
                    label=label,
                    value=_value(value),
                    of=_value(whole),
                    unit=unit.lower(),
                    percent=_percent_after(text, match.end()),
                    quote=_sentence_around(text, match.start(), match.end()),
                )
            )
            taken.append((match.start(), match.end()))
        for match in _MONEY.finditer(text):
            if not free(match.start(), match.end()) or _NOT_A_COUNT.search(text[: match.start()]):
                continue
            written, unit = match.groups()
            unit = "đồng" if unit.lower() in ("đ", "vnđ", "vnd") else unit.lower()
            label = _capitalised(_clause_before(text, match.start())) or "Số tiền"
            add(
                ProposedIndicator(
                    label=label,
                    value=_value(written),
                    unit=unit,
                    percent=_percent_after(text, match.end()),
                    quote=_sentence_around(text, match.start(), match.end()),
                )
            )
            taken.append((match.start(), match.end()))
        for match in _COUNT.finditer(text):
            if not free(match.start(), match.end()) or _NOT_A_COUNT.search(text[: match.start()]):
                continue
            written, unit = match.groups()
            following = _words_after(text, match.end())
            parts, parts_end = _parts_after(text, match.end())
            label = _capitalised(f"{unit} {following}".strip())
            if not following:
                before = _clause_before(text, match.start())
                label = _capitalised(f"{before} ({unit})" if before else unit)
            add(
                ProposedIndicator(
                    label=label,
                    value=_value(written),
                    unit=unit.lower(),
                    percent=_percent_after(text, match.end()),
                    parts=parts,
                    quote=_sentence_around(text, match.start(), max(match.end(), parts_end)),
                )
            )
            taken.append((match.start(), max(match.end(), parts_end)))
    return found[:MAX_PROPOSALS]
