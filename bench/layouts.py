"""Figures for the distribution layouts: handout pages, booklet size and time, PDF variants.

Run: .venv/bin/python bench/layouts.py [GUIDES]   (default 24 guides in the booklet)
Prints measurements; asserts nothing (tests never time anything).
"""

import sys
import tempfile
import time
from pathlib import Path

import yaml
from pypdf import PdfReader

from careerguide.orchestration.batch import build_one
from careerguide.orchestration.booklet import build_booklet
from careerguide.settings.model import Settings

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "guide" / "machine-learning-engineer.yaml"


def timed(run):
    """The result, and the CPU seconds it took (steadier than the clock on a shared machine)."""
    start = time.process_time()
    result = run()
    return result, time.process_time() - start


def caseload(folder: Path, count: int) -> list[Path]:
    """`count` guides: the bundled one under other titles, as a counselor's folder would hold."""
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        data["career"]["title"] = f"Career {number:03d}: Machine Learning Engineer"
        path = folder / f"career-{number:03d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        build_one(BUNDLED, out / "warm", Settings(), ("pdf",))  # imports, fonts, caches
        for layout in ("guide", "handout"):
            for variant in (None, "pdf/ua-1", "pdf/a-3b"):
                settings = Settings(layout=layout, pdf_variant=variant)
                outcome, seconds = timed(lambda s=settings: build_one(BUNDLED, out, s, ("pdf",)))
                pages = len(PdfReader(outcome.written[0]).pages)
                print(f"{layout:8} {variant or 'default':9} {pages} pages  {seconds:.2f} s")
        guides = caseload(out / "guides", count)
        booklet, seconds = timed(lambda: build_booklet(guides, out / "booklet.pdf", Settings()))
        size = (out / "booklet.pdf").stat().st_size / 1e6
        print(f"booklet  {count} guides: {booklet.pages} pages, {size:.1f} MB, {seconds:.1f} s")


if __name__ == "__main__":
    main()
