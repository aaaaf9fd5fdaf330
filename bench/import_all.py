"""How long `careerguide import --all` takes on the real O*NET and BLS files.

Reads ../shared/data (see its README); says so and stops when it is absent. Each run is a
new process writing every guide into a fresh temporary folder; the table gives the median
wall time of the runs, and, measured in this process, the time to read the files once (the
Excel edition with python-calamine) against drafting and writing every guide. Nothing from
the data is kept. The issue's budget: under 30 s on a 2-core machine.

    .venv/bin/python bench/import_all.py [--runs 3]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
ONET = SHARED / "onet-29.3"
WAGES = SHARED / "bls-oews-2025" / "oews_national_state_M2025.csv"
PROJECTIONS = SHARED / "bls-ep-2024-34" / "Employment Projections.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    if not (ONET.is_dir() and WAGES.is_file() and PROJECTIONS.is_file()):
        sys.exit(f"skipped: the real data is not in {SHARED} (see its README)")
    files = ["--onet", str(ONET), "--wages", str(WAGES), "--projections", str(PROJECTIONS)]
    walls, summary = [], ""
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "careerguide", "import", "--all", *files, "--dir", folder],
                capture_output=True,
                text=True,
                check=False,
            )
            walls.append(time.perf_counter() - started)
            summary = done.stderr.strip().splitlines()[-1]
            if done.returncode != 0:
                sys.exit(f"import --all failed (exit {done.returncode}): {summary}")

    from careerguide.authoring.importer import import_guides, load_data

    started = time.perf_counter()
    data = load_data(ONET, WAGES, PROJECTIONS)
    read = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for _ in import_guides(data, list(data.onet.occupations), Path(folder), today=date.today()):
            pass
        drafted = time.perf_counter() - started

    print(f"| measure ({runs} runs) | seconds |")
    print("|---|---|")
    print(f"| `import --all`, new process, median wall | {statistics.median(walls):.1f} |")
    print(f"| reading the files once (in process) | {read:.1f} |")
    print(
        f"| drafting, validating and writing {len(data.onet.occupations)} guides | {drafted:.1f} |"
    )
    print(f"\nlast run: {summary}")


if __name__ == "__main__":
    main()
