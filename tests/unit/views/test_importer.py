"""``import_logs`` on real-format log files: what counts, re-imports, rotated sets, failures."""

from __future__ import annotations

import itertools
import json
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bantin.core import files
from bantin.views import importer
from bantin.views.importer import ImportSummary, LogReadError, import_logs
from bantin.views.skip import Skip
from bantin.views.store import ViewsDataError

from .logkit import (
    ARTICLE,
    ARTICLE_KEY,
    BINGBOT,
    CHROME,
    COCCOC,
    GOOGLEBOT,
    IPHONE,
    T0,
    line,
    write_log,
)

OTHER = "/2021/03/08/phu-nu-phuong/"
OTHER_KEY = "2021/03/08/phu-nu-phuong/"


def run(paths: list[Path], data: Path, **options: object) -> ImportSummary:
    return import_logs(paths, data, **options)  # type: ignore[arg-type]


def counts(data: Path) -> tuple[dict[str, int], dict[str, int]]:
    doc = json.loads(data.read_text(encoding="utf-8"))
    return doc["pages"], doc["days"]


# -- what counts --------------------------------------------------------------


def test_only_page_views_of_readers_count(tmp_path: Path) -> None:
    lines = [
        line(ARTICLE, at=0),  # view
        line("/assets/stylesheets/main.css", at=1, status=304, size="-"),
        line("/assets/javascripts/bundle.js", at=1),
        line("/search/search_index.json", at=2),
        line(ARTICLE + "anh/trao-qua.jpg", at=2),
        line(ARTICLE, at=3, addr="66.249.66.1", agent=GOOGLEBOT),
        line("/", at=4, addr="157.55.39.1", agent=BINGBOT),
        line(ARTICLE, at=5, addr="198.51.100.1", agent="curl/8.5.0"),
        line(ARTICLE, at=6, addr="198.51.100.2", agent="-"),
        line(ARTICLE, at=7, addr="198.51.100.3", method="HEAD", size=0),
        line("/xmlrpc.php", at=8, addr="198.51.100.4", method="POST", status=405),
        line("/khong-co/", at=9, addr="198.51.100.5", status=404),
        line("/2020/10/13/ket-qua-cong-tac-mat-tran", at=10, addr="198.51.100.6", status=301),
        line("/.env", at=11, addr="198.51.100.7", status=404),
        line("/a/../b/", at=12, addr="198.51.100.8"),
        line(ARTICLE, at=13, addr="2001:db8::7", agent=IPHONE, status=304, size="-"),  # view
        line(ARTICLE + "?fbclid=IwAR1", at=14, addr="192.0.2.10"),  # view
        line(ARTICLE + "index.html", at=15, addr="192.0.2.11"),  # view
        line("/", at=16, addr="192.0.2.12", agent=COCCOC),  # view: home
        line("/chuyen-muc/tin-tuc/index.html", at=17, addr="192.0.2.12", agent=COCCOC),  # view
        '203.0.113.9 - - [22/Nov/2026:10:00:18 +0700] "GET /2020/10/13/ket-qua\n',
        r'198.51.100.9 - - [22/Nov/2026:10:00:19 +0700] "\x16\x03\x01\x02\x00" 400 157 "-" "-"'
        + "\n",
    ]
    log = write_log(tmp_path / "access.log", lines)
    data = tmp_path / "data" / "views.json"
    summary = run([log], data)
    assert summary.lines == len(lines)
    assert summary.views == 6
    assert dict(summary.skipped) == {
        Skip.ASSET: 4,
        Skip.BOT: 4,
        Skip.NOT_GET: 3,
        Skip.STATUS: 3,
        Skip.BAD_PATH: 1,
        Skip.MALFORMED: 1,
    }
    assert summary.views + summary.skipped_total == summary.lines
    assert summary.written
    pages, days = counts(data)
    assert pages == {ARTICLE_KEY: 4, "": 1, "chuyen-muc/tin-tuc/": 1}
    assert days == {"2026-11-22": 6}


def test_thirty_minute_rule(tmp_path: Path) -> None:
    lines = [line(ARTICLE, at=s) for s in (0, 60, 1799, 1800, 3000, 3599, 3600)]
    lines += [line(OTHER, at=30)]  # another page: its own window
    lines += [line(ARTICLE, at=40, agent=IPHONE)]  # same address, another browser: another visitor
    log = write_log(tmp_path / "access.log", sorted(lines, key=lambda x: x.split("[")[1]))
    summary = run([log], tmp_path / "views.json")
    assert summary.views == 5  # 0, 1800, 3600 + other page + other browser
    assert summary.skipped[Skip.REPEAT] == 4
    assert counts(tmp_path / "views.json")[0] == {ARTICLE_KEY: 4, OTHER_KEY: 1}


def test_site_under_a_sub_path(tmp_path: Path) -> None:
    lines = [
        line("/phuong" + ARTICLE, at=0),
        line("/phuong" + ARTICLE + "index.html", at=1, addr="192.0.2.1"),
        line("/phuong/", at=2),
        line(ARTICLE, at=3, addr="192.0.2.2"),  # another site on the same server
        line("/phuong/assets/x.css", at=4),
    ]
    log = write_log(tmp_path / "access.log", lines)
    summary = run([log], tmp_path / "v.json", site_prefix="https://example.vn/phuong")
    assert summary.views == 3
    assert summary.skipped == Counter({Skip.NOT_PAGE: 1, Skip.ASSET: 1})
    assert counts(tmp_path / "v.json")[0] == {ARTICLE_KEY: 2, "": 1}


def test_known_pages_only(tmp_path: Path) -> None:
    lines = [
        line(ARTICLE, at=0),
        line("/", at=1),
        line("/trang-cu.html", at=2),
        line("/2019/01/01/bai-da-xoa/", at=3),
    ]
    log = write_log(tmp_path / "access.log", lines)
    keys = {"/" + ARTICLE_KEY + "index.html", "", OTHER_KEY}  # any form of the site's URLs
    summary = run([log], tmp_path / "v.json", page_keys=keys)
    assert summary.views == 2
    assert summary.skipped == Counter({Skip.NOT_PAGE: 2})


def test_days_are_vietnam_days(tmp_path: Path) -> None:
    def utc(h: int, m: int, s: int, day: int = 21) -> datetime:
        return datetime(2026, 11, day, h, m, s, tzinfo=UTC)

    lines = [
        line(ARTICLE, at=utc(16, 59, 59), addr="192.0.2.1"),  # 23:59:59 on the 21st in Vietnam
        line(ARTICLE, at=utc(17, 0, 0), addr="192.0.2.2"),  # 00:00:00 on the 22nd
        line(ARTICLE, at=utc(23, 30, 0), addr="192.0.2.3"),
    ]
    log = write_log(tmp_path / "access.log", lines)
    run([log], tmp_path / "v.json")
    assert counts(tmp_path / "v.json")[1] == {"2026-11-21": 1, "2026-11-22": 2}


def test_no_address_nor_agent_is_stored(tmp_path: Path) -> None:
    lines = [line(ARTICLE, at=s * 7, addr=f"203.0.113.{s}") for s in range(30)]
    lines.append(line(ARTICLE, at=300, addr="2001:db8:abcd::42", agent=IPHONE))
    log = write_log(tmp_path / "access.log", lines)
    run([log], tmp_path / "v.json")
    text = (tmp_path / "v.json").read_text(encoding="utf-8")
    assert "203.0.113" not in text and "2001:db8" not in text
    assert "Mozilla" not in text and "iPhone" not in text
    assert json.loads(text)["pages"] == {ARTICLE_KEY: 31}


# -- re-imports and overlaps --------------------------------------------------


def traffic(seed: int, count: int = 1500, start: int = 0, spread: float = 9.0) -> list[str]:
    """A realistic stretch of log: sessions of readers (with reloads), assets, bots, jitter."""
    rng = random.Random(seed)
    pages = [ARTICLE, OTHER, "/", "/chuyen-muc/tin-tuc/", "/2019/05/01/tin-cu/"]
    readers = [(f"203.0.113.{n}", rng.choice([CHROME, IPHONE, COCCOC])) for n in range(25)]
    out: list[tuple[int, int, str]] = []
    clock = float(start)
    while len(out) < count:
        clock += rng.expovariate(1 / spread)
        second = int(clock)
        if rng.random() < 0.15:
            out.append(
                (
                    second,
                    len(out),
                    line(rng.choice(pages), at=second, addr="66.249.66.1", agent=GOOGLEBOT),
                )
            )
            continue
        addr, agent = rng.choice(readers)
        page = rng.choice(pages)
        status = 304 if rng.random() < 0.2 else 200
        # Workers finish requests out of order: a line may carry a second earlier than the last.
        stamped = second - (1 if rng.random() < 0.05 else 0)
        out.append(
            (
                second,
                len(out),
                line(
                    page,
                    at=stamped,
                    addr=addr,
                    agent=agent,
                    status=status,
                    size="-" if status == 304 else 4000,
                ),
            )
        )
        out.append(
            (second, len(out), line("/assets/bantin.css", at=stamped, addr=addr, agent=agent))
        )
    out.sort()
    return [text for _, _, text in out[:count]]


def test_same_file_twice_counts_once(tmp_path: Path) -> None:
    log = write_log(tmp_path / "access.log", traffic(1))
    data = tmp_path / "v.json"
    first = run([log], data)
    assert first.views > 100
    before = counts(data)
    second = run([log], data)
    assert second.views == 0
    assert second.skipped[Skip.DUPLICATE] == first.views + first.skipped[Skip.REPEAT]
    assert counts(data) == before
    third = run([log, log], data)  # and twice in one run
    assert third.views == 0 and counts(data) == before


def test_same_file_twice_in_the_first_run(tmp_path: Path) -> None:
    log = write_log(tmp_path / "access.log", traffic(2))
    run([log, log], tmp_path / "twice.json")
    run([log], tmp_path / "once.json")
    assert counts(tmp_path / "twice.json") == counts(tmp_path / "once.json")


@pytest.mark.parametrize("cut", [1, 333, 700, 1499])
def test_a_log_that_grew_since_the_last_import(tmp_path: Path, cut: int) -> None:
    # access.log imported at noon, then again (rotated to access.log.1) the next day.
    lines = traffic(3)
    early = write_log(tmp_path / "noon.log", lines[:cut])
    full = write_log(tmp_path / "access.log.1", lines)
    run([early], tmp_path / "twice.json")
    run([full], tmp_path / "twice.json")
    run([full], tmp_path / "once.json")
    assert counts(tmp_path / "twice.json") == counts(tmp_path / "once.json")


def test_lines_written_in_the_same_second_after_an_import(tmp_path: Path) -> None:
    # Four readers in the second 500; the first import saw only two of them.
    second = [line(ARTICLE, at=500, addr=f"192.0.2.{n}") for n in range(4)]
    before = [line(OTHER, at=s, addr=f"198.51.{s // 250}.{s % 250}") for s in range(0, 500, 3)]
    after = [line(OTHER, at=s, addr=f"198.51.{s // 250}.{s % 250}") for s in range(501, 700, 3)]
    run([write_log(tmp_path / "a.log", before + second[:2])], tmp_path / "v.json")
    summary = run([write_log(tmp_path / "b.log", before + second + after)], tmp_path / "v.json")
    assert summary.views == 2 + len(after)
    pages, _ = counts(tmp_path / "v.json")
    assert pages[ARTICLE_KEY] == 4


def test_overlapping_slices_in_any_order_count_each_line_once(tmp_path: Path) -> None:
    # Every line a different reader: the exact answer is the number of lines imported.
    rng = random.Random(11)
    log = []
    for n in range(2000):
        at = n // 4 - (1 if rng.random() < 0.05 else 0)
        log.append(line(ARTICLE if n % 3 else OTHER, at=at, addr=f"10.{n // 250}.{n % 250}.1"))
    slices = [(0, 400), (300, 900), (1200, 1500), (850, 1250), (1600, 2000), (1499, 1601)]
    data = tmp_path / "v.json"
    seen: set[int] = set()
    for n, (a, b) in enumerate(rng.sample(slices, len(slices))):
        summary = run([write_log(tmp_path / f"s{n}.log", log[a:b])], data)
        new = set(range(a, b)) - seen
        assert summary.views == len(new), (a, b)
        seen |= new
    assert sum(counts(data)[0].values()) == 2000


ROTATED = ["access.log.3.gz", "access.log.2.gz", "access.log.1", "access.log"]


def rotated_set(folder: Path, lines: list[str], cuts: list[int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    bounds = [0, *cuts, len(lines)]
    return [
        write_log(folder / name, lines[bounds[i] : bounds[i + 1]], gz=name.endswith(".gz"))
        for i, name in enumerate(ROTATED)
    ]


def test_rotated_set_in_any_order_in_one_run(tmp_path: Path) -> None:
    lines = traffic(4, count=1200)
    whole = write_log(tmp_path / "whole.log", lines)
    run([whole], tmp_path / "whole.json")
    expected = counts(tmp_path / "whole.json")
    files = rotated_set(tmp_path / "logs", lines, [300, 650, 900])
    for n, order in enumerate(itertools.permutations(files)):
        data = tmp_path / f"p{n}.json"
        summary = run(list(order), data)
        assert counts(data) == expected, [p.name for p in order]
        assert [Path(f.path).name for f in summary.files] == ROTATED  # read oldest first
        assert run(list(order), data).views == 0


def test_rotated_set_across_runs(tmp_path: Path) -> None:
    # Rotation at quiet hours: no reader is on both sides of a cut within 30 minutes.
    parts = [traffic(10 + n, count=400, start=n * 20_000) for n in range(4)]
    lines = [x for part in parts for x in part]
    whole = write_log(tmp_path / "whole.log", lines)
    run([whole], tmp_path / "whole.json")
    expected = counts(tmp_path / "whole.json")
    files = rotated_set(tmp_path / "logs", lines, [400, 800, 1200])
    for n, runs in enumerate(
        [
            [[0], [1], [2], [3]],
            [[3], [2], [1], [0]],
            [[2, 0], [3, 1]],
            [[1], [3, 0, 2]],
            [[0, 1, 2, 3], [3, 2, 1, 0]],
        ]
    ):
        data = tmp_path / f"r{n}.json"
        for group in runs:
            run([files[i] for i in group], data)
        assert counts(data) == expected, runs


def test_rotation_while_the_old_file_is_still_written(tmp_path: Path) -> None:
    # nginx writes to access.log.1 until it reopens its log: the two files overlap in time.
    a = [line(ARTICLE, at=s, addr=f"192.0.{s // 250}.{s % 250}") for s in range(0, 1000, 4)]
    a += [line(OTHER, at=1001, addr="198.51.100.1"), line(OTHER, at=1003, addr="198.51.100.2")]
    b = [line(OTHER, at=1000, addr="198.51.100.3"), line(OTHER, at=1002, addr="198.51.100.4")]
    b += [line(ARTICLE, at=s, addr=f"192.0.{s // 250}.{s % 250}") for s in range(1004, 2000, 4)]
    one, two = write_log(tmp_path / "access.log.1", a), write_log(tmp_path / "access.log", b)
    for order in ([one, two], [two, one]):
        data = tmp_path / f"{order[0].name}.json"
        for path in order:  # separate runs
            run([path], data)
        assert sum(counts(data)[0].values()) == len(a) + len(b)
        assert run([one, two], data).views == 0


def test_separate_sources_are_separate_streams(tmp_path: Path) -> None:
    log = write_log(
        tmp_path / "access.log",
        [line(ARTICLE, at=s, addr=f"192.0.2.{s}") for s in range(0, 200, 5)],
    )
    data = tmp_path / "v.json"
    assert run([log], data, source="may-1").views == 40
    assert run([log], data, source="may-2").views == 40
    assert run([log], data, source="may-1").views == 0
    assert set(json.loads(data.read_text())["imported"]) == {"may-1", "may-2"}


# -- failures never lose counts -----------------------------------------------


def _seeded(tmp_path: Path) -> tuple[Path, bytes]:
    data = tmp_path / "views.json"
    run([write_log(tmp_path / "old.log", traffic(5, count=300))], data)
    return data, data.read_bytes()


def test_truncated_gzip_writes_nothing(tmp_path: Path) -> None:
    data, before = _seeded(tmp_path)
    good = write_log(tmp_path / "access.log", traffic(6, count=300, start=50_000))
    cut = write_log(tmp_path / "access.log.2.gz", traffic(7, count=3000, start=90_000), gz=True)
    cut.write_bytes(cut.read_bytes()[:-200])
    with pytest.raises(LogReadError) as caught:
        run([good, cut], data)
    assert data.read_bytes() == before
    message = str(caught.value)
    assert str(cut) in message and "bị cắt cụt" in message and "Chưa ghi gì" in message


def test_missing_log_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data" / "views.json"
    with pytest.raises(LogReadError) as caught:
        run([write_log(tmp_path / "a.log", [line()]), tmp_path / "khong-co.log"], data)
    assert "không tìm thấy" in str(caught.value)
    assert not data.exists()


def test_corrupt_data_file_is_never_reset(tmp_path: Path) -> None:
    data = tmp_path / "views.json"
    data.write_text('{"format": "bantin-views", "version": 1, "pages": {"a/": 12', encoding="utf-8")
    before = data.read_bytes()
    with pytest.raises(ViewsDataError) as caught:
        run([write_log(tmp_path / "a.log", [line()])], data)
    assert data.read_bytes() == before
    assert str(data) in str(caught.value)


def test_crash_while_saving_keeps_old_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, before = _seeded(tmp_path)
    new = write_log(tmp_path / "access.log", traffic(8, count=300, start=50_000))

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(files.os, "replace", crash)
        with pytest.raises(ViewsDataError, match="ổ đĩa đã đầy"):
            run([new], data)
    assert data.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # Once the disk has room again, the same import counts everything once.
    summary = run([new], data)
    assert summary.views > 0
    assert run([new], data).views == 0


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data" / "views.json"
    summary = run([write_log(tmp_path / "a.log", traffic(9, count=200))], data, dry_run=True)
    assert summary.views > 0 and not summary.written
    assert not data.exists() and not data.parent.exists()


def test_progress_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 100)
    files = rotated_set(tmp_path / "logs", traffic(12, count=1000), [250, 500, 750])
    reports = []
    summary = run(files, tmp_path / "v.json", progress=reports.append)
    fractions = [r.fraction for r in reports]
    assert len(reports) >= 10
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert reports[-1].lines == summary.lines == 1000
    assert {r.files for r in reports} == {4}


def test_summary_span(tmp_path: Path) -> None:
    log = write_log(
        tmp_path / "a.log",
        [line(at=5), line(at=-60, addr="192.0.2.9"), line(at=100, addr="192.0.2.8")],
    )
    summary = run([log], tmp_path / "v.json")
    assert summary.first == int((T0 - timedelta(seconds=60)).timestamp())
    assert summary.last == int((T0 + timedelta(seconds=100)).timestamp())
