"""Where a warm build's time goes: the bundled guide built again and again in one process.

Builds the guide twice to warm up (imports, fonts, the parsed theme, compiled templates),
then measures `--runs` builds: the median CPU time of one, and under cProfile the share of
each phase. Phases are cumulative times of the functions that start them, so nested phases
(the FAQ's columns, flex rows) are also counted in the layout that holds them.

    python bench/phases.py [--runs 5] [--guide FILE] [--layout guide]
"""

import argparse
import cProfile
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from caseload import BUNDLED

from careerguide.orchestration.batch import Builder
from careerguide.settings.model import Settings

# (phase, the function that runs it: file suffix and name), in the order a build runs them.
PHASES = [
    ("loading and validating the guide", "guidefile/load.py", "load_guide"),
    ("composing the HTML", "compose/document.py", "compose"),
    ("CSS cascade", "css/__init__.py", "get_all_computed_styles"),
    ("box tree", "formatting_structure/build.py", "build_formatting_structure"),
    ("layout, all of it", "layout/page.py", "make_all_pages"),
    ("  of which multi-column (the FAQ)", "layout/column.py", "columns_layout"),
    ("  of which flex rows", "layout/flex.py", "flex_layout"),
    ("  of which tables", "layout/table.py", "table_layout"),
    ("  of which text lines (shaping with Pango)", "text/line_break.py", "split_first_line"),
    ("writing the PDF", "weasyprint/pdf/__init__.py", "generate_pdf"),
    ("  of which drawing the pages", "weasyprint/document.py", "paint"),
]


def shares(profile: pstats.Stats) -> list[tuple[str, float]]:
    """Each phase's share of the whole build, from a profile of builds."""
    stats = profile.stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in stats.values())
    found = []
    for phase, suffix, name in PHASES:
        cumulative = sum(
            entry[3]
            for (path, _, function), entry in stats.items()
            if function == name and path.endswith(suffix)
        )
        found.append((phase, cumulative / total))
    return found


def median_cpu(builder: Builder, guide: Path, runs: int) -> float:
    """Median CPU seconds of `runs` builds of `guide` by `builder`, after two to warm up."""
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


def warm_build(guide: Path, runs: int, layout: str = "guide") -> tuple[float, pstats.Stats]:
    """Median CPU seconds of a warm build of `guide` (PDF only), and a profile of `runs` more."""
    with tempfile.TemporaryDirectory() as out:
        builder = Builder(Path(out), Settings(layout=layout), formats=("pdf",))
        cpu = median_cpu(builder, guide, runs)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(runs):
            builder.build(guide)
        profiler.disable()
    return cpu, pstats.Stats(profiler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--guide", type=Path, default=BUNDLED)
    parser.add_argument("--layout", default="guide")
    args = parser.parse_args()
    cpu, profile = warm_build(args.guide, args.runs, args.layout)
    print(f"warm build of {args.guide.name} ({args.layout}), PDF only: "
          f"median {cpu:.2f} s CPU of {args.runs} runs\n")  # fmt: skip
    print("| phase | share |\n|---|---|")
    for phase, share in shares(profile):
        print(f"| {phase} | {share:.0%} |")


if __name__ == "__main__":
    main()
