"""The worker pool on small tasks: every answer comes back, a death fails only its task."""

import os
import signal

from careerguide.orchestration.workers import WorkerDied, WorkerError, WorkerPool


class Task:
    """A task handler that keeps state across calls, as a guide builder does."""

    def __init__(self) -> None:
        self.done = 0

    def __call__(self, task: str) -> tuple[str, int, int]:
        if task == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        if task == "exit":
            os._exit(3)
        if task == "raise":
            raise ValueError("bad task")
        self.done += 1
        return task.upper(), os.getpid(), self.done


def run(tasks: list[str], jobs: int) -> dict[str, object]:
    with WorkerPool(jobs, Task()) as pool:
        return dict(pool.run(tasks))


def test_every_task_is_answered_by_a_worker_that_keeps_its_state():
    answers = run([f"t{n}" for n in range(12)], jobs=2)
    assert sorted(answers) == sorted(f"t{n}" for n in range(12))
    assert all(answer[0] == task.upper() for task, answer in answers.items())
    assert {pid for _, pid, _ in answers.values()} - {os.getpid()}
    assert max(done for _, _, done in answers.values()) > 1  # one handler served many tasks


def test_a_killed_worker_fails_its_task_only_and_the_batch_goes_on():
    tasks = ["a", "b", "die", "c", "d", "exit", "e"]
    answers = run(tasks, jobs=2)
    assert sorted(answers) == sorted(tasks)
    assert isinstance(answers["die"], WorkerDied)
    assert "killed by SIGKILL" in str(answers["die"])
    assert isinstance(answers["exit"], WorkerDied)
    assert "exited with code 3" in str(answers["exit"])
    assert [answers[t][0] for t in "abcde"] == list("ABCDE")  # type: ignore[index]


def test_an_exception_in_a_worker_comes_back_with_its_traceback():
    answers = run(["raise", "ok"], jobs=1)
    error = answers["raise"]
    assert isinstance(error, WorkerError)
    assert str(error) == "ValueError: bad task"
    assert "Traceback" in error.detail and "bad task" in error.detail
    assert answers["ok"][0] == "OK"  # type: ignore[index]


def test_closing_the_pool_ends_every_worker():
    pool = WorkerPool(2, Task())
    processes = [worker.process for worker in pool._workers]
    assert list(pool.run(["x"]))
    pool.close()
    assert all(not process.is_alive() for process in processes)


def spend(task: str) -> str:
    """A task that ends, hangs (in C: no Python check could stop it) or allocates too much."""
    if task == "hang":
        signal.pause()
    if task == "gigabyte":
        return str(len(bytearray(1024**3)))
    return task.upper()


def test_a_task_past_its_budget_is_stopped_and_the_next_one_runs():
    from careerguide.orchestration.workers import Budget, OverBudget

    with WorkerPool(1, spend, Budget(seconds=0.5, megabytes=300)) as pool:
        answers = dict(pool.run(["a", "hang", "b", "gigabyte", "c"]))
    assert [answers[task] for task in ("a", "b", "c")] == ["A", "B", "C"]
    assert isinstance(answers["hang"], OverBudget)
    assert str(answers["hang"]) == "it took longer than the time limit of 0.5 s"
    assert isinstance(answers["gigabyte"], OverBudget)
    assert str(answers["gigabyte"]) == "it needed more than the memory limit of 300 MB"
