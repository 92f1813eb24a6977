"""Pages handled by a second process (bantin.adapter.fork and .reading)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bantin.adapter.fork import SecondProcess, choice, wanted
from bantin.adapter.reading import share
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel


def files(tmp_path: Path, count: int) -> list[File]:
    return [
        File(f"tin/{n}.md", str(tmp_path), str(tmp_path), True, inclusion=InclusionLevel.NOT_IN_NAV)
        for n in range(count)
    ]


def test_mkdocs_skips_the_childs_pages_until_they_are_back(tmp_path: Path) -> None:
    taken = files(tmp_path, 3)
    second = SecondProcess(taken, lambda file: file.src_uri.upper())
    second.start()
    assert {f.inclusion for f in taken} == {InclusionLevel.EXCLUDED}
    assert second.join() == ["TIN/0.MD", "TIN/1.MD", "TIN/2.MD"]
    assert {f.inclusion for f in taken} == {InclusionLevel.NOT_IN_NAV}


def test_the_childs_problem_is_the_builds(tmp_path: Path) -> None:
    taken = files(tmp_path, 2)

    def work(file: File) -> None:
        raise PluginError(f"{file.src_uri}: hỏng")

    second = SecondProcess(taken, work)
    second.start()
    with pytest.raises(PluginError, match=r"tin/0\.md: hỏng"):
        second.join()
    assert {f.inclusion for f in taken} == {InclusionLevel.NOT_IN_NAV}


def test_an_abandoned_second_process_gives_the_pages_back(tmp_path: Path) -> None:
    taken = files(tmp_path, 2)
    second = SecondProcess(taken, lambda file: None)
    second.start()
    second.abandon()
    assert {f.inclusion for f in taken} == {InclusionLevel.NOT_IN_NAV}


def test_the_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANTIN_SECOND_PROCESS", " Always ")
    assert choice() == "always"
    monkeypatch.delenv("BANTIN_SECOND_PROCESS")
    assert choice() == "auto"
    monkeypatch.setenv("BANTIN_SECOND_PROCESS", "2")
    with pytest.raises(PluginError, match="chỉ nhận một trong auto, always, never"):
        choice()
    assert not wanted(10_000, "never") and not wanted(0, "always")
    assert not wanted(199, "auto")


def test_the_child_reads_every_other_article_a_little_under_half(tmp_path: Path) -> None:
    articles = files(tmp_path, 10)
    mine = share(articles)
    assert [f.src_uri for f in mine] == ["tin/0.md", "tin/2.md", "tin/4.md", "tin/6.md", "tin/8.md"]
    assert len(share(files(tmp_path, 1000))) == 470
