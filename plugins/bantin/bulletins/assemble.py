"""Making the issues: which posts go in each, in which order, with which number.

Automatic issue: the period's posts, pinned first, then by category in the
declared order, then newest first; the notices category gets its own section
at the end. An editor's file replaces the choice and order of posts with its
own list (notices still go to their section, in the editor's order).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property, partial
from pathlib import Path

from ..core.errors import Problem
from ..core.suggest import did_you_mean
from ..core.text import fold_key
from ..indicators.series import IndicatorSeries
from ..posts.model import Category, Post
from .editorfile import EditorFile, read_editor_files
from .figures import key_figures
from .model import Issue, Section
from .periods import Period
from .settings import RUNNING, BulletinSettings

ARTICLES_TITLE = "Tin bài trong số"
NOTICES_TITLE = "Thông báo"


def _reading_order(posts: Sequence[Post], categories: Sequence[Category]) -> list[Post]:
    rank = {c.slug: c.order for c in categories}
    newest_first = sorted(posts, key=lambda p: p.key, reverse=True)
    return sorted(newest_first, key=lambda p: (not p.pinned, rank.get(p.category.slug, 10**6)))


def _is_notice(post: Post, settings: BulletinSettings) -> bool:
    return fold_key(post.category.name) == fold_key(settings.notices)


def _sections(posts: Sequence[Post], settings: BulletinSettings) -> tuple[Section, ...]:
    articles = tuple(p for p in posts if not _is_notice(p, settings))
    notices = tuple(p for p in posts if _is_notice(p, settings))
    sections = []
    if articles:
        sections.append(Section("articles", ARTICLES_TITLE, articles))
    if notices:
        sections.append(Section("notices", settings.notices or NOTICES_TITLE, notices))
    return tuple(sections)


class PostFinder:
    """Finds a post from what an editor writes: its file, its address or its slug."""

    def __init__(self, posts: Sequence[Post], posts_dir: Path, root: Path) -> None:
        self.posts_dir = posts_dir
        self.root = root
        self._posts = posts

    @cached_property
    def by_key(self) -> dict[str, Post]:
        """Made on the first look-up: most sites have no editor's file to look up for."""
        found: dict[str, Post] = {}
        posts_dir, root = self.posts_dir, self.root
        prefix = posts_dir.relative_to(root).as_posix() + "/" if posts_dir != root else ""
        for post in self._posts:
            for key in (post.path, post.url, post.slug, post.path.removeprefix(prefix)):
                found.setdefault(self._fold(key), post)
        return found

    @staticmethod
    def _fold(reference: str) -> str:
        text = reference.strip().replace("\\", "/")
        if "://" in text:
            text = text.split("://", 1)[1].split("/", 1)[-1]
        return fold_key(text.strip("/").removesuffix("/index.html"))

    def find(self, reference: str) -> Post | None:
        return self.by_key.get(self._fold(reference))

    def explain_missing(self, reference: str) -> str:
        candidate = self.posts_dir / reference.strip().lstrip("/")
        if reference.strip().endswith(".md") and candidate.is_file():
            return (
                f"bài “{reference}” là bản nháp (draft: true) nên chưa đưa vào bản tin được. "
                "Đăng bài (draft: false) hoặc bỏ dòng này."
            )
        names = [p.path.split("/", 1)[-1] for p in self.by_key.values()]
        hint = did_you_mean(reference.rsplit("/", 1)[-1].removesuffix(".md"), names)
        return (
            f"không có bài nào là “{reference}”.{hint} Ghi đường dẫn tệp bài trong thư mục "
            "posts/, ví dụ: 2020/hieu-qua-cong-tac-dan-van-9-thang-2020.md"
        )


def issue_number(period: Period, settings: BulletinSettings, first: Period) -> int:
    if settings.numbering == RUNNING:
        start = settings.start or first
        return settings.first_number + period.ordinal - start.ordinal
    return period.index


def build_issues(
    posts: Sequence[Post],
    categories: Sequence[Category],
    settings: BulletinSettings,
    *,
    ward_name: str,
    posts_dir: Path,
    root: Path,
    series: Sequence[IndicatorSeries] = (),
    scheduled: Sequence[Post] = (),
) -> tuple[list[Issue], list[Problem], list[str]]:
    """Every issue of the site (newest first), the problems of the editor's files, and notes.

    An issue that waits for a scheduled post (named in its file, or the only
    posts of its period) is held back, like the post, until a build after its
    time: the notes say which.
    """
    files, problems = read_editor_files(settings.folder, root, settings.period)
    held: list[str] = []
    waiting = PostFinder(scheduled, posts_dir, root)
    pending_periods = {Period.of(post.date, settings.period) for post in scheduled}
    by_period: dict[Period, list[Post]] = defaultdict(list)
    for post in posts:
        period = Period.of(post.date, settings.period)
        if settings.start is None or period >= settings.start:
            by_period[period].append(post)
    finder = PostFinder(posts, posts_dir, root)
    periods = sorted(set(by_period) | set(files))
    if not periods:
        return [], problems, held
    name = settings.name
    issues: list[Issue] = []
    for period in periods:
        editor: EditorFile | None = files.get(period)
        chosen = _reading_order(by_period.get(period, []), categories)
        if editor is not None and editor.posts:
            chosen = []
            later = [
                ref for ref, _ in editor.posts if finder.find(ref) is None and waiting.find(ref)
            ]
            if later:
                held.append(
                    f"{editor.path}: bản tin {period.label} chờ bài hẹn giờ đăng sau ("
                    + ", ".join(later)
                    + "), sẽ được đăng cùng bài đó."
                )
                continue
            for reference, line in editor.posts:
                found = finder.find(reference)
                if found is None:
                    problems.append(
                        Problem(
                            editor.path, finder.explain_missing(reference), field="posts", line=line
                        )
                    )
                elif found in chosen:
                    problems.append(
                        Problem(
                            editor.path,
                            f"bài “{reference}” được ghi hai lần; xóa một dòng.",
                            field="posts",
                            line=line,
                        )
                    )
                else:
                    chosen.append(found)
        if not chosen:
            if period in pending_periods:
                held.append(f"Bản tin {period.label} chờ bài hẹn giờ đăng sau.")
            elif editor is not None and not editor.posts:
                problems.append(
                    Problem(
                        editor.path,
                        f"kỳ {period.label} không có bài nào được đăng, nên không làm được bản tin. "
                        "Ghi các bài muốn đưa vào ở trường 'posts', hoặc xóa tệp này.",
                        field="posts",
                        line=editor.posts_line,
                    )
                )
            continue
        number = issue_number(period, settings, periods[0])
        if editor is not None and editor.number is not None:
            number = editor.number
        issues.append(
            Issue(
                period=period,
                number=number,
                name=name,
                sections=_sections(chosen, settings),
                figures_of=partial(key_figures, tuple(chosen), series),
                headline=editor.headline if editor else "",
                editorial=editor.editorial if editor else "",
                editorial_line=editor.editorial_line if editor else 1,
                digest=editor.digest if editor and editor.digest is not None else settings.digest,
                source=editor.path if editor else "",
                edited=editor is not None,
            )
        )
    problems.extend(_duplicate_numbers(issues, settings, files))
    issues.sort(key=lambda issue: issue.period, reverse=True)
    return issues, problems, held


def _duplicate_numbers(
    issues: Sequence[Issue], settings: BulletinSettings, files: dict[Period, EditorFile]
) -> list[Problem]:
    seen: dict[tuple[int, int], Issue] = {}
    problems = []
    for issue in issues:
        scope = 0 if settings.numbering == RUNNING else issue.period.year
        other = seen.get((scope, issue.number))
        if other is None:
            seen[(scope, issue.number)] = issue
            continue
        blamed = issue if issue.source else other
        kept = other if blamed is issue else issue
        editor = files.get(blamed.period)
        problems.append(
            Problem(
                blamed.source or "mkdocs.yml",
                f"số {issue.number} đã dùng cho bản tin {kept.period.label}"
                + (f" ({kept.source})" if kept.source else "")
                + f"; bản tin {blamed.period.label} không thể cùng số. Sửa hoặc bỏ trường 'number'.",
                field="number",
                line=editor.number_line if editor else None,
            )
        )
    return problems
