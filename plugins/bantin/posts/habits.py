"""Front matter as staff type it in Word: made into the YAML it means, before YAML reads it.

Ward staff write a post's fields as they write text, not as YAML programmers.
This module rewrites the YAML text, line by line and keeping every line where
it was, so that:

- a one-line **text field** (``title``, ``summary``, ``image_caption``,
  ``author``, ``source``, ``unit``, an indicator's or part's ``label`` and
  ``unit``) takes its text as written: ``title: Quận Tây Hồ: Hiệu quả…``,
  ``image_caption: Trao quà (Ảnh: N. Hoa)``, ``author: @phuong``,
  ``title: "Dân vận khéo" được phát động``. Such a value is written out as a
  YAML double-quoted string; a value that YAML reads fine, a quoted value, a
  list ``[…]``, a block ``|``/``>`` and a value that continues on the next
  line are left alone, so numbers, dates, true/false keep their clear errors;
- Word's curly quotes around a **whole value** (“…”, ‘…’) are quotes, for any
  field: ``value: “93.095.000”`` is the text ``93.095.000``;
- non-breaking spaces (pasted from Word) in the indentation, around a key and
  its ``:`` and at the end of a line are plain spaces, and invisible
  zero-width characters are removed.

Everything else stays strict: YAML still reads the result, with its limits and
line:column errors (:mod:`bantin.posts.safe_yaml`).
"""

from __future__ import annotations

import json
import re

from .fields import TEXT_FIELDS

# Keys inside ``indicators`` items and their ``parts`` that hold one line of text.
NESTED_TEXT_KEYS = frozenset({"label", "unit"})

# Spaces Word pastes instead of a plain one: no-break, figure, narrow no-break.
NBSP = "\u00a0\u2007\u202f"
# Invisible characters with no business in front matter: zero-width space,
# word joiner, zero-width no-break space (a BOM in mid-file), LRM, RLM.
ZERO_WIDTH = "\u200b\u2060\ufeff\u200e\u200f"
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_NBSP_TO_SPACE = str.maketrans(dict.fromkeys(NBSP, " "))

# A key line: indentation, list dashes, a key, ':' and what follows.
_KEY_LINE = re.compile(
    rf"^(?P<lead>[ {NBSP}]*(?:-[ {NBSP}]+)*)(?P<key>[A-Za-z_][A-Za-z0-9_]*)"
    rf"(?P<colon>[ {NBSP}]*:)(?P<sep>[ {NBSP}]+|$)(?P<rest>.*)$"
)
# A list item line: "- value".
_ITEM_LINE = re.compile(rf"^(?P<lead>[ {NBSP}]*-[ {NBSP}]+)(?P<rest>.*)$")
_TRAILING_NBSP = re.compile(rf"[ {NBSP}]+$")
# A comment starts at '#' after white space.
_COMMENT = re.compile(r"[ \t]#")
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_SINGLE_QUOTED = re.compile(r"'(?:[^']|'')*'")
# Lines that may need rewriting: anything from Word, or a text field whose value has a ':'
# or starts with a character YAML would not take as the start of text.
_TEXT_KEYS = "|".join(sorted(TEXT_FIELDS | NESTED_TEXT_KEYS))
_WORD_LINE = re.compile(f"[{NBSP}“”„‘’]")
# Starts with "\n" (the text is searched with one put in front): a literal prefix lets the
# regex engine jump from line to line instead of trying every character.
_TEXT_LINE = re.compile(
    rf"\n[ \t]*(?:-[ \t]+)*(?:{_TEXT_KEYS})[ \t]*:[ \t]+(?:[^\n]*:|[\"'\[{{&*%@`?-])"
)
# Word's quotes: opening (or a closing one typed where an opening was meant) and closing.
CURLY_PAIRS = (("“”„", "”“"), ("‘’", "’‘"))


def curly_inner(value: str) -> str | None:
    """The text inside Word quotes around the whole value, or ``None``."""
    if len(value) < 2:
        return None
    for openers, closers in CURLY_PAIRS:
        if value[0] in openers and value[-1] in closers:
            inner = value[1:-1]
            # “a” và “b” is two quoted words in a text, not one quoted value.
            if any(c in inner for c in openers + closers):
                return None
            return inner
    return None


def _split_comment(rest: str) -> tuple[str, str]:
    """(value, trailing comment with the white space before it)."""
    if rest.startswith("#"):
        return "", rest
    match = _COMMENT.search(rest)
    if match is None:
        return rest.rstrip(), rest[len(rest.rstrip()) :]
    value = rest[: match.start()]
    return value.rstrip(), rest[len(value.rstrip()) :]


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _text_needs_quotes(value: str) -> bool:
    """Whether YAML would fail on, or misread, this one-line text written as it is."""
    first = value[0]
    if first in "\"'":
        complete = (_DOUBLE_QUOTED if first == '"' else _SINGLE_QUOTED).match(value)
        # A complete quoted value is YAML's to read; an unclosed quote stays an error.
        return complete is not None and complete.end() < len(value)
    if first in "|>":
        return False  # a block of text on the following lines
    if first in "[{":
        closing = "]" if first == "[" else "}"
        return not value.endswith(closing)  # "[Video] Hội nghị" is text; "[a, b]" a list
    if first == "!":
        return False  # a YAML tag: refused with its own clear message
    if first in "&*%@`":
        return True
    if value in ("-", "?", ":") or value.startswith(("- ", "? ", ": ")):
        return True
    return ": " in value or ":\t" in value or value.endswith(":")


def _continues(lines: list[str], index: int, column: int) -> bool:
    """Whether the value on line ``index`` goes on to the next lines (indented past ``column``)."""
    for line in lines[index + 1 :]:
        if not line.strip(" \t" + NBSP):
            continue
        indent = len(line) - len(line.lstrip(" \t" + NBSP))
        return indent > column and not line.lstrip(" \t" + NBSP).startswith("#")
    return False


def normalize_front_matter(yaml_text: str) -> str:
    """The front matter with Word's habits made into the YAML they mean (same lines)."""
    if _ZERO_WIDTH.search(yaml_text):
        yaml_text = _ZERO_WIDTH.sub("", yaml_text)
    candidates = {yaml_text.count("\n", 0, m.start()) for m in _WORD_LINE.finditer(yaml_text)}
    candidates.update(
        yaml_text.count("\n", 0, m.start()) for m in _TEXT_LINE.finditer("\n" + yaml_text)
    )
    if not candidates:  # the common case, decided at C speed (10,000-post builds)
        return yaml_text
    lines = yaml_text.split("\n")
    changed = False
    for index in sorted(candidates):
        line = lines[index]
        new = _normalize_line(lines, index, line)
        if new != line:
            lines[index] = new
            changed = True
    return "\n".join(lines) if changed else yaml_text


def _normalize_line(lines: list[str], index: int, line: str) -> str:
    if not line or line.lstrip(" ").startswith("#"):
        return line
    if any(c in line for c in NBSP) and line.strip(" " + NBSP):
        line = _TRAILING_NBSP.sub(lambda m: " " * len(m.group()), line)
    match = _KEY_LINE.match(line)
    if match is not None:
        key, rest = match.group("key"), match.group("rest")
        prefix = line[: match.start("rest")]
        if rest.strip(" "):  # a value of no-break spaces alone is left as written
            prefix = prefix.translate(_NBSP_TO_SPACE)
        lead = match.group("lead")
        nested = bool(lead)
        is_text = (key in NESTED_TEXT_KEYS) if nested else (key in TEXT_FIELDS)
        column = len(lead)
    else:
        item = _ITEM_LINE.match(line)
        if item is None:
            return line
        prefix = item.group("lead").translate(_NBSP_TO_SPACE)
        rest = item.group("rest")
        is_text = False
        column = len(prefix) - 1
    whole = curly_inner(rest.rstrip(" \t"))
    if whole is not None:  # “Tổ #5”: the quotes hold the whole line, '#' included
        return prefix + _quoted(whole) + rest[len(rest.rstrip(" \t")) :]
    value, comment = _split_comment(rest)
    if not value:
        return prefix + rest
    inner = curly_inner(value)
    if inner is not None:
        return prefix + _quoted(inner) + comment
    if is_text and _text_needs_quotes(value) and not _continues(lines, index, column):
        return prefix + _quoted(value) + comment
    return prefix + rest


__all__ = [
    "CURLY_PAIRS",
    "NBSP",
    "NESTED_TEXT_KEYS",
    "TEXT_FIELDS",
    "ZERO_WIDTH",
    "curly_inner",
    "normalize_front_matter",
]
