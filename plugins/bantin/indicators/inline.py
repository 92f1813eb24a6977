"""Where the indicator box goes, and figures quoted in the prose.

The body syntax (markers in double square brackets, written in the Markdown):

``[[chỉ số]]`` on a line of its own
    puts the indicator box there instead of after the lead (the default).
``[[ẩn chỉ số]]`` (anywhere)
    leaves the box out of the page; the indicators still count on the
    indicator pages.
``[[chỉ số: <id>]]`` inside a sentence
    inserts that indicator's figure as the box prints it, so prose and box never
    disagree: ``vận động được [[chỉ số: quy-vi-nguoi-ngheo]]`` reads "vận động
    được 93.095.000 đồng (đạt 88,37%)". The id is the indicator's ``id`` (by
    default the slug of its label); the label itself is accepted too.

Markers are matched without regard to case, diacritics or Unicode form:
``[[Chi so]]``, ``[[CHỈ SỐ]]``, ``[[an chi so]]``, ``[[chi so: id]]`` all work.
Markers inside fenced code blocks (```` ``` ```` or ``~~~``) and inline code
(`` `[[chỉ số]]` ``), or escaped as ``\\[[chỉ số]]``, are left as written, so
the syntax can be documented in a post. (Indented code blocks are not
recognised; write examples in fences.)

Only the first placement marker counts; a later ``[[chỉ số]]``/``[[ẩn chỉ số]]``
is removed with a warning, as is a ``[[chỉ số]]`` in a post without indicators.
An unknown id is an error that names the line and suggests the closest id.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..core.errors import Problem, Severity
from ..core.suggest import did_you_mean
from ..core.text import clean_line, fold_marks, slugify
from .model import Indicator
from .present import inline_text

Placement = Literal["default", "inline", "hidden"]
FIELD = "nội dung"

_MARKER = re.compile(r"(\\?)\[\[([^\[\]\n]{1,200})\]\]")
_FENCE = re.compile(r"^[ \t]*(?:>[ \t]*)*(`{3,}|~{3,})(.*)$")
# The start of an HTML tag not yet closed before a marker: <img alt="… [[chỉ số: x]]
_OPEN_TAG = re.compile(r"<[A-Za-z][^<>]*$")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
# Characters Markdown would interpret inside the inserted figure.
_MARKDOWN_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "*_`[]\\~|{}#"})
BOX, HIDDEN, REFERENCE = "box", "hidden", "reference"


@dataclass(frozen=True)
class Marker:
    """One marker found in the body: where, what, and for references the id as written."""

    kind: str
    line: int  # 0-based line of the body
    start: int
    end: int
    alone: bool
    reference: str = ""
    in_tag: bool = False  # inside an HTML tag (an attribute): markup cannot go there


def _classify(inner: str) -> tuple[str, str] | None:
    folded = fold_marks(inner)
    if folded == "chi so":
        return BOX, ""
    if folded == "an chi so":
        return HIDDEN, ""
    head, colon, tail = inner.partition(":")
    if colon and fold_marks(head) == "chi so":
        return REFERENCE, clean_line(tail)
    return None


def _code_spans(line: str) -> list[tuple[int, int]]:
    return [match.span() for match in _CODE_SPAN.finditer(line)]


def markers(markdown: str) -> Iterator[Marker]:
    """Every marker outside code, in order."""
    return iter(_markers(markdown))


@lru_cache(maxsize=1 << 14)
def _markers(markdown: str) -> tuple[Marker, ...]:
    """Remembered: the same bodies are read for markers several times per build, and
    again by every build of ``bantin serve``."""
    return tuple(_find_markers(markdown))


def _find_markers(markdown: str) -> Iterator[Marker]:
    fence: tuple[str, int] | None = None
    for number, line in enumerate(markdown.split("\n")):
        opening = _FENCE.match(line)
        if fence is not None:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= fence[1]
                and not opening.group(2).strip()
            ):
                fence = None
            continue
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = (opening.group(1)[0], len(opening.group(1)))
            continue
        if "[[" not in line:
            continue
        spans = _code_spans(line)
        for match in _MARKER.finditer(line):
            if match.group(1):  # escaped: \[[chỉ số]]
                continue
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            found = _classify(match.group(2))
            if found is None:
                continue
            kind, reference = found
            alone = not line[: match.start()].strip() and not line[match.end() :].strip()
            in_tag = _OPEN_TAG.search(line[: match.start()]) is not None
            yield Marker(kind, number, match.start(), match.end(), alone, reference, in_tag)


def _is_placement(marker: Marker) -> bool:
    return marker.kind == HIDDEN or (marker.kind == BOX and marker.alone)


def find_placement(markdown: str) -> Placement:
    """``inline`` if the body places the box (``[[chỉ số]]``), ``hidden`` if it hides it, else ``default``."""
    for marker in markers(markdown):
        if _is_placement(marker):
            return "inline" if marker.kind == BOX else "hidden"
    return "default"


def lookup(reference: str, indicators: Sequence[Indicator]) -> Indicator | None:
    """The indicator an inline reference names: by id, else by label (both compared as slugs)."""
    wanted = slugify(reference)
    if not wanted:
        return None
    for indicator in indicators:
        if indicator.id == wanted:
            return indicator
    for indicator in indicators:
        if slugify(indicator.label) == wanted:
            return indicator
    return None


def figure_html(indicator: Indicator) -> str:
    """The inline figure as HTML safe inside Markdown: escaped, Markdown characters as entities."""
    text = html.escape(inline_text(indicator), quote=True).translate(_MARKDOWN_SPECIAL)
    return f'<span class="bt-figure" data-indicator="{html.escape(indicator.id, quote=True)}">{text}</span>'


def expand(
    markdown: str,
    indicators: Sequence[Indicator],
    box_html: str,
    path: str,
    body_line: int,
) -> tuple[str, list[Problem]]:
    """Replace the markers: the box marker by ``box_html``, references by their figures.

    ``body_line`` is the file line of the body's first line, so problems name
    the line in the file. ``box_html`` is inserted as a raw HTML block (blank
    lines around it); pass ``""`` to drop the marker.
    """
    problems: list[Problem] = []
    lines = markdown.split("\n")
    edits: dict[int, list[tuple[Marker, str]]] = {}
    placed = False

    def problem(marker: Marker, message: str, severity: Severity) -> None:
        problems.append(
            Problem(
                path,
                message,
                field=FIELD,
                line=body_line + marker.line,
                column=marker.start + 1,
                severity=severity,
            )
        )

    for marker in markers(markdown):
        written = lines[marker.line][marker.start : marker.end]
        replacement: str | None = None
        if marker.in_tag:
            problem(
                marker,
                f'“{written}” nằm trong một thẻ HTML (như alt="…" của <img>) nên không thay '
                "được bằng con số; để nguyên chữ. Viết con số trực tiếp, hoặc đặt “[[chỉ số: id]]” "
                "trong câu chữ thường.",
                Severity.WARNING,
            )
        elif marker.kind == REFERENCE:
            replacement = _reference(marker, written, indicators, problem)
        elif marker.kind == BOX and not marker.alone:
            problem(
                marker,
                f"“{written}” phải đứng riêng trên một dòng (dòng trống trước và sau) để đặt khung "
                "chỉ số ở đó; để chèn một con số vào câu, viết “[[chỉ số: id]]”.",
                Severity.WARNING,
            )
        elif not indicators:
            problem(
                marker,
                f"bài không có chỉ số nào (trường 'indicators') nên “{written}” không có tác dụng; "
                "xóa dòng này.",
                Severity.WARNING,
            )
            replacement = ""
        elif placed:
            problem(
                marker,
                f"“{written}” thừa: vị trí khung chỉ số đã được đặt ở trên. Chỉ viết một "
                "“[[chỉ số]]” hoặc “[[ẩn chỉ số]]” trong bài; dòng này bị bỏ qua.",
                Severity.WARNING,
            )
            replacement = ""
        else:
            placed = True
            replacement = f"\n{box_html}\n" if marker.kind == BOX and box_html else ""
        if replacement is not None:
            edits.setdefault(marker.line, []).append((marker, replacement))

    for number, changes in edits.items():
        line = lines[number]
        for marker, replacement in sorted(changes, key=lambda change: -change[0].start):
            if marker.alone:  # the whole line is the marker
                line = replacement
            else:
                line = line[: marker.start] + replacement + line[marker.end :]
        lines[number] = line if line.strip() else ""
    return "\n".join(lines), problems


def _reference(
    marker: Marker,
    written: str,
    indicators: Sequence[Indicator],
    problem: Callable[[Marker, str, Severity], None],
) -> str | None:
    if not marker.reference:
        problem(
            marker,
            f"“{written}” thiếu id của chỉ số sau dấu hai chấm, ví dụ: [[chỉ số: "
            f"{indicators[0].id if indicators else 'ho-ngheo-duoc-giup-do'}]].",
            Severity.ERROR,
        )
        return None
    found = lookup(marker.reference, indicators)
    if found is not None:
        return figure_html(found)
    if not indicators:
        problem(
            marker,
            f"“{written}” trỏ tới chỉ số “{marker.reference}” nhưng bài không có chỉ số nào. "
            "Thêm chỉ số vào trường 'indicators' hoặc xóa tham chiếu này.",
            Severity.ERROR,
        )
        return None
    ids = [indicator.id for indicator in indicators]
    hint = did_you_mean(marker.reference, ids, shown="“[[chỉ số: {}]]”")
    problem(
        marker,
        f"“{written}”: bài không có chỉ số có id “{marker.reference}”.{hint} Các id trong bài: "
        + ", ".join(ids)
        + ".",
        Severity.ERROR,
    )
    return None


__all__ = [
    "Marker",
    "Placement",
    "expand",
    "figure_html",
    "find_placement",
    "lookup",
    "markers",
]
