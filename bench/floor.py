"""How much of a warm build is left when the page asks the least of WeasyPrint.

Builds a guide in one warm process as it is, then with an extra stylesheet that lays every
flex row and grid out as plain blocks, then on one endless page (no page breaks, so no box
is laid out again on the next page), then both. Last, the same HTML laid out and written
with no stylesheet but its fonts (WeasyPrint's defaults: plain blocks, lists and tables),
beside the same HTML with its stylesheet: what the guide's text and elements cost alone.
No change to the templates' rows, pagination or styles can bring a build below that. The
pages of the variants are not meant to be printed.

    python bench/floor.py [--runs 7] [--guide FILE]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from caseload import BUNDLED
from phases import median_cpu
from weasyprint import CSS, HTML

from careerguide.guidefile.load import load_guide
from careerguide.layouts.registry import LAYOUTS
from careerguide.orchestration.batch import Builder
from careerguide.render.pdf import font_config
from careerguide.render.variables import with_values_if_flat
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
    return median_cpu(Builder(folder, Settings(extra_css=[extra]), formats=("pdf",)), guide, runs)


def bare_cpu(guide: Path, runs: int) -> tuple[float, float]:
    """Median CPU seconds to lay out and write the guide's print HTML: with its stylesheet,
    and with none but its @font-face rules."""
    page = LAYOUTS["guide"](Settings()).compose(load_guide(guide), for_print=True, inline_css=False)
    faces = "\n".join(line for line in page.css.splitlines() if line.startswith("@font-face"))
    sheets = {
        "styled": CSS(string=with_values_if_flat(page.css, page.html), font_config=font_config()),
        "bare": CSS(string=faces, font_config=font_config()),
    }
    cpu: dict[str, list[float]] = {name: [] for name in sheets}
    for _ in range(runs + 1):  # the first of each is a warm-up
        for name, sheet in sheets.items():
            start = time.process_time()
            HTML(string=page.html).render(
                font_config=font_config(), stylesheets=[sheet]
            ).write_pdf()
            cpu[name].append(time.process_time() - start)
    return statistics.median(cpu["styled"][1:]), statistics.median(cpu["bare"][1:])


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
    styled, bare = bare_cpu(args.guide, args.runs)
    print(
        "\nThe same print HTML laid out and written, nothing else (no loading, composing, files):"
    )
    print(f"with its stylesheet {styled:.2f} s; with none but its fonts {bare:.2f} s "
          f"({bare / styled - 1:+.0%})")  # fmt: skip


if __name__ == "__main__":
    main()
