"""Coverage bookkeeping: imported ranges, fingerprints at their ends, merging."""

from __future__ import annotations

from collections import Counter

from bantin.views.coverage import (
    COMPACT_AFTER,
    EDGE_SECONDS,
    Coverage,
    FileScan,
    fingerprint,
    fingerprint_material,
    merge_ranges,
)

W = EDGE_SECONDS


def cand(when: int, tag: str = "a", addr: str = "203.0.113.7") -> bytes:
    return f'{addr} - - [{when}] "GET /{tag}/ HTTP/1.1" 200 1 "-" "UA"\n'.encode()


def scan_file(cov: Coverage, items: list[tuple[int, bytes]]) -> list[bool]:
    scan = FileScan(cov)
    flags = [scan.seen(when, fingerprint_material(data)) for when, data in items]
    scan.finish()
    return flags


def test_merge_ranges() -> None:
    assert merge_ranges([(10, 20), (1, 5), (6, 8), (30, 40), (35, 50)]) == [
        (1, 8),
        (10, 20),
        (30, 50),
    ]
    assert merge_ranges([(1, 10), (2, 3)]) == [(1, 10)]
    assert merge_ranges([]) == []


def test_fingerprint_leaves_out_the_client() -> None:
    one = cand(100, addr="203.0.113.7")
    two = cand(100, addr="2001:db8::1")
    assert fingerprint_material(one) == fingerprint_material(two)
    assert fingerprint_material(one) == b'[100] "GET /a/ HTTP/1.1" 200 1 "-" "UA"'
    forwarded = one.rstrip(b"\n") + b' "198.51.100.23, 10.0.0.1"\n'  # $http_x_forwarded_for
    assert fingerprint_material(forwarded) == fingerprint_material(one)
    assert fingerprint(fingerprint_material(one)) != fingerprint(fingerprint_material(cand(101)))
    assert len(fingerprint(b"x")) == 16


def test_same_lines_again_are_all_seen() -> None:
    cov = Coverage()
    items = [(1000 + i * 5, cand(1000 + i * 5)) for i in range(100)]
    assert not any(scan_file(cov, items))
    assert cov.covered == [(1000 + W, 1495 - W)]
    assert all(scan_file(cov, items))
    assert cov.covered == [(1000 + W, 1495 - W)]


def test_covered_needs_no_fingerprints_but_the_ends_do() -> None:
    cov = Coverage()
    scan_file(cov, [(t, cand(t)) for t in range(1000, 2000, 10)])
    kept = sorted(cov.edges)
    assert kept == [t for t in range(1000, 2000, 10) if t < 1000 + W or t > 1990 - W]
    # A line never seen, at the end of the file: new. Inside the covered range: seen.
    assert scan_file(cov, [(1990, cand(1990, "other"))]) == [False]
    assert scan_file(cov, [(1500, cand(1500, "other"))]) == [True]


def test_short_file_is_all_fingerprints() -> None:
    cov = Coverage()
    scan_file(cov, [(t, cand(t)) for t in range(0, 100, 10)])
    assert cov.covered == []
    assert sorted(cov.edges) == list(range(0, 100, 10))


def test_identical_hits_are_a_multiset() -> None:
    cov = Coverage()
    same = cand(5000)
    assert scan_file(cov, [(5000, same), (5000, same)]) == [False, False]
    assert cov.edges[5000] == Counter({fingerprint(fingerprint_material(same)): 2})
    assert scan_file(cov, [(5000, same), (5000, same), (5000, same)]) == [True, True, False]
    assert cov.edges[5000][fingerprint(fingerprint_material(same))] == 3


def test_overlapping_files_merge_and_drop_inner_fingerprints() -> None:
    cov = Coverage()
    scan_file(cov, [(t, cand(t)) for t in range(0, 600, 3)])
    scan_file(cov, [(t, cand(t)) for t in range(300, 1200, 3)])
    assert cov.covered == [(W, 1197 - W)]
    assert cov.edges and all(t < W or t > 1197 - W for t in cov.edges)


def test_consecutive_files_keep_the_junction_fingerprinted() -> None:
    # Rotated files: the first ends where the second begins. Neither proves its own end.
    cov = Coverage()
    scan_file(cov, [(t, cand(t)) for t in range(0, 600, 3)])
    scan_file(cov, [(t, cand(t)) for t in range(600, 1200, 3)])
    assert cov.covered == [(W, 597 - W), (600 + W, 1197 - W)]
    assert {t for t in cov.edges if 500 < t < 700} == {
        t for t in range(0, 1200, 3) if 597 - W < t < 600 + W
    }


def test_dense_slices_with_a_hole_leave_the_hole_open() -> None:
    # 10 lines a second; lines 1000-1099 (seconds 100-109) are in neither file.
    log = [(n // 10, cand(n // 10, f"p{n}")) for n in range(3000)]
    cov = Coverage()
    scan_file(cov, log[:1000])
    scan_file(cov, log[1100:])
    hole = scan_file(cov, log[900:1200])
    assert hole == [not (1000 <= n < 1100) for n in range(900, 1200)]


def test_old_junctions_are_compacted() -> None:
    cov = Coverage()
    scan_file(cov, [(t, cand(t)) for t in range(0, 600, 3)])
    scan_file(cov, [(t, cand(t)) for t in range(600, 1200, 3)])
    assert len(cov.covered) == 2
    later = COMPACT_AFTER + 5000
    scan_file(cov, [(t, cand(t)) for t in range(later, later + 600, 3)])
    assert cov.covered[0] == (W, 1197 - W)  # the old junction is now covered
    assert not any(597 - W < t < 600 + W for t in cov.edges)
    # A wide gap is never compacted.
    assert cov.covered[1] == (later + W, later + 597 - W)


def test_filling_a_gap_covers_everything() -> None:
    cov = Coverage()
    scan_file(cov, [(t, cand(t)) for t in range(0, 600, 3)])
    scan_file(cov, [(t, cand(t)) for t in range(3000, 3600, 3)])
    middle = [(t, cand(t)) for t in range(0, 3600, 3)]
    flags = scan_file(cov, middle)
    assert flags == [t < 600 or t >= 3000 for t, _ in middle]
    assert cov.covered == [(W, 3597 - W)]


def test_unordered_file_gets_its_true_ends() -> None:
    cov = Coverage()
    items = [(t, cand(t)) for t in range(2000, 1000, -7)]  # newest first
    scan_file(cov, items)
    low, high = min(t for t, _ in items), max(t for t, _ in items)
    assert cov.covered == [(low + W, high - W)]
    assert set(cov.edges) == {t for t, _ in items if t < low + W or t > high - W}
