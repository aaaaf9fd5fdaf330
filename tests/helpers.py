"""Reading real output back: text, outline and geometry of PDFs that WeasyPrint wrote."""

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdfium2
from PIL import Image
from pypdf import PdfReader

from careerguide.batch import Outcome, build_one
from careerguide.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BUNDLED = ROOT / "guide" / "machine-learning-engineer.yaml"
THEMES = ("classic", "mono", "large-print", "readable")


def careerguide(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the command as a counselor would, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "careerguide", *args], cwd=cwd, capture_output=True, text=True
    )


def build(guide: Path, out: Path, formats: tuple[str, ...] = ("pdf", "html"), **options) -> Outcome:
    """Build one guide with the library and fail the test on any error."""
    outcome = build_one(guide, out, Settings(**options), formats)
    assert outcome.error is None, outcome.error
    return outcome


def pdf_text(pdf: Path) -> str:
    """All text of the PDF in reading order, pages joined."""
    return "\n".join(page_texts(pdf))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, no-break spaces read as spaces (as a reader sees them)."""
    return [(page.extract_text() or "").replace("\xa0", " ") for page in PdfReader(pdf).pages]


def outline_titles(pdf: Path) -> list[str]:
    """Titles of the PDF's bookmarks, depth first."""

    def walk(items) -> list[str]:
        titles = []
        for item in items:
            titles += walk(item) if isinstance(item, list) else [item.title]
        return titles

    return walk(PdfReader(pdf).outline)


def pages_chars(pdf: Path):
    """(page width, page height, characters) for each page."""
    with pdfplumber.open(pdf) as document:
        return [(page.width, page.height, page.chars) for page in document.pages]


def page_images(pdf: Path, dpi: int = 50) -> list[Image.Image]:
    """Every page drawn to an RGB image, as a reader or a copier would see it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()
