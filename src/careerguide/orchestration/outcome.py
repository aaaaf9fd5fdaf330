"""What happened to each guide of a build, and how one failure is kept from stopping the rest.

Every build (a batch, a roster, a booklet, the site) reports an `Outcome` per guide, roster
row or booklet, and turns a failure into an outcome with `captured`, so one bad guide never
stops the others.
"""

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GuideError, OverBudget, Problem


@dataclass
class Outcome:
    """What happened to one guide (or one roster row, or one booklet)."""

    source: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # traceback of an unexpected failure, shown with --verbose
    unchanged: list[Path] = field(default_factory=list)  # outputs kept from an earlier build
    digests: dict[str, str] = field(default_factory=dict)  # sha256 of the bytes written, by path

    @property
    def status(self) -> str:
        """One of failed, unchanged or built."""
        if self.error:
            return "failed"
        return "unchanged" if self.unchanged and not self.written else "built"


@contextmanager
def captured(outcome: Outcome, where: Path | str) -> Iterator[None]:
    """Record a failure in `outcome` instead of raising it, so the batch goes on.

    A GuideError is the user's to fix and keeps its own lines; anything else is a bug or a
    renderer failure, named with `where` and kept with its traceback for --verbose.
    """
    try:
        yield
    except GuideError as error:
        outcome.error = str(error)
    except MemoryError:
        raise  # past the worker's budget: the pool names the guide and the limit
    except OverBudget as error:
        outcome.error = f"{where}: stopped: {error}"
    except Exception as error:
        outcome.error = f"{where}: failed to build: {type(error).__name__}: {error}"
        outcome.detail = traceback.format_exc()
