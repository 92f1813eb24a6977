"""Visitors without IP addresses, and one view per visitor per page per 30 minutes."""

from __future__ import annotations

from bantin.views.visitors import OUT_OF_ORDER_SLACK, VIEW_WINDOW, ViewWindow, VisitorHasher

A, B = b"visitor-a", b"visitor-b"
PAGE, OTHER = "2020/10/13/ket-qua/", "chuyen-muc/tin-tuc/"


def test_thirty_minutes_from_the_counted_view() -> None:
    window = ViewWindow()
    assert VIEW_WINDOW == 1800
    assert window.admit(A, PAGE, 1000)
    assert not window.admit(A, PAGE, 1000)
    assert not window.admit(A, PAGE, 1000 + 1799)
    assert window.admit(A, PAGE, 1000 + 1800)  # exactly 30 minutes later counts


def test_requests_in_between_do_not_move_the_window() -> None:
    window = ViewWindow()
    # A reader reloads every 10 minutes for two hours: views at 0, 30, 60, 90 minutes.
    counted = [m for m in range(0, 121, 10) if window.admit(A, PAGE, m * 60)]
    assert counted == [0, 30, 60, 90, 120]
    window = ViewWindow()
    counted = [m for m in range(0, 120, 10) if window.admit(A, PAGE, m * 60)]
    assert counted == [0, 30, 60, 90]


def test_other_pages_and_other_visitors_count_separately() -> None:
    window = ViewWindow()
    assert window.admit(A, PAGE, 0)
    assert window.admit(A, OTHER, 1)
    assert window.admit(B, PAGE, 2)
    assert not window.admit(B, PAGE, 3)


def test_slightly_out_of_order_lines_are_judged_exactly() -> None:
    window = ViewWindow()
    assert window.admit(A, PAGE, 10_000)
    assert window.admit(B, OTHER, 10_000 + VIEW_WINDOW + 100)  # time moves on
    assert not window.admit(A, PAGE, 10_000 + 5)  # a late line, still within the window


def test_memory_stays_bounded() -> None:
    window = ViewWindow()
    for second in range(0, 7 * 86400, 7):  # a week of one new visitor every 7 s
        window.admit(second.to_bytes(4, "big"), PAGE, second)
    assert len(window) <= (VIEW_WINDOW + OUT_OF_ORDER_SLACK) // 7 + 2


def test_forgetting_old_views_does_not_change_answers() -> None:
    pruned, full = ViewWindow(), ViewWindow(slack=10**9)
    visitors = [bytes([n]) for n in range(50)]
    for step, second in enumerate(range(0, 40_000, 97)):
        who = visitors[step * 7 % 50]
        assert pruned.admit(who, PAGE, second) == full.admit(who, PAGE, second)
    assert len(pruned) < len(full)


def test_visitor_hash_is_keyed_per_run_and_hides_the_address() -> None:
    one, two = VisitorHasher(), VisitorHasher()
    addr, agent = "203.0.113.7", "Mozilla/5.0"
    assert one(addr, agent) == one(addr, agent)
    assert one(addr, agent) != one(addr, "Mozilla/5.1")
    assert one(addr, agent) != one("203.0.113.8", agent)
    assert one(addr, agent) != two(addr, agent)  # a new run cannot link visitors
    assert one.raw(addr.encode(), agent.encode()) == one(addr, agent)
    digest = one(addr, agent)
    assert len(digest) == 16 and addr.encode() not in digest
    assert "key hidden" in repr(one)
