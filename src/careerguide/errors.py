"""The one error type for user mistakes: caught once by the CLI, printed one line each."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One finding at a place in a file: `path:line:col: [level: ][field: ]message`.

    `level` ("error" or "warning") is set by `check`, which reports both kinds; a build
    reports only errors and leaves it empty.
    """

    path: Path | str
    message: str
    line: int = 1
    col: int = 1
    field: str = ""
    level: str = ""

    def __str__(self) -> str:
        parts = [f"{self.path}:{self.line}:{self.col}", self.level, self.field, self.message]
        return ": ".join(part for part in parts if part)


class GuideError(Exception):
    """A user mistake (bad guide, bad option, missing file); never a bug in careerguide."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str | Problem):
            problems = [problems]  # type: ignore[list-item]
        self.problems: list[Problem | str] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
