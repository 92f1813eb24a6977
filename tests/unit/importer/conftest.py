from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from bantin.core.dates import VIETNAM
from bantin.importer.batch import ImportOptions

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "portal"
SEEDS = sorted(FIXTURES.glob("*.txt"))
CATEGORIES = (
    "Tin tức - Sự kiện",
    "Bài viết chuyên sâu",
    "Dân vận chính quyền",
    "Mặt trận - Đoàn thể",
    "Thông báo",
)
# Import time is fixed so that placeholders (a missing date) are reproducible.
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=VIETNAM)


@pytest.fixture
def options(tmp_path: Path) -> ImportOptions:
    return ImportOptions(out_dir=tmp_path / "posts" / "nhap", categories=CATEGORIES, now=NOW)
