"""The one printer of outcomes: what build, roster, booklet and watch show as they run.

Each outcome prints the same way whichever command made it: warnings and errors on
stderr, one `wrote PATH` (or `unchanged PATH`) line per file on stdout. On a terminal
(both outputs, outside CI) a batch gets a rich progress bar with the count and the guide
being built instead of the `wrote` lines, which would scroll a library of a thousand
guides past the counselor; its warnings and errors still print above the bar. In a pipe, a
log or CI every line is printed, plain, so scripts can read them. A summary closes the run:
how many guides were built, unchanged and failed and how long it took (a build of one
guide has its own lines for a summary), and after a progress bar the folder the files went
to; or for rows and booklets, how many of them failed.
"""

import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import Problem
from .outcome import Outcome

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class OutcomePrinter:
    """Follows a command's outcomes and tells the counselor about them.

    `tally` words the summary for things other than a batch of guides ("roster rows
    failed": `2 of 8 roster rows failed`); without it the summary counts guides built,
    unchanged and failed, with the time taken. `bar` allows the progress bar. `total` None:
    as many as follow.
    """

    def __init__(
        self,
        total: int | None,
        verbose: bool = False,
        *,
        tally: str | None = None,
        bar: bool = True,
        settings: Path | None = None,
    ) -> None:
        self.total, self.verbose, self.tally = total, verbose, tally
        self.settings = settings  # the careerguide.yaml used, named in the summary
        self.seen = 0
        self.counts = {"built": 0, "unchanged": 0, "failed": 0}
        self.failures: list[Outcome] = []
        self._started_at = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._folders: set[Path] = set()  # where the files not listed (behind a bar) went
        if (
            bar
            and total is not None
            and total > 1
            and sys.stdout.isatty()
            and sys.stderr.isatty()
            and not os.environ.get("CI")
        ):
            self._start_bar(total)

    def _start_bar(self, total: int) -> None:
        # rich is imported only here: a pipe or CI never pays for it.
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(stderr=True)
        if console.is_terminal and not console.is_dumb_terminal:
            self._bar = Progress(
                TextColumn("[bold]Building"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=console,
                transient=True,
                auto_refresh=False,  # no refresh thread: worker processes are forked meanwhile
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._bar.add_task("", total=total)

    def follow(self, outcomes: Iterable[Outcome]) -> bool:
        """Report each outcome as it comes; False when Ctrl-C stopped the batch."""
        if self._bar is not None:
            self._bar.start()
        try:
            for outcome in outcomes:
                self.finished(outcome)
        except KeyboardInterrupt:
            self._say("interrupted: stopping; files already written are complete", err=True)
            if isinstance(outcomes, Iterator) and hasattr(outcomes, "close"):
                outcomes.close()  # stops the workers
            self._stop()
            self._summary(interrupted=True)
            return False
        self._stop()
        self._summary()
        return True

    def started(self, guide_path: Path) -> None:
        """A guide went to a worker: show it as the current one."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=str(guide_path))
            self._bar.refresh()

    def finished(self, outcome: Outcome) -> None:
        """Print what happened to one guide and count it."""
        self.seen += 1
        self.counts[outcome.status] += 1
        self.warn(outcome.warnings)
        if outcome.error:
            self.failures.append(outcome)
            self._say(outcome.error, err=True)
            if self.verbose and outcome.detail:
                self._say(outcome.detail, err=True)
        if self._bar is not None and self._task is not None:
            self._folders.update(path.parent for path in outcome.written + outcome.unchanged)
            self._bar.advance(self._task)
            self._bar.refresh()
            return
        for path in outcome.written:
            self._say(f"wrote {path}")
        for path in outcome.unchanged:
            self._say(f"unchanged {path}")

    def stamped(self, outcome: Outcome, stamp: str, seconds: float) -> None:
        """`watch`'s line per rebuild: when, which guide and how long, then its problems."""
        self.warn(outcome.warnings)
        if outcome.error:
            self._say(f"{stamp} failed {outcome.source} ({seconds:.1f} s)", err=True)
            self._say(outcome.error, err=True)
        else:
            written = ", ".join(map(str, outcome.written))
            self._say(f"{stamp} built {outcome.source} ({seconds:.1f} s): {written}")

    def warn(self, warnings: list[Problem]) -> None:
        """Print warnings, one line each."""
        for warning in warnings:
            self._say(str(warning), err=True)

    def say(self, text: str) -> None:
        """Print a line of the command's own (stdout)."""
        self._say(text)

    def _say(self, text: str, err: bool = False) -> None:
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=sys.stderr if err else sys.stdout, flush=True)

    def _stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _summary(self, interrupted: bool = False) -> None:
        total = self.seen if self.total is None else self.total
        if self.tally is not None:
            if self.failures:
                self._say(f"{len(self.failures)} of {total} {self.tally}", err=True)
            return
        if total <= 1 and not interrupted:
            return
        done = ", ".join(f"{label} {count}" for label, count in self.counts.items())
        seconds = time.monotonic() - self._started_at
        guides = "guide" if total == 1 else "guides"
        if self.failures:
            failed = ", ".join(str(outcome.source) for outcome in self.failures)
            self._say(f"failed: {failed}", err=True)
        line = f"{done} of {total} {guides} in {seconds:.1f} s"
        if self._folders:
            line += " into " + ", ".join(sorted(_shown(folder) for folder in self._folders))
        if self.settings is not None:
            line += f"; settings from {_shown(self.settings)}"
        self._say(f"interrupted: {line}" if interrupted else line, err=True)


def _shown(path: Path) -> str:
    """A path as the counselor would type it: relative to the current folder when inside it."""
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
