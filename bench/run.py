"""`make bench`: how fast careerguide builds, side by side with the alternatives.

Prints one Markdown table of medians. Every comparison is measured in the same run, its
runs interleaved (A, B, A, B...), so a busy machine slows both sides alike. Runs:
`--runs` for the one-guide figures, `--batch-runs` for the 24-guide figures; the 200-guide
figures run once each (a few minutes apiece on two cores), and separate processes for 200
guides are extrapolated from the 24-guide per-guide time (said so in the table).

    python bench/run.py [--runs 5] [--batch-runs 3] [--large 200] [--no-chromium]
"""

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from caseload import BUNDLED, write_caseload

# The browser tests' launch flags, so the comparison runs Chromium exactly as they do.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import HEADLESS_FLAGS

BIN = Path(sys.executable).parent
CAREERGUIDE = [str(BIN / "careerguide")]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

PLAIN_WEASYPRINT = """
import sys, weasyprint
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])
"""
PRINT_HTML = """
import sys
from pathlib import Path
from careerguide.compose.document import compose
from careerguide.core.load import load_guide
from careerguide.core.settings import Settings
page = compose(load_guide(Path(sys.argv[1])), Settings(), for_print=True)
Path(sys.argv[2]).write_text(page.html, encoding="utf-8")
"""


def run(command: list, env: dict[str, str]) -> float:
    """Seconds the command took; it must succeed."""
    return run_with_cpu(command, env)[0]


def run_with_cpu(command: list, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the command and all its processes. CPU time hardly
    changes when other work shares the machine, so it shows growth that wall time blurs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(runs: int, **commands: Callable[[], float]) -> dict[str, float]:
    """Median seconds of each command, run in turn `runs` times."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(command())
    return {name: statistics.median(values) for name, values in times.items()}


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._done = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            self.peak = max(self.peak, self._tree_rss())

    def _tree_rss(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid = int(stat.parent.name)
            parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        tree, grew = {self.pid}, True
        while grew:
            more = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= more
            grew = bool(more)
        return sum(rss.get(pid, 0) for pid in tree)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


def build_with_memory(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, peak memory of the largest single process, and of the whole process tree."""
    probe = (
        "import resource, subprocess as s, sys\n"
        "s.run(sys.argv[1:], check=True, stdout=s.DEVNULL, stderr=s.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", probe, *command], env=env, stdout=subprocess.PIPE, text=True
    )
    tree = TreeMemory(process.pid)
    largest_kib = int(process.communicate()[0])
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, largest_kib * 1024, tree.stop()


def chromium_prints(html_files: list[Path], out: Path, profile: Path, env: dict) -> float:
    """Seconds for headless Chromium to print each HTML file to PDF, one launch per file."""
    flags = [*HEADLESS_FLAGS, "--no-pdf-header-footer", f"--user-data-dir={profile}"]
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for html in html_files:
        target = out / f"{html.stem}.pdf"
        subprocess.run(
            [CHROMIUM, *flags, f"--print-to-pdf={target}", html.resolve().as_uri()],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - start


def pdf_pages(folder: Path) -> tuple[int, int]:
    """Total bytes and pages of the PDFs in a folder."""
    from pypdf import PdfReader

    pdfs = list(folder.glob("*.pdf"))
    return sum(p.stat().st_size for p in pdfs), sum(len(PdfReader(p).pages) for p in pdfs)


def machine() -> list[str]:
    """What the figures were measured on."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    from importlib.metadata import version

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"- CPU: {os.cpu_count()} x {model}",
        f"- RAM: {memory_kib / 1024 / 1024:.1f} GiB",
        f"- Python {platform.python_version()}, WeasyPrint {version('weasyprint')}, "
        f"careerguide {version('careerguide')}, {platform.system()} {platform.release()}",
        f"- load average at the start: {load}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the one-guide figures")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of the 24-guide figures")
    parser.add_argument("--large", type=int, default=200, help="guides in the large batch")
    parser.add_argument("--no-chromium", action="store_true", help="skip headless Chromium")
    args = parser.parse_args()

    header = machine()
    work = Path(tempfile.mkdtemp(prefix="careerguide-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    env.pop("CI", None)
    rows: list[tuple[str, str, str, str, str]] = []

    def row(what: str, ours: str, other: str = "", ratio: str = "", target: str = "") -> None:
        rows.append((what, ours, other, ratio, target))
        print(f"  {what}: {ours}  {other}  {ratio}", file=sys.stderr, flush=True)

    # 1. --help, and what it imports.
    helps = interleaved(args.runs, help=lambda: run([*CAREERGUIDE, "--help"], env))
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careerguide", "--help"],
        env=env,
        capture_output=True,
        text=True,
    ).stderr
    weasy = "imports WeasyPrint" if "weasyprint" in imports else "WeasyPrint not imported"
    row("`careerguide --help`", f"{helps['help']:.2f} s ({weasy})", "", "", "< 0.3 s")

    # 2. One cold build vs plain WeasyPrint on the same HTML.
    html = work / "print.html"
    subprocess.run([sys.executable, "-c", PRINT_HTML, BUNDLED, html], env=env, check=True)
    one = work / "one"
    cold = interleaved(
        args.runs,
        plain=lambda: run([sys.executable, "-c", PLAIN_WEASYPRINT, html, work / "plain.pdf"], env),
        pdf=lambda: run([*CAREERGUIDE, "build", BUNDLED, "-o", one, "-f", "pdf", "--force"], env),
        both=lambda: run([*CAREERGUIDE, "build", BUNDLED, "-o", one, "--force"], env),
    )
    row(
        "one cold build of the bundled guide, PDF",
        f"{cold['pdf']:.2f} s",
        f"plain WeasyPrint, same HTML: {cold['plain']:.2f} s",
        f"{cold['pdf'] / cold['plain']:.2f}x",
        "<= 1.25x",
    )
    row(
        "one cold build, PDF + HTML (the default)",
        f"{cold['both']:.2f} s",
        f"plain WeasyPrint (PDF only): {cold['plain']:.2f} s",
        f"{cold['both'] / cold['plain']:.2f}x",
    )

    # 3. 24 guides: one process, two workers, a process per guide.
    small = write_caseload(work / "guides-24", 24)
    out24 = work / "out-24"

    def per_call() -> float:
        return sum(
            run([*CAREERGUIDE, "build", guide, "-o", work / "separate", "--force"], env)
            for guide in small
        )

    def batch(jobs: str) -> Callable[[], float]:
        command = [
            *CAREERGUIDE,
            "build",
            work / "guides-24",
            "-o",
            out24,
            "--force",
            "--jobs",
            jobs,
        ]
        return lambda: run(command, env)

    times24 = interleaved(args.batch_runs, one=batch("1"), two=batch("2"), separate=per_call)
    cpu24 = run_with_cpu(
        [*CAREERGUIDE, "build", work / "guides-24", "-o", out24, "--force", "--jobs", "2"], env
    )[1]
    separate_each = times24["separate"] / 24
    row(
        "24 guides in one process (`--jobs 1`), per guide",
        f"{times24['one'] / 24:.2f} s",
        f"a `careerguide build` per guide: {separate_each:.2f} s",
        f"{separate_each / (times24['one'] / 24):.1f}x faster",
        ">= 2x",
    )
    row(
        "24 guides, `--jobs 2` vs `--jobs 1`",
        f"{times24['two']:.1f} s",
        f"`--jobs 1`: {times24['one']:.1f} s",
        f"{times24['one'] / times24['two']:.2f}x faster",
        ">= 1.6x",
    )

    # 4. The large batch: two workers (with memory), one process, nothing changed, Chromium.
    large = args.large
    write_caseload(work / "guides-large", large)
    out_large = work / "out-large"
    command = [*CAREERGUIDE, "build", work / "guides-large", "-o", out_large, "--jobs", "2"]
    seconds2, largest, tree = build_with_memory([str(part) for part in command], env)
    unchanged = interleaved(max(args.batch_runs, 3), again=lambda: run(command, env))["again"]
    chromium = None
    if not args.no_chromium and Path(CHROMIUM).exists():
        htmls = sorted(out_large.glob("*.html"))
        chromium = chromium_prints(htmls, work / "chromium", work / "profile", env)
    seconds1, cpu_large = run_with_cpu(
        [*CAREERGUIDE, "build", work / "guides-large", "-o", work / "out-large-1", "-j", "1"], env
    )
    row(
        f"{large} guides in one process (`--jobs 1`), per guide",
        f"{seconds1 / large:.2f} s",
        f"a `careerguide build` per guide: {separate_each:.2f} s (extrapolated from 24)",
        f"{separate_each / (seconds1 / large):.1f}x faster",
        ">= 2x",
    )
    row(
        f"{large} guides, `--jobs 2`",
        f"{seconds2:.1f} s ({seconds2 / large:.2f} s per guide)",
        f"24 guides: {times24['two'] / 24:.2f} s per guide",
        f"{(seconds2 / large) / (times24['two'] / 24):.2f}x per guide",
        "linear (about 1x)",
    )
    row(
        f"CPU time per guide, {large} guides (`--jobs 1`)",
        f"{cpu_large / large:.2f} s",
        f"24 guides (`--jobs 2`): {cpu24 / 24:.2f} s",
        f"{(cpu_large / large) / (cpu24 / 24):.2f}x",
        "linear (about 1x)",
    )
    row(
        f"rebuild of {large} unchanged guides",
        f"{unchanged:.2f} s",
        f"full build: {seconds2:.1f} s",
        f"{unchanged / seconds2:.1%}",
        "<= 10%",
    )
    row(
        f"peak memory, {large} guides with `--jobs 2`",
        f"{tree / 2**20:.0f} MB all processes",
        f"largest single process: {largest / 2**20:.0f} MB",
        "",
        "< 400 MB",
    )
    size, pages = pdf_pages(out_large)
    row("PDF size", f"{size / pages / 1024:.1f} KB per page", f"{pages} pages", "", "")
    if chromium is not None:
        row(
            f"{large} guides, `--jobs 2` vs headless Chromium printing the same HTML one by one",
            f"{seconds2:.1f} s",
            f"Chromium: {chromium:.1f} s",
            f"{seconds2 / chromium:.2f} of Chromium's time",
            "<= 0.33",
        )
    else:
        reason = "--no-chromium" if args.no_chromium else f"{CHROMIUM} not installed"
        row("headless Chromium", "not measured", reason, "", "")

    print("\n".join(header))
    print(f"- runs: medians of {args.runs} (one guide), {args.batch_runs} (24 guides); "
          f"the {large}-guide builds ran once each\n")  # fmt: skip
    print("| measurement | careerguide | compared with | ratio | target |")
    print("|---|---|---|---|---|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
