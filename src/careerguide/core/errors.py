"""Problems a user can fix, located in their file: the one error type and the one finding type.

A build's errors, a build's warnings and `check`'s findings are all `Problem`s, printed one
line each; `GuideError` carries the problems that stop a command, and the CLI prints them
in one place. Where each message is worded: `guidefile/messages.py`.
"""

from dataclasses import dataclass
from pathlib import Path

from .. import gate


@dataclass(frozen=True)
class Problem:
    """One finding: `path:line:col: [level: ][field: ]message`.

    `path` is a file, or what else the problem is about (`--shard`, a folder); `line` and
    `col` are None where no place in a file applies, and are then left out of the line.
    `level` ("error" or "warning") is set where both kinds are reported together.
    """

    path: Path | str
    message: str
    line: int | None = 1
    col: int | None = 1
    field: str = ""
    level: str = ""

    @classmethod
    def about(cls, subject: Path | str, message: str, level: str = "") -> "Problem":
        """A problem about a file or an option as a whole, not a place inside it."""
        return cls(subject, message, line=None, col=None, level=level)

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}" + (f":{self.col}" if self.col is not None else "")
        parts = [where, self.level, self.field, self.message]
        return ": ".join(part for part in parts if part)


class GuideError(Exception):
    """A user mistake (bad guide, bad option, missing file); never a bug in careerguide."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else problems
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __reduce__(self) -> tuple[type["GuideError"], tuple[list[Problem]]]:
        return GuideError, (self.problems,)  # whole across a worker's pipe


class OverBudget(Exception):
    """A guide went past its budget: the time limit (its worker was killed) or the memory
    limit. The message names the limit; whoever catches it names the guide."""


def refusal(refused: gate.Refused) -> GuideError:
    """A refusal of the gate as the one-line error of a file nobody else named."""
    return GuideError(Problem.about(refused.path, refused.reason))
