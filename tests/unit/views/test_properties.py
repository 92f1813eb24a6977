"""Property: however a log is sliced, overlapped and re-imported, each line counts once."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bantin.views.importer import import_logs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .logkit import ARTICLE, CHROME, line, write_log


@st.composite
def sliced_logs(draw: st.DrawFn) -> tuple[list[str], list[list[tuple[int, int]]]]:
    size = draw(st.integers(20, 400))
    per_second = draw(st.sampled_from([0.05, 0.5, 2, 8]))  # quiet to busy
    jitter = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    log = [
        # Each line another reader (another browser build: see the next test), so the exact
        # answer is the number of distinct lines.
        line(
            ARTICLE,
            at=max(0, int(n / per_second) - (1 if late else 0)),
            addr=f"10.{n // 250}.{n % 250}.1",
            agent=f"{CHROME} build/{n}",
        )
        for n, late in enumerate(jitter)
    ]
    bounds = st.tuples(st.integers(0, size - 1), st.integers(1, size)).map(
        lambda ab: (min(ab), max(ab[1], min(ab) + 1))
    )
    runs = draw(st.lists(st.lists(bounds, min_size=1, max_size=3), min_size=1, max_size=4))
    return log, runs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sliced_logs())
def test_every_line_counts_once(case: tuple[list[str], list[list[tuple[int, int]]]]) -> None:
    log, runs = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "views.json"
        imported: set[int] = set()
        for r, slices in enumerate(runs):
            files = [
                write_log(folder / f"r{r}s{i}.log", log[a:b]) for i, (a, b) in enumerate(slices)
            ]
            summary = import_logs(files, data)
            new = set().union(*(range(a, b) for a, b in slices)) - imported
            assert summary.views == len(new)
            imported |= new
        again = import_logs([write_log(folder / "all.log", log)], data)
        assert again.views == len(log) - len(imported)


def test_twins_across_a_file_end_are_missed_not_doubled(tmp_path: Path) -> None:
    # Two readers, same browser, same page, same second: the fingerprint cannot tell them
    # apart without their addresses, which are never stored. The second file's twin is missed.
    one = write_log(tmp_path / "a.log", [line(ARTICLE, at=0, addr="192.0.2.1")])
    two = write_log(tmp_path / "b.log", [line(ARTICLE, at=0, addr="192.0.2.2")])
    data = tmp_path / "v.json"
    assert import_logs([one], data).views == 1
    assert import_logs([two], data).views == 0
    assert import_logs([one, two], tmp_path / "w.json").views == 1
    both = write_log(
        tmp_path / "c.log",
        [line(ARTICLE, at=0, addr="192.0.2.1"), line(ARTICLE, at=0, addr="192.0.2.2")],
    )
    assert import_logs([both], tmp_path / "x.json").views == 2  # in one file, both count
