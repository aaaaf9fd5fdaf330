"""What a batch shows while it runs: a progress bar on a terminal, plain lines elsewhere.

On a terminal (both outputs, outside CI) a rich progress bar shows the count and the guide
being built, with each file written and each problem printed above it. In a pipe, a log or
CI the same lines are printed plainly, one per file, so scripts can read them. Either way a
summary closes the batch: how many guides were built, unchanged and failed, and how long
it took (a build of one guide has its own lines for a summary).
"""

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .batch import Outcome

if TYPE_CHECKING:
    from rich.progress import Progress


class BatchReport:
    """Follows a batch's outcomes and tells the counselor about them."""

    def __init__(self, total: int, verbose: bool = False) -> None:
        self.total, self.verbose = total, verbose
        self.counts = {"built": 0, "unchanged": 0, "failed": 0}
        self.failures: list[Outcome] = []
        self._started_at = time.monotonic()
        self._bar: Progress | None = None
        self._task = None
        if sys.stdout.isatty() and sys.stderr.isatty() and not os.environ.get("CI"):
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

    def follow(self, outcomes: Iterator[Outcome]) -> bool:
        """Report each outcome as it comes; False when Ctrl-C stopped the batch."""
        if self._bar is not None:
            self._bar.start()
        try:
            for outcome in outcomes:
                self.finished(outcome)
        except KeyboardInterrupt:
            self._say("interrupted: stopping; files already written are complete", err=True)
            outcomes.close()  # type: ignore[attr-defined]  (stops the workers)
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
        self.counts[outcome.status] += 1
        for warning in outcome.warnings:
            self._say(warning, err=True)
        if outcome.error:
            self.failures.append(outcome)
            self._say(outcome.error, err=True)
            if self.verbose and outcome.detail:
                self._say(outcome.detail, err=True)
        for path in outcome.written:
            self._say(f"wrote {path}")
        for path in outcome.unchanged:
            self._say(f"unchanged {path}")
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)
            self._bar.refresh()

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
        if self.total <= 1 and not interrupted:
            return
        done = ", ".join(f"{label} {count}" for label, count in self.counts.items())
        seconds = time.monotonic() - self._started_at
        guides = "guide" if self.total == 1 else "guides"
        if self.failures:
            failed = ", ".join(str(outcome.source) for outcome in self.failures)
            self._say(f"failed: {failed}", err=True)
        line = f"{done} of {self.total} {guides} in {seconds:.1f} s"
        self._say(f"interrupted: {line}" if interrupted else line, err=True)
