"""A full disk and a read-only output: the build fails clearly, the previous site stays.

The disk cases mount real tmpfs file systems (the tests run as root, for whom
``chmod`` alone blocks nothing); without the right to mount they are skipped.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.sitekit import Site, leftovers, manifest


def _disk_usage(root: Path) -> int:
    """Bytes a tree takes on tmpfs: whole 4 KiB pages per file."""
    total = 0
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += -(-path.stat().st_size // 4096) * 4096
    return total


def test_full_disk_keeps_previous_site(site: Site, tmp_path: Path, tmpfs) -> None:
    # Measure the site first, then give the disk room for one copy but not two.
    probe = Site(site.root, tmp_path / "probe" / "site")
    probe.write_config("probe.yml")
    probe.write_pages("v1", blob_kib=1024)
    assert probe.build(config="probe.yml").returncode == 0
    size = _disk_usage(probe.site_dir)

    disk = tmpfs("disk", int(size * 1.5))
    site.site_dir = disk / "www" / "site"
    site.write_config()
    site.write_pages("v1", blob_kib=1024)
    done = site.build()
    assert done.returncode == 0, done.stdout
    before = manifest(site.site_dir)

    site.write_pages("v2", blob_kib=1024)
    done = site.build()
    assert done.returncode != 0
    assert "ổ đĩa đã đầy" in done.stdout
    assert "trang đang chạy được giữ nguyên" in done.stdout
    assert "Traceback" not in done.stdout  # issue 13 item 12: it used to follow the message
    assert manifest(site.site_dir) == before
    assert leftovers(site.site_dir.parent) == []

    # More room: the next build succeeds.
    subprocess.run(["mount", "-o", f"remount,size={size * 3}", str(disk)], check=True)
    done = site.build()
    assert done.returncode == 0, done.stdout
    assert "Trang chủ v2" in (site.site_dir / "index.html").read_text(encoding="utf-8")
    assert leftovers(site.site_dir.parent) == []


def test_read_only_output_fails_clearly(site: Site, tmpfs) -> None:
    disk = tmpfs("ro", 64 * 1024 * 1024)
    site.site_dir = disk / "site"
    site.write_config()
    site.write_pages("v1")
    assert site.build().returncode == 0
    before = manifest(site.site_dir)

    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    site.write_pages("v2")
    done = site.build()
    assert done.returncode != 0
    assert "chỉ cho đọc" in done.stdout
    assert "Traceback" not in done.stdout
    assert manifest(site.site_dir) == before

    subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    done = site.build()
    assert done.returncode == 0, done.stdout
    assert "Trang chủ v2" in (site.site_dir / "index.html").read_text(encoding="utf-8")


def test_read_only_output_without_lock_file(site: Site, tmpfs) -> None:
    """First build onto a read-only disk: even the lock file cannot be created."""
    disk = tmpfs("ro-empty", 1024 * 1024)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    site.site_dir = disk / "site"
    site.write_config()
    site.write_pages("v1")
    done = site.build()
    assert done.returncode != 0
    assert "chỉ cho đọc" in done.stdout
    assert "Traceback" not in done.stdout


def test_site_dir_under_a_file_fails_clearly(site: Site) -> None:
    (site.root / "khong-phai-thu-muc").write_text("tệp")
    site.site_dir = site.root / "khong-phai-thu-muc" / "site"
    site.write_config()
    site.write_pages("v1")
    done = site.build()
    assert done.returncode != 0
    assert "khong-phai-thu-muc" in done.stdout
    assert "không phải thư mục" in done.stdout
    assert "Traceback" not in done.stdout


def test_simulated_enospc_in_a_plugin(site: Site) -> None:
    """ENOSPC raised by plugin code (not only by MkDocs' own writes) is explained too."""
    site.write_config()
    site.write_pages("v1")
    assert site.build().returncode == 0
    before = manifest(site.site_dir)
    done = site.build(BANTIN_TEST_AT="on_post_page", BANTIN_TEST_ACTION="enospc")
    assert done.returncode != 0
    assert "ổ đĩa đã đầy" in done.stdout
    assert manifest(site.site_dir) == before
    assert leftovers(site.root) == []


def test_site_dir_mount_point_is_refused(site: Site, tmpfs) -> None:
    disk = tmpfs("mounted-site", 8 * 1024 * 1024)
    site.site_dir = disk
    site.write_config()
    site.write_pages("v1")
    done = site.build()
    assert done.returncode != 0
    assert "điểm gắn kết" in done.stdout
    assert list(disk.iterdir()) == []
