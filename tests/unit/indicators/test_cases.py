"""Data-driven: each ``cases/X.md`` post is read and its indicators parsed; ``cases/X.json``
holds every expected problem (as printed to staff, with file and line) and what each
indicator shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bantin.indicators.model import Indicator
from bantin.indicators.parse import parse_indicators
from bantin.indicators.present import present
from bantin.posts.frontmatter import parse_post

CASES = Path(__file__).parent / "cases"


def describe(indicator: Indicator) -> dict[str, Any]:
    """What a case file records of an indicator: identity, kinds and the main strings shown."""
    view = present(indicator)
    shown: dict[str, Any] = {
        "id": indicator.id,
        "label": indicator.label,
        "line": indicator.line,
        "kinds": list(view.kinds),
        "summary": view.summary,
    }
    for name in ("compact", "bar", "target_text", "parts_total_text"):
        if getattr(view, name):
            shown[name] = getattr(view, name)
    if view.parts:
        shown["parts"] = [f"{p.label}: {p.amount} ({p.percent})" for p in view.parts]
    if view.change is not None:
        shown["change"] = view.change.text
        shown["change_spoken"] = view.change.spoken
    return shown


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda path: path.stem)
def test_case(case: Path) -> None:
    raw = parse_post(case.read_bytes(), f"posts/{case.name}")
    indicators, problems = parse_indicators(raw, raw.meta.get("indicators"))
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    assert [str(problem) for problem in problems] == expected["problems"]
    assert [describe(indicator) for indicator in indicators] == expected["indicators"]


def test_every_case_has_its_expectation() -> None:
    cases = {path.stem for path in CASES.glob("*.md")}
    expectations = {path.stem for path in CASES.glob("*.json")}
    assert cases and cases == expectations
