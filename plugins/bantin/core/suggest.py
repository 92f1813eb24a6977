"""“Có phải là …?”: the one way bantin suggests what a person meant to write.

A misspelt field, indicator key, category, indicator id or post reference gets
the closest known name, compared without case or diacritics (``Tin tuc`` finds
``Tin tức - Sự kiện``, ``valeu`` finds ``value``), through :mod:`difflib`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .text import slugify

# difflib's similarity ratio a suggestion needs: low enough for a slip of one or two
# letters in a short key ("valeu", "catgory"), high enough that "xyz" suggests nothing.
CUTOFF = 0.5


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a misspelt ``word``, or ``None`` when none is close."""
    options = {slugify(choice) or choice: choice for choice in choices}
    match = difflib.get_close_matches(slugify(word) or word, list(options), n=1, cutoff=CUTOFF)
    return options[match[0]] if match else None


def did_you_mean(word: str, choices: Iterable[str], *, shown: str = "“{}”") -> str:
    """``" Có phải là “x”?"`` for the closest choice ``x`` (written as ``shown``), or ``""``.

    ``shown`` follows the message: ``"'{}'"`` for a field name, ``"“[[chỉ số: {}]]”"``
    for an indicator reference.
    """
    match = closest(word, choices)
    return f" Có phải là {shown.format(match)}?" if match else ""


__all__ = ["CUTOFF", "closest", "did_you_mean"]
