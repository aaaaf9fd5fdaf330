"""How much of a warm build is left when the page asks the least of WeasyPrint.

Builds a guide in one warm process as it is, then with an extra stylesheet that lays every
flex row and grid out as plain blocks, then on one endless page (no page breaks, so no box
is laid out again on the next page), then both. The last figure is the floor for the
guide's content in this WeasyPrint: no change to the templates' rows or to pagination can
bring a build below it. The pages of the variants are not meant to be printed.

    python bench/floor.py [--runs 7] [--guide FILE]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from caseload import BUNDLED

from careerguide.orchestration.batch import Builder
from careerguide.settings.model import Settings

# Every row the bundled styles lay out with flex or grid, and the short-answer FAQ's grid.
BLOCKS = (
    ".school, .snapshot-grid, .bar-row, .timeline-v li, .range-ends, .stat-line, .fit-lists,"
    " .two-col, .plan-columns, .quotes, .links, .link, .range-scale, .faq.short-answers"
    " { display: block !important; }"
)
ONE_PAGE = "@page, @page :first { size: 8.5in 400in !important; }"
VARIANTS = {
    "as built": "",
    "rows as blocks": BLOCKS,
    "one endless page": ONE_PAGE,
    "both": BLOCKS + ONE_PAGE,
}


def warm_cpu(guide: Path, css: str, runs: int, folder: Path) -> float:
    """Median CPU seconds of a warm build of `guide` with `css` added, PDF only."""
    extra = folder / f"extra-{abs(hash(css))}.css"
    extra.write_text(css, encoding="utf-8")
    builder = Builder(folder, Settings(extra_css=[extra]), formats=("pdf",))
    for _ in range(2):
        outcome = builder.build(guide)
        if outcome.error:
            raise SystemExit(outcome.error)
    cpu = []
    for _ in range(runs):
        start = time.process_time()
        builder.build(guide)
        cpu.append(time.process_time() - start)
    return statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--guide", type=Path, default=BUNDLED)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        figures = {
            name: warm_cpu(args.guide, css, args.runs, Path(out)) for name, css in VARIANTS.items()
        }
    print(f"warm build of {args.guide.name}, PDF only, median CPU of {args.runs} runs\n")
    print("| variant | CPU | against as built |\n|---|---|---|")
    for name, cpu in figures.items():
        print(f"| {name} | {cpu:.2f} s | {cpu / figures['as built'] - 1:+.0%} |")


if __name__ == "__main__":
    main()
