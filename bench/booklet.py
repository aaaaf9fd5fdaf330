"""A booklet of N guides against building the same guides apart, with the same `--jobs`.

For each size, `careerguide booklet` and `careerguide build --format pdf --force` run in
turn (`--runs` times, interleaved, medians), each in a new process; the table gives wall
time, CPU time of all the processes, and peak resident memory of all of them added up
(sampled every 50 ms; pages forked workers share with the parent count once per process,
so this overstates). The issue's targets: time within 1.3x of the separate builds, memory
under 600 MB for 1,000 guides, and growth linear in the number of careers.

    python bench/booklet.py [--sizes 24 100] [--jobs 2] [--runs 1]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from caseload import write_caseload
from run import TreeMemory, machine

CAREERGUIDE = [sys.executable, "-m", "careerguide"]


def measured(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the command's processes, and their peak memory."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    tree = TreeMemory(process.pid)
    _, errors = process.communicate()
    wall = time.perf_counter() - start
    peak = tree.stop()
    if process.returncode:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[24, 100])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    print("\n".join(machine()))
    work = Path(tempfile.mkdtemp(prefix="careerguide-booklet-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    jobs = ["--jobs", str(args.jobs)]
    print("| guides | booklet | separate builds | ratio | booklet CPU | builds CPU | booklet memory | builds memory |")
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        guides = work / f"guides-{size}"
        write_caseload(guides, size)
        commands = {
            "booklet": [*CAREERGUIDE, "booklet", str(guides), "-o", str(work / f"{size}.pdf"), *jobs],
            "build": [
                *CAREERGUIDE, "build", str(guides), "--format", "pdf", "--force",
                "--out", str(work / f"build-{size}"), *jobs,
            ],
        }  # fmt: skip
        results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                results[name].append(measured(command, env))
        (booklet_wall, booklet_cpu, booklet_memory), (build_wall, build_cpu, build_memory) = (
            tuple(statistics.median(values) for values in zip(*results[name], strict=True))
            for name in commands
        )
        print(
            f"| {size} | {booklet_wall:.1f} s | {build_wall:.1f} s | "
            f"{booklet_wall / build_wall:.2f}x | {booklet_cpu:.1f} s | {build_cpu:.1f} s | "
            f"{booklet_memory / 1e6:.0f} MB | {build_memory / 1e6:.0f} MB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
