"""parse_indicators plugged into the post loader, as the site adapter does."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bantin.core.dates import VIETNAM
from bantin.core.errors import ContentError
from bantin.indicators.model import Indicator
from bantin.indicators.parse import parse_indicators
from bantin.indicators.present import present
from bantin.indicators.series import collect_series
from bantin.posts.frontmatter import read_post
from bantin.posts.loader import LoadOptions, load_posts
from bantin.posts.model import Category

REPO = Path(__file__).resolve().parents[3]
NEWS = Category("Tin tức - Sự kiện", "tin-tuc-su-kien")


def site(tmp_path: Path, **posts: str) -> LoadOptions:
    for name, text in posts.items():
        path = tmp_path / "posts" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    return LoadOptions(
        root=tmp_path,
        posts_dir=tmp_path / "posts",
        docs_dir=tmp_path / "docs",
        now=datetime(2026, 1, 1, tzinfo=VIETNAM),
        categories=(NEWS,),
        indicator_parser=parse_indicators,
    )


HEAD = "---\ntitle: Bài\ndate: 01/10/2019\ncategory: Tin tức - Sự kiện\n"


def test_indicators_reach_the_post_and_warnings_the_result(tmp_path: Path) -> None:
    options = site(
        tmp_path,
        bai=HEAD + "indicators:\n"
        "  - label: Người qua đời được hỏa táng\n"
        "    value: 49\n"
        "    of: 51\n"
        "    percent: 96.07\n"
        "---\nNội dung.\n",
    )
    result = load_posts(options)
    (post,) = result.posts
    (indicator,) = post.indicators
    assert isinstance(indicator, Indicator)
    assert present(indicator).summary == "49/51 (96,07%)"
    assert [str(p) for p in result.problems] == [
        "posts/bai.md:9: cảnh báo trường 'indicators': chỉ số “Người qua đời được hỏa táng” "
        "(id: nguoi-qua-doi-duoc-hoa-tang): tỷ lệ ghi trong bài là 96,07% nhưng 49/51 = 96,08%. "
        "Sửa 'percent' thành \"96,08\", hoặc kiểm tra lại 'value' và 'of'."
    ]
    assert result.errors == []


def test_an_ambiguous_number_keeps_the_post_out_with_an_error(tmp_path: Path) -> None:
    options = site(
        tmp_path,
        bai=HEAD
        + "indicators:\n  - label: Quỹ\n    value: 93.095\n    unit: đồng\n---\nNội dung.\n",
    )
    result = load_posts(options)
    assert result.posts == []
    (error,) = result.errors
    assert error.path == "posts/bai.md"
    assert error.line == 7
    assert error.message.startswith(
        "chỉ số “Quỹ” (id: quy): 'value' không đọc được: số 93.095 viết"
    )


def test_the_demo_posts_indicators_are_clean_and_use_every_kind() -> None:
    kinds: set[str] = set()
    checked = 0
    for path in sorted((REPO / "posts").rglob("*.md")):
        try:
            raw = read_post(path, path.relative_to(REPO).as_posix())
        except ContentError:
            continue  # not this test's business
        if not raw.meta.get("indicators"):
            continue
        indicators, problems = parse_indicators(raw, raw.meta["indicators"])
        assert [str(p) for p in problems] == []
        for indicator in indicators:
            kinds.update(indicator.kinds)
            present(indicator)
        checked += 1
    if checked == 0:  # the demo content is not in this checkout
        return
    assert kinds >= {"amount", "ratio", "target", "parts", "change"}


def test_series_from_loaded_posts(tmp_path: Path) -> None:
    fund = "indicators:\n  - label: Quỹ “Vì người nghèo”\n    value: {v}\n    unit: đồng\n"
    options = site(
        tmp_path,
        a=HEAD + fund.format(v='"93.095.000"') + "unit: Ủy ban MTTQ\n---\nA.\n",
        b=HEAD.replace("01/10/2019", "28/12/2020") + fund.format(v="101500000") + "---\nB.\n",
    )
    result = load_posts(options)
    assert result.problems == []
    (series,) = collect_series(result.posts)
    assert series.id == "quy-vi-nguoi-ngheo"
    assert [(p.date.year, str(p.value), p.reporting_unit) for p in series.points] == [
        (2019, "93095000", "Ủy ban MTTQ"),
        (2020, "101500000", ""),
    ]
