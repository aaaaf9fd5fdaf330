"""Worker processes for `--jobs N`: each builds one guide at a time; a death fails that guide.

Why not `concurrent.futures` or `multiprocessing.Pool`: when a worker dies, a
ProcessPoolExecutor fails every task in flight (it cannot tell whose worker died) and a
multiprocessing Pool waits forever. Here each worker has its own pipe, so the parent always
knows which task a worker holds: a worker that dies (killed, out of memory, a crash in a C
library) fails exactly that task, a fresh worker takes its place, and the batch goes on.

Workers are forked (on Linux) after the parent imported WeasyPrint, so none pays for the
import again; each keeps its own state (font configuration, parsed theme) across its tasks.
"""

import multiprocessing
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

STOP_GRACE_SECONDS = 1.0
_NO_ANSWER = object()

Handler = Callable[[Any], Any]


class WorkerDied(Exception):
    """The worker process holding a task ended before answering."""


class WorkerError(Exception):
    """The handler raised in the worker; carries the worker's traceback."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message, detail)  # both in args, so it crosses the pipe whole
        self.message, self.detail = message, detail

    def __str__(self) -> str:
        return self.message


def _serve(conn: Connection, inherited: list[Connection], handle: Handler) -> None:
    # A forked worker holds copies of the parent's pipe ends; closing them lets it see the
    # parent's death as the end of its own pipe, instead of waiting for tasks forever.
    for other in inherited:
        other.close()
    # The parent alone decides when to stop (Ctrl-C reaches the whole process group);
    # SIGTERM from it becomes SystemExit, so a file being written is cleaned up on the way out.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_terminate)
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
            except Exception as error:  # in the handler, or an answer that cannot be pickled
                conn.send(WorkerError(f"{type(error).__name__}: {error}", traceback.format_exc()))
        except (BrokenPipeError, ConnectionResetError):  # the parent stopped listening (Ctrl-C)
            return


def _exit_on_terminate(signum: int, frame: object) -> None:
    sys.exit(128 + signum)


class _Worker:
    def __init__(self, context: Any, others: list["_Worker"], handler: Handler) -> None:
        self.conn, child_end = context.Pipe()
        forked = context.get_start_method() == "fork"
        inherited = [self.conn, *(w.conn for w in others)] if forked else []
        self.process = context.Process(
            target=_serve, args=(child_end, inherited, handler), daemon=True
        )
        self.process.start()
        child_end.close()
        self.task: Any = None

    def how_it_ended(self) -> str:
        self.process.join(STOP_GRACE_SECONDS)
        code = self.process.exitcode
        if code is None:
            return "stopped answering"
        if code < 0:
            return f"was killed by {signal.Signals(-code).name}"
        return f"exited with code {code}"


class WorkerPool:
    """`jobs` worker processes, each running `handler` on the tasks it is sent.

    The handler (with whatever object it is bound to) is copied into each worker, where it
    keeps its state from one task to the next.
    """

    def __init__(self, jobs: int, handler: Handler) -> None:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._context = multiprocessing.get_context(method)
        self._handler = handler
        self._workers: list[_Worker] = []
        for _ in range(max(1, jobs)):
            self._workers.append(self._start())

    def _start(self) -> _Worker:
        return _Worker(self._context, self._workers, self._handler)

    def run(
        self, tasks: Iterable[Any], started: Callable[[Any], None] | None = None
    ) -> Iterator[tuple[Any, Any]]:
        """Yield (task, answer) as tasks finish; the answer is a WorkerDied or WorkerError
        when the worker died or the handler raised."""
        pending = deque(tasks)
        while pending or self.busy:
            for worker in [w for w in self._workers if w.task is None]:
                if not pending:
                    break
                task = pending.popleft()
                if started is not None:
                    started(task)
                self._send(worker, task)
            busy = self.busy
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    yield worker.task, self._answer(worker)

    @property
    def busy(self) -> list[_Worker]:
        """Workers holding a task."""
        return [w for w in self._workers if w.task is not None]

    def _send(self, worker: _Worker, task: Any) -> None:
        worker.task = task
        try:
            worker.conn.send(task)
        except OSError:  # it died while idle: the task goes to its replacement
            replacement = self._replace(worker)
            replacement.task = task
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
            answer = WorkerDied(f"its worker process {worker.how_it_ended()}")
            self._replace(worker)
        worker.task = None
        return answer

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
                if worker.task is not None and worker.process.is_alive():
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
