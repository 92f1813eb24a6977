"""Putting a post fixture (tests/fixtures/posts/) into a site's ``posts/`` folder.

Shared by the loader test (tests/unit/posts/test_fixtures.py) and the test that
runs ``bantin check`` and a real build on every fixture
(tests/sites/test_fixture_verdicts.py), so both see exactly the same files.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "posts"


def stage(fixture: Path, folder: Path, setup: dict[str, Any] | None = None) -> None:
    """Copy ``fixture`` and its folder's ``anh/`` into ``folder``, then run the JSON's ``setup``.

    ``setup`` actions: ``symlink_outside`` (a path that becomes a symlink to an image
    outside the site), ``copy`` ({new name: file beside the fixture}) and ``write``
    ({new name: text}); names are relative to ``folder``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixture, folder / fixture.name)
    images = fixture.parent / "anh"
    if images.is_dir():
        shutil.copytree(images, folder / "anh", dirs_exist_ok=True)
    for action, argument in (setup or {}).items():
        if action == "symlink_outside":
            posts = next(p for p in (folder, *folder.parents) if p.name == "posts")
            outside = posts.parent.parent / "ngoai-trang" / "anh.png"  # beside the site
            outside.parent.mkdir(exist_ok=True)
            shutil.copyfile(FIXTURES / "valid" / "anh" / "bia.png", outside)
            (folder / argument).symlink_to(outside)
        elif action == "copy":
            for name, source in argument.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(fixture.parent / source, folder / name)
        elif action == "write":
            for name, text in argument.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(text, encoding="utf-8")
        else:
            raise AssertionError(f"unknown setup action {action!r} in {fixture.name}")


def shown_file(fixture: Path, problem: dict[str, Any], prefix: str) -> str:
    """The file a problem must name: the fixture, or the JSON's ``file`` beside it."""
    return prefix + problem.get("file", fixture.name)
