from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import TinySite


@pytest.fixture
def tiny(tmp_path: Path) -> TinySite:
    """An empty ward site in a temporary folder."""
    return TinySite(tmp_path / "ward")
