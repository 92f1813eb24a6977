"""Unit tests of the pure modules: atomic (lock, staging, swap, recovery), output checks, headers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from bantin.publish import atomic
from bantin.publish.headers import (
    content_security_policy,
    render_nginx,
    render_static_host,
    security_headers,
)
from bantin.publish.output import (
    inline_script_hashes,
    inspect_output,
    is_inside,
    script_hash,
)

from tests.sitekit import zombie_children


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _read_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# -- swap --------------------------------------------------------------------


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    a = _tree(tmp_path / "a", {"x.html": "A"})
    b = _tree(tmp_path / "b", {"y.html": "B"})
    if not atomic.exchange(a, b):
        pytest.skip(
            "renameat2(RENAME_EXCHANGE) is not supported here; the fallback is tested below"
        )
    assert _read_tree(a) == {"y.html": "B"}
    assert _read_tree(b) == {"x.html": "A"}


@pytest.mark.parametrize("allow_exchange", [True, False])
def test_swap_replaces_live_site_and_removes_old(tmp_path: Path, allow_exchange: bool) -> None:
    site = _tree(tmp_path / "site", {"index.html": "cũ", "old-only.html": "cũ"})
    staging = atomic.create_staging(site)
    _tree(staging, {"index.html": "mới"})
    result = atomic.swap_into_place(staging, site, allow_exchange=allow_exchange)
    assert _read_tree(site) == {"index.html": "mới"}
    assert result.left_behind is None
    assert atomic.leftovers(site) == []
    if not allow_exchange:
        assert result.method == "rename-aside"
    elif result.method != "rename-aside":
        assert result.method == "exchange"


def test_first_swap_is_a_rename(tmp_path: Path) -> None:
    site = tmp_path / "site"
    staging = atomic.create_staging(site)
    _tree(staging, {"index.html": "mới"})
    assert atomic.swap_into_place(staging, site).method == "rename"
    assert _read_tree(site) == {"index.html": "mới"}


def test_staging_takes_the_live_folder_mode(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    os.chmod(site, 0o750)
    staging = atomic.create_staging(site)
    assert staging.parent == site.parent
    assert staging.name.startswith(".site-staging-")
    assert staging.stat().st_mode & 0o777 == 0o750


def test_dirty_staging_starts_as_a_copy(tmp_path: Path) -> None:
    site = _tree(tmp_path / "site", {"a/index.html": "cũ"})
    staging = atomic.create_staging(site, seed_from_live=True)
    assert _read_tree(staging) == {"a/index.html": "cũ"}


# -- recovery ----------------------------------------------------------------


def test_recover_removes_stale_staging_only_for_this_site(tmp_path: Path) -> None:
    site = _tree(tmp_path / "site", {"index.html": "sống"})
    stale = _tree(tmp_path / ".site-staging-123-0badc0de", {"index.html": "dở dang"})
    other = _tree(tmp_path / ".site2-staging-123-0badc0de", {"index.html": "trang khác"})
    unrelated = _tree(tmp_path / ".site-staging-notes", {"x": "y"})
    result = atomic.recover(site)
    assert result.removed == (stale,)
    assert result.restored_from is None
    assert not stale.exists() and other.exists() and unrelated.exists()
    assert _read_tree(site) == {"index.html": "sống"}


def test_recover_restores_old_site_after_a_crash_between_renames(tmp_path: Path) -> None:
    # The fallback swap renamed the live folder aside, then the process died.
    old = _tree(tmp_path / ".site-old-42-deadbeef", {"index.html": "trang trước"})
    staging = _tree(tmp_path / ".site-staging-42-deadbeef", {"index.html": "dở dang"})
    site = tmp_path / "site"
    result = atomic.recover(site)
    assert result.restored_from == old
    assert _read_tree(site) == {"index.html": "trang trước"}
    assert not staging.exists()


def test_recover_after_crash_during_old_site_deletion(tmp_path: Path) -> None:
    # The exchange happened and the new site is live; deleting the old one was interrupted.
    site = _tree(tmp_path / "site", {"index.html": "mới"})
    half_deleted = _tree(tmp_path / ".site-staging-7-abcdef01", {"a.html": "cũ"})
    atomic.recover(site)
    assert not half_deleted.exists()
    assert _read_tree(site) == {"index.html": "mới"}


# -- lock --------------------------------------------------------------------


def test_second_lock_waits_then_is_refused(tmp_path: Path) -> None:
    first = atomic.BuildLock(tmp_path / atomic.LOCK_NAME)
    first.acquire(0)
    waits: list[str] = []
    second = atomic.BuildLock(tmp_path / atomic.LOCK_NAME)
    start = time.monotonic()
    with pytest.raises(atomic.AtomicBuildError) as caught:
        second.acquire(0.3, on_wait=waits.append, poll=0.05)
    assert time.monotonic() - start >= 0.3
    assert f"tiến trình {os.getpid()}" in str(caught.value)
    assert "lock_timeout" in str(caught.value)
    assert len(waits) == 1 and "đang chờ tối đa 0.3 giây" in waits[0]
    first.release()
    second.acquire(0)
    assert second.held
    second.release()


def test_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    lock_path = tmp_path / atomic.LOCK_NAME
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from bantin.publish.atomic import BuildLock
                BuildLock(Path({str(lock_path)!r})).acquire(0)
                print("held", flush=True)
                time.sleep(600)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(atomic.AtomicBuildError):
        atomic.BuildLock(lock_path).acquire(0)
    holder.kill()
    holder.wait()
    lock = atomic.BuildLock(lock_path)
    lock.acquire(0)
    lock.release()


# -- live-site guard -----------------------------------------------------------


def test_fingerprint_sees_added_changed_and_removed_files(tmp_path: Path) -> None:
    site = _tree(tmp_path / "site", {"a.html": "1", "b/c.html": "2"})
    before = atomic.fingerprint(site)
    assert atomic.changed_entries(before, atomic.fingerprint(site)) == []
    (site / "a.html").write_text("11")
    (site / "b" / "c.html").unlink()
    (site / "new.html").write_text("3")
    assert atomic.changed_entries(before, atomic.fingerprint(site)) == [
        "a.html",
        "b",
        "b/c.html",
        "new.html",
    ]
    assert atomic.fingerprint(tmp_path / "missing") is None


def test_os_error_is_explained_in_vietnamese_at_the_site_path(tmp_path: Path) -> None:
    staging = tmp_path / ".site-staging-1-00000000"
    error = OSError(28, "No space left on device", "/src/a.css", None, str(staging / "a.css"))
    message = str(atomic.describe_os_error(error, tmp_path / "site", staging))
    assert message.startswith(f"{tmp_path / 'site' / 'a.css'}: lỗi:")
    assert "ổ đĩa đã đầy" in message and "giải phóng dung lượng" in message


# -- output checks -------------------------------------------------------------


def test_script_hash_matches_the_csp_specification_example() -> None:
    # The example of CSP Level 3 and MDN: <script>alert('Hello, world.');</script>
    assert (
        script_hash(b"alert('Hello, world.');")
        == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_inline_scripts_are_found_and_data_blocks_skipped() -> None:
    html = (
        b"<html><head><script>a()</script>"
        b"<script src='x.js'></script>"
        b'<script id="__config" type="application/json">{"a": 1}</script>'
        b"<script type=module>b()</script>"
        b'<SCRIPT data-x="1>2" type="text/javascript">c()\r\n</SCRIPT >'
        b"<scripts>not a script</scripts>"
        b"</head><body><script>\n</script></body></html>"
    )
    assert inline_script_hashes(html) == {
        script_hash(b"a()"),
        script_hash(b"b()"),
        script_hash(b"c()\n"),
        script_hash(b"\n"),
    }


def test_inspect_output_removes_temp_files_and_reports_unsafe_entries(tmp_path: Path) -> None:
    root = _tree(
        tmp_path / "out",
        {
            "index.html": "<script>x()</script>",
            "tin/bai.html~": "nháp",
            "tin/a.html": "<p>không có script</p>",
            "tin/anh.png": "png",
        },
    )
    (root / "tin" / "ok-link.png").symlink_to("anh.png")
    (root / "passwd").symlink_to("/etc/passwd")
    (root / "up").symlink_to("../../")
    os.mkfifo(root / "pipe")
    report = inspect_output(root, display_name="site")
    assert report.removed == ["tin/bai.html~"]
    assert not (root / "tin" / "bai.html~").exists()
    assert report.html_files == 2
    assert report.scripts == {"index.html": {script_hash(b"x()")}}
    assert sorted(p.path for p in report.problems) == ["site/passwd", "site/pipe", "site/up"]
    assert all("Hãy" in p.message for p in report.problems)


def test_is_inside_compares_resolved_paths(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (tmp_path / "site-other").mkdir()
    root.mkdir()
    assert is_inside(root / "a" / "b.html", root)
    assert not is_inside(root / ".." / "x.html", root)
    assert not is_inside(tmp_path / "site-other" / "x.html", root)  # not a string prefix


# -- headers -------------------------------------------------------------------


def test_csp_allows_inline_scripts_only_by_hash() -> None:
    csp = content_security_policy({"'sha256-B'", "'sha256-A'"})
    directives = dict(d.split(" ", 1) for d in csp.split("; "))
    assert directives["script-src"] == "'self' 'sha256-A' 'sha256-B'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_csp_extra_sources() -> None:
    csp = content_security_policy(
        [],
        {
            "connect-src": ["https://stats.example.vn"],
            "frame-src": ["https://www.youtube-nocookie.com"],
        },
    )
    assert "connect-src 'self' https://stats.example.vn" in csp
    assert "frame-src https://www.youtube-nocookie.com" in csp


def test_renderers_carry_every_header() -> None:
    headers = security_headers({"'sha256-A'"})
    names = [name for name, _ in headers]
    assert names[:5] == [
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    ]
    static = render_static_host(headers)
    assert static.splitlines()[1] == "/*"
    assert "  X-Content-Type-Options: nosniff" in static
    nginx = render_nginx(headers)
    assert 'add_header X-Content-Type-Options "nosniff" always;' in nginx
    assert "'sha256-A'" in nginx
    with pytest.raises(ValueError):
        render_nginx([("X-Bad", 'a"b')])


def test_deploy_examples_match_what_the_build_writes() -> None:
    """deploy/_headers and the nginx example are the renderers' output with a placeholder hash."""
    root = Path(__file__).resolve().parents[2] / "deploy"
    headers = security_headers({"'sha256-HASH-OF-EACH-INLINE-SCRIPT='"})

    def body(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("#")]

    assert body((root / "_headers").read_text()) == body(render_static_host(headers))
    example = (root / "nginx-security-headers.example.conf").read_text()
    assert body(example) == body(render_nginx(headers))


@pytest.mark.parametrize("allow_exchange", [True, False])
def test_a_large_old_site_is_removed_by_a_process_of_its_own(
    tmp_path: Path, allow_exchange: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    removers = tmp_path / "removers.txt"
    rmtree = shutil.rmtree

    def recorded(path: Path, *args: Any, **kwargs: Any) -> None:
        with removers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        rmtree(path, *args, **kwargs)

    monkeypatch.setattr(atomic.shutil, "rmtree", recorded)
    site = _tree(tmp_path / "site", {f"{n}/index.html": "cũ" for n in range(300)})
    staging = atomic.create_staging(site)
    _tree(staging, {"index.html": "mới"})
    result = atomic.swap_into_place(staging, site, allow_exchange=allow_exchange, background=True)
    # Live at once; the old copy goes while the build has already ended.
    assert _read_tree(site) == {"index.html": "mới"}
    assert result.left_behind is None
    for _ in range(1000):
        if not atomic.leftovers(site):
            break
        time.sleep(0.01)
    assert atomic.leftovers(site) == []
    assert not zombie_children()  # the go-between was reaped
    pids = removers.read_text().split()
    assert len(pids) == 1 and pids[0] != str(os.getpid())


def test_the_removal_process_does_not_hold_the_builds_output_open(tmp_path: Path) -> None:
    """``mkdocs build | tee log`` ends when the build does, not when the old site is gone."""
    old = _tree(tmp_path / "old", {f"{n}/index.html": "cũ" for n in range(50)})
    script = (
        "import shutil, sys, time\n"
        "from pathlib import Path\n"
        "from bantin.publish import atomic\n"
        "slow = shutil.rmtree\n"
        "def rmtree(path, *a, **k):\n"
        "    time.sleep(4)\n"
        "    slow(path, *a, **k)\n"
        "atomic.shutil.rmtree = rmtree\n"
        f"print(atomic.remove_detached(Path({str(old)!r})))\n"
    )
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "True"
    assert time.monotonic() - start < 3.5, "the pipe stayed open until the removal ended"
    assert old.exists()  # still being removed, in the background
    for _ in range(1000):
        if not old.exists():
            break
        time.sleep(0.02)
    assert not old.exists()
