"""`make bench`: how fast careerguide builds, side by side with the alternatives.

Prints one Markdown table: each figure, what it is compared with, its target and whether
it is met, then where a warm build's time goes. Every comparison is measured in the same
run, its runs interleaved (A, B, A, B...), so a busy machine slows both sides alike. Runs:
`--runs` for the one-guide figures, `--batch-runs` for the 24-guide figures; the library
sizes (`--library`) run once each, a few minutes apiece on two cores. The library is the
guides `careerguide import --all` drafts from the real O*NET and BLS files in
../shared/data, or copies of the bundled guide where that data is absent (said so).

    python bench/run.py [--runs 5] [--batch-runs 3] [--library 100,300,1000] [--no-browser]
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
from phases import shares, warm_build
from warm_browser import warm_prints, why_not

BIN = Path(sys.executable).parent
CAREERGUIDE = [str(BIN / "careerguide")]
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

# Nurses, electricians, restaurant cooks, software developers, graphic designers and truck
# drivers: six careers across health, trades, food, tech, arts and transport, short and long.
IMPORTED = ["29-1141", "47-2111", "35-2014", "15-1252", "27-1024", "53-3032"]

PLAIN_WEASYPRINT = """
import sys, weasyprint
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])
"""
PRINT_HTML = """
import sys
from pathlib import Path
from careerguide.compose.document import compose
from careerguide.guidefile.load import load_guide
from careerguide.settings.model import Settings
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


def real_data() -> list[str | Path] | None:
    """`import`'s options naming the real O*NET and BLS files, or None where they are absent."""
    onet = SHARED / "onet-29.3"
    wages = SHARED / "bls-oews-2025" / "oews_national_state_M2025.csv"
    projections = SHARED / "bls-ep-2024-34" / "Employment Projections.csv"
    if not (onet.is_dir() and wages.is_file() and projections.is_file()):
        return None
    return ["--onet", onet, "--wages", wages, "--projections", projections]


def imported(folder: Path, occupations: list[str], env: dict[str, str]) -> list[Path]:
    """The guides `import` drafts for `occupations` (all of them: `--all`) into `folder`."""
    files = real_data()
    if files is None:
        return []
    if not folder.is_dir():
        subprocess.run(
            [*CAREERGUIDE, "import", *occupations, *files, "--dir", folder],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return sorted(folder.glob("*.yaml"))


def library(folder: Path, count: int, env: dict[str, str]) -> str:
    """Write `count` guides into `folder` and say where they come from: the guides
    `import --all` drafts from the real data (the first `count` by file name), else copies
    of the bundled guide."""
    if real_data() is None:
        write_caseload(folder, count)
        return f"copies of the bundled guide ({SHARED} is absent)"
    available = imported(folder.parent / "imported", ["--all"], env)
    if len(available) < count:
        raise SystemExit(f"import --all drafted {len(available)} guides, fewer than {count}")
    folder.mkdir(parents=True)
    for path in available[:count]:
        shutil.copy(path, folder / path.name)
    return "guides drafted by `import --all` from O*NET 29.3 and BLS files"


def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the one-guide figures")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of the 24-guide figures")
    parser.add_argument(
        "--library", default="100,300,1000", help="library sizes, comma-separated (0: none)"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the warm browser")
    args = parser.parse_args()
    sizes = [int(size) for size in args.library.split(",") if int(size) > 0]

    header = machine()
    work = Path(tempfile.mkdtemp(prefix="careerguide-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    env.pop("CI", None)
    rows: list[tuple[str, ...]] = []

    def row(what: str, ours: str, other: str, ratio: str, target: str, verdict: str) -> None:
        rows.append((what, ours, other, ratio, target, verdict))
        print(f"  {what}: {ours}  {other}  {ratio}  {verdict}", file=sys.stderr, flush=True)

    # 1. --help, and what it imports.
    helps = interleaved(args.runs, help=lambda: run([*CAREERGUIDE, "--help"], env))
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careerguide", "--help"],
        env=env,
        capture_output=True,
        text=True,
    ).stderr
    weasy = "imports WeasyPrint" if "weasyprint" in imports else "WeasyPrint not imported"
    ok = helps["help"] < 0.3 and "weasyprint" not in imports
    row("`careerguide --help`", f"{helps['help']:.2f} s ({weasy})", "", "", "< 0.3 s", met(ok))

    # 2. One cold build vs plain WeasyPrint on the same HTML.
    html = work / "print.html"
    subprocess.run([sys.executable, "-c", PRINT_HTML, BUNDLED, html], env=env, check=True)
    one = work / "one"
    cold = interleaved(
        args.runs,
        plain=lambda: run([sys.executable, "-c", PLAIN_WEASYPRINT, html, work / "plain.pdf"], env),
        pdf=lambda: run([*CAREERGUIDE, "build", BUNDLED, "-o", one, "-f", "pdf", "--force"], env),
    )
    ratio = cold["pdf"] / cold["plain"]
    row(
        "one cold build of the bundled guide, PDF",
        f"{cold['pdf']:.2f} s",
        f"plain WeasyPrint, same HTML: {cold['plain']:.2f} s",
        f"{ratio:.2f}x",
        "<= 1.25x",
        met(ratio <= 1.25),
    )

    # 3. The engine floor: a warm build in one process, and where its time goes.
    warm_cpu, profile = warm_build(BUNDLED, args.runs)
    row(
        "warm build of the bundled guide in one process, CPU",
        f"{warm_cpu:.2f} s",
        "",
        "",
        "<= 0.5 s",
        met(warm_cpu <= 0.5),
    )
    # The same for guides imported from the real files: most of what counselors print.
    six = imported(work / "imported-six", IMPORTED, env)
    if six:
        cpus = sorted(warm_build(path, args.runs)[0] for path in six)
        row(
            f"warm build of an imported guide in one process, CPU ({len(six)} careers)",
            f"{statistics.median(cpus):.2f} s, at most {cpus[-1]:.2f} s",
            f"from {cpus[0]:.2f} s",
            "",
            "<= 0.5 s",
            met(cpus[-1] <= 0.5),
        )
    else:
        row("warm build of an imported guide", "not measured", f"{SHARED} is absent", "", "", "")
    # A handout: what a roster prints for every student, once per career.
    sheets = sorted(warm_build(path, args.runs, "handout")[0] for path in [BUNDLED, *six])
    row(
        f"warm build of a handout in one process, CPU ({len(sheets)} careers)",
        f"{statistics.median(sheets):.2f} s, at most {sheets[-1]:.2f} s",
        f"from {sheets[0]:.2f} s",
        "",
        "",
        "",
    )

    # 4. 24 guides: against a warm browser, two workers against one, a process per guide.
    copies = work / "copies-24"
    copies.mkdir()
    for number in range(24):
        shutil.copy(BUNDLED, copies / f"copy-{number + 1:02d}.yaml")
    htmls = work / "html-24"
    run([*CAREERGUIDE, "build", copies, "-o", htmls, "-f", "html", "--jobs", "2"], env)
    two = [*CAREERGUIDE, "build", copies, "-o", work / "pdf-24", "-f", "pdf", "--force", "-j", "2"]
    browser = why_not() if not args.no_browser else "--no-browser"
    if browser is None:
        files = sorted(htmls.glob("*.html"))
        peers = interleaved(
            args.batch_runs,
            ours=lambda: run(two, env),
            browser=lambda: warm_prints(files, work / "browser-24"),
        )
        ratio = peers["ours"] / peers["browser"]
        row(
            "24 copies of the bundled guide, PDF, `--jobs 2`",
            f"{peers['ours']:.1f} s",
            f"warm headless Chromium (Playwright), same 24 HTML files: {peers['browser']:.1f} s",
            f"{ratio:.2f}x",
            "<= 1x",
            met(ratio <= 1),
        )
    else:
        row("24 copies, `--jobs 2` vs a warm browser", "not measured", browser, "", "<= 1x", "")

    small = write_caseload(work / "guides-24", 24)

    def per_call() -> float:
        return sum(
            run(
                [*CAREERGUIDE, "build", guide, "-o", work / "separate", "-f", "pdf", "--force"], env
            )
            for guide in small
        )

    def batch(jobs: str) -> Callable[[], float]:
        command = [*CAREERGUIDE, "build", small[0].parent, "-o", work / "out-24", "-f", "pdf"]
        return lambda: run([*command, "--force", "--jobs", jobs], env)

    times24 = interleaved(args.batch_runs, one=batch("1"), two=batch("2"), separate=per_call)
    gain = times24["separate"] / times24["one"]
    row(
        "24 varied guides in one process (`--jobs 1`)",
        f"{times24['one']:.1f} s",
        f"a `careerguide build` per guide: {times24['separate']:.1f} s",
        f"{gain:.1f}x faster",
        ">= 2x",
        met(gain >= 2),
    )
    gain = times24["one"] / times24["two"]
    row(
        "24 varied guides, `--jobs 2` vs `--jobs 1`",
        f"{times24['two']:.1f} s",
        f"`--jobs 1`: {times24['one']:.1f} s",
        f"{gain:.2f}x faster",
        ">= 1.6x",
        met(gain >= 1.6),
    )

    # 5. The library: build and booklet of 100, 300, 1,000 guides with two workers.
    source = ""
    first: dict[str, float] = {}
    seconds = 0.0
    for count in sizes:
        folder = work / f"library-{count}"
        source = library(folder, count, env)
        out = work / f"library-{count}-out"
        command = [*CAREERGUIDE, "build", folder, "-o", out, "-f", "pdf", "--jobs", "2"]
        seconds, largest, tree = build_with_memory([str(part) for part in command], env)
        booklet = [*CAREERGUIDE, "booklet", folder, "-o", work / f"booklet-{count}.pdf", "-j", "2"]
        booklet_seconds, _, booklet_tree = build_with_memory([str(p) for p in booklet], env)
        first = first or {"build": seconds / count, "booklet": booklet_seconds / count}
        growth = (seconds / count) / first["build"]
        row(
            f"library of {count}, `build --jobs 2`, PDF",
            f"{seconds:.0f} s ({seconds / count:.2f} s a guide), peak {tree / 2**20:.0f} MB",
            f"largest process {largest / 2**20:.0f} MB",
            f"{growth:.2f}x the time a guide of {sizes[0]}",
            "linear: <= 1.15x",
            met(growth <= 1.15),
        )
        ratio = booklet_seconds / seconds
        growth = (booklet_seconds / count) / first["booklet"]
        ok = ratio <= 1.3 and booklet_tree < 600 * 2**20 and growth <= 1.15
        row(
            f"library of {count}, one booklet, `--jobs 2`",
            f"{booklet_seconds:.0f} s, peak {booklet_tree / 2**20:.0f} MB all processes",
            f"`build` of the same: {seconds:.0f} s; {growth:.2f}x the time a career of {sizes[0]}",
            f"{ratio:.2f}x",
            "<= 1.3x, < 600 MB, linear",
            met(ok),
        )
    if sizes:
        largest_out = work / f"library-{sizes[-1]}-out"
        command = [*CAREERGUIDE, "build", work / f"library-{sizes[-1]}", "-o", largest_out]
        again = interleaved(3, again=lambda: run([*command, "-f", "pdf", "-j", "2"], env))["again"]
        row(
            f"rebuild of the {sizes[-1]} unchanged guides",
            f"{again:.2f} s",
            f"full build: {seconds:.0f} s",
            f"{again / seconds:.1%}",
            "<= 10%",
            met(again <= 0.1 * seconds),
        )
        size, pages = pdf_pages(largest_out)
        row("PDF size", f"{size / pages / 1024:.1f} KB a page", f"{pages} pages", "", "", "")

    print("\n".join(header))
    print(f"- runs: medians of {args.runs} (one guide), {args.batch_runs} (24 guides); "
          f"each library size ran once")  # fmt: skip
    if sizes:
        print(f"- library: {source}")
    print("\n| measurement | careerguide | compared with | ratio | target | |")
    print("|---|---|---|---|---|---|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    print(f"\nWhere a warm build of the bundled guide spends its {warm_cpu:.2f} s (cProfile):\n")
    print("| phase | share |\n|---|---|")
    for phase, share in shares(profile):
        print(f"| {phase} | {share:.0%} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
