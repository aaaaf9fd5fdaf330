"""Worker processes for `--jobs N`: each builds one guide at a time; a death fails that guide.

Why not `concurrent.futures` or `multiprocessing.Pool`: when a worker dies, a
ProcessPoolExecutor fails every task in flight (it cannot tell whose worker died) and a
multiprocessing Pool waits forever. Here each worker has its own pipe, so the parent always
knows which task a worker holds: a worker that dies (killed, out of memory, a crash in a C
library) fails exactly that task, a fresh worker takes its place, and the batch goes on.

Workers are forked (on Linux) after the parent imported WeasyPrint, so none pays for the
import again; each keeps its own state (font configuration, parsed theme) across its tasks.

A pool may hold its workers to a `Budget`, enforced outside Jinja and WeasyPrint, which
cannot bound themselves: each worker's address space is limited (`RLIMIT_AS`, so an
allocation past it fails in the worker, not on the machine), and the parent kills a worker
still on one task past the deadline. Either becomes `OverBudget`, naming the limit.
"""

import multiprocessing
import resource
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from ..core.errors import GuideError, OverBudget

STOP_GRACE_SECONDS = 1.0
_NO_ANSWER = object()
# How C code that cannot allocate ends its process (a kill by hand is SIGKILL or SIGTERM).
_CRASHES = ("SIGSEGV", "SIGABRT", "SIGBUS")
_IDLE = object()  # what a worker holds when it holds no task (a task may be None)

Handler = Callable[[Any], Any]


@dataclass(frozen=True)
class Budget:
    """What one task (one guide) may take: seconds of wall time, megabytes of memory."""

    seconds: float
    megabytes: int

    def apply(self) -> None:
        """Limit this process's address space to the budget's memory."""
        size = self.megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            size = min(size, hard)
        resource.setrlimit(resource.RLIMIT_AS, (size, hard))


class WorkerDied(Exception):
    """The worker process holding a task ended before answering."""


class WorkerError(Exception):
    """The handler raised in the worker; carries the worker's traceback."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message, detail)  # both in args, so it crosses the pipe whole
        self.message, self.detail = message, detail

    def __str__(self) -> str:
        return self.message


def _serve(
    conn: Connection, inherited: list[Connection], handle: Handler, budget: Budget | None
) -> None:
    # A forked worker holds copies of the parent's pipe ends; closing them lets it see the
    # parent's death as the end of its own pipe, instead of waiting for tasks forever.
    for other in inherited:
        other.close()
    # The parent alone decides when to stop (Ctrl-C reaches the whole process group);
    # SIGTERM from it becomes SystemExit, so a file being written is cleaned up on the way out.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_terminate)
    if budget is not None:
        budget.apply()
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent is gone
            return
        try:
            try:
                answer = handle(task)
                conn.send(answer)
            except (BrokenPipeError, ConnectionResetError):
                raise
            except GuideError as error:  # the user's to fix: its own lines, whole
                conn.send(error)
            except Exception as error:  # in the handler, or an answer that cannot be pickled
                if isinstance(error, MemoryError) and budget is not None:
                    limit = f"it needed more than the memory limit of {budget.megabytes:,} MB"
                    conn.send(OverBudget(limit))
                    continue
                conn.send(WorkerError(f"{type(error).__name__}: {error}", traceback.format_exc()))
        except (BrokenPipeError, ConnectionResetError):  # the parent stopped listening (Ctrl-C)
            return


def _exit_on_terminate(signum: int, frame: object) -> None:
    sys.exit(128 + signum)


class _Worker:
    def __init__(
        self, context: Any, others: list["_Worker"], handler: Handler, budget: Budget | None
    ) -> None:
        self.conn, child_end = context.Pipe()
        forked = context.get_start_method() == "fork"
        inherited = [self.conn, *(w.conn for w in others)] if forked else []
        self.process = context.Process(
            target=_serve, args=(child_end, inherited, handler, budget), daemon=True
        )
        self.process.start()
        child_end.close()
        self.task: Any = _IDLE
        self.deadline = float("inf")  # when the task it holds is past its budget

    def how_it_ended(self) -> str:
        self.process.join(STOP_GRACE_SECONDS)
        code = self.process.exitcode
        if code is None:
            return "stopped answering"
        if code < 0:
            return f"was killed by {signal.Signals(-code).name}"
        return f"exited with code {code}"


@contextmanager
def budgeted(budget: Budget, handler: Handler) -> Iterator[Callable[[Any], Any]]:
    """One worker running `handler` under `budget`, kept for many calls made one at a time:
    each call returns the handler's answer or raises its failure (`OverBudget`,
    `WorkerError`, `WorkerDied`)."""
    with WorkerPool(1, handler, budget) as pool:

        def call(task: Any) -> Any:
            [(_, answer)] = pool.run([task])
            if isinstance(answer, GuideError | OverBudget | WorkerError | WorkerDied):
                raise answer
            return answer

        yield call


class WorkerPool:
    """`jobs` worker processes, each running `handler` on the tasks it is sent.

    The handler (with whatever object it is bound to) is copied into each worker, where it
    keeps its state from one task to the next. With a `budget`, each worker's memory is
    limited and a task past the deadline is killed with its worker.
    """

    def __init__(self, jobs: int, handler: Handler, budget: Budget | None = None) -> None:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._context = multiprocessing.get_context(method)
        self._handler, self._budget = handler, budget
        self._workers: list[_Worker] = []
        for _ in range(max(1, jobs)):
            self._workers.append(self._start())

    def _start(self) -> _Worker:
        return _Worker(self._context, self._workers, self._handler, self._budget)

    def run(
        self, tasks: Iterable[Any], started: Callable[[Any], None] | None = None
    ) -> Iterator[tuple[Any, Any]]:
        """Yield (task, answer) as tasks finish; the answer is a WorkerDied, WorkerError,
        GuideError or OverBudget when the worker died, the handler raised (a GuideError
        as itself) or the task went past its budget."""
        pending = deque(tasks)
        while pending or self.busy:
            for worker in [w for w in self._workers if w.task is _IDLE]:
                if not pending:
                    break
                task = pending.popleft()
                if started is not None:
                    started(task)
                self._send(worker, task)
            busy = self.busy
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                None if timeout == float("inf") else timeout,
            )
            now = time.monotonic()
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    yield worker.task, self._answer(worker)
                elif now >= worker.deadline:
                    yield worker.task, self._kill(worker)

    @property
    def busy(self) -> list[_Worker]:
        """Workers holding a task."""
        return [w for w in self._workers if w.task is not _IDLE]

    def _send(self, worker: _Worker, task: Any) -> None:
        worker.task = task
        if self._budget is not None:
            worker.deadline = time.monotonic() + self._budget.seconds
        try:
            worker.conn.send(task)
        except OSError:  # it died while idle: the task goes to its replacement
            replacement = self._replace(worker)
            replacement.task, replacement.deadline = task, worker.deadline
            replacement.conn.send(task)

    def _answer(self, worker: _Worker) -> Any:
        answer: Any = _NO_ANSWER
        try:
            if worker.conn.poll():
                answer = worker.conn.recv()
        except (EOFError, OSError):
            pass
        except Exception as error:  # an answer that cannot be unpickled here
            answer = WorkerError(f"{type(error).__name__}: {error}", traceback.format_exc())
        if answer is _NO_ANSWER:
            ended = worker.how_it_ended()
            if self._budget is not None and ended.endswith(_CRASHES):  # C code out of memory
                ended += f" (perhaps past the memory limit of {self._budget.megabytes:,} MB)"
            answer = WorkerDied(f"its worker process {ended}")
            self._replace(worker)
        worker.task, worker.deadline = _IDLE, float("inf")
        return answer

    def _kill(self, worker: _Worker) -> OverBudget:
        """Kill a worker past its deadline (the task may be in C code that never returns);
        a fresh worker takes its place."""
        assert self._budget is not None
        worker.process.kill()
        worker.process.join()
        worker.task, worker.deadline = _IDLE, float("inf")
        self._replace(worker)
        return OverBudget(f"it took longer than the time limit of {self._budget.seconds:g} s")

    def _replace(self, dead: _Worker) -> _Worker:
        dead.conn.close()
        replacement = self._start()
        self._workers[self._workers.index(dead)] = replacement
        return replacement

    def close(self) -> None:
        """Stop every worker: idle ones at once, busy ones after a short grace period."""
        in_main_thread = threading.current_thread() is threading.main_thread()
        # A second Ctrl-C waits for this, rather than leave workers behind.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main_thread else None
        try:
            for worker in self._workers:
                worker.conn.close()
                if worker.task is not _IDLE and worker.process.is_alive():
                    worker.process.terminate()
            deadline = time.monotonic() + STOP_GRACE_SECONDS
            for worker in self._workers:
                worker.process.join(max(0.0, deadline - time.monotonic()))
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join()
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
