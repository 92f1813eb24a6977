"""Problems found in content, reported to ward staff in Vietnamese.

A :class:`Problem` always names the file, and where known the field and line,
says what is wrong and how to fix it. Loaders collect problems instead of
raising at the first one, so ``bantin check`` can print them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    path: str
    message: str
    field: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        field = f" trường '{self.field}'" if self.field else ""
        return f"{self.location}: {self.severity.value}{field}: {self.message}"


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class HasProblems:
    """Splits the ``problems`` of whatever collected them into errors and warnings."""

    problems: Sequence[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]
