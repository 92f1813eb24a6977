"""Tag URLs: one per tag, the same in every build.

A tag's URL comes from its name without diacritics (``Giáo dục`` ->
``the/giao-duc/``). In Vietnamese the marks carry meaning: ``bão`` (storm),
``báo`` (newspaper) and ``bảo`` lose them all to ``bao``. When tags of a site
would share a slug, each of them that is not written in plain ASCII takes its
Telex spelling instead, the way Vietnamese is typed on a keyboard (``baox``,
``baos``, ``baor``): readable, and fixed by the name alone. A name with no
Latin letter at all (emoji, Khmer, Chinese) gets ``t-`` and a short hash of the
name. Whatever is left equal after that is told apart by the hash too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from ..core.text import MAX_SLUG, clean_text, cut_slug, fold_key, slugify

_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_WORDS = re.compile(r"(\w+)")


def telex(text: str) -> str:
    """The Telex keystrokes of Vietnamese text, as a slug: "Bão lũ" -> "baox-lux"."""
    words = []
    for part in _WORDS.split(clean_text(text).lower()):
        letters, tone = [], ""
        for char in part:
            if char == "đ":
                letters.append("dd")
                continue
            decomposed = unicodedata.normalize("NFD", char)
            base, marks = decomposed[0], decomposed[1:]
            shape = base
            for mark in marks:
                if mark in _TONES:
                    tone = _TONES[mark]
                elif mark == "\u0302":  # â ê ô
                    shape = base + base
                elif mark in ("\u0306", "\u031b"):  # ă ơ ư
                    shape = base + "w"
            letters.append(shape)
        words.append("".join(letters) + tone)
    return slugify("".join(words))


def _hashed(name: str, prefix: str) -> str:
    digest = hashlib.blake2b(fold_key(name).encode("utf-8"), digest_size=4).hexdigest()
    return f"{cut_slug(prefix, MAX_SLUG - 9)}-{digest}" if prefix else f"t-{digest}"


def tag_slugs(names: Iterable[str]) -> dict[str, str]:
    """The slug of each tag, keyed by :func:`~bantin.core.text.fold_key` of its name."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(fold_key(name), name)
    groups: dict[str, list[str]] = defaultdict(list)
    for key, name in by_key.items():
        groups[slugify(name)].append(key)
    slugs: dict[str, str] = {}
    for plain, keys in groups.items():
        for key in keys:
            name = by_key[key]
            if not plain:
                slugs[key] = _hashed(name, "")
            elif len(keys) == 1 or name.isascii():
                slugs[key] = plain
            else:
                slugs[key] = telex(name)
    # Anything still shared (two spellings with one Telex form, a Telex form that is
    # another tag's plain slug): the hash of the name decides.
    owners: dict[str, list[str]] = defaultdict(list)
    for key, slug in slugs.items():
        owners[slug].append(key)
    for slug, keys in owners.items():
        if len(keys) > 1:
            # A name written exactly as its slug keeps it; every other one is hashed.
            keeper = next((k for k in sorted(keys) if by_key[k].isascii()), None)
            for key in keys:
                if key != keeper:
                    slugs[key] = _hashed(by_key[key], slug)
    return slugs
