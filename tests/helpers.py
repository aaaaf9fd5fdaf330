"""Reading real output back: text, outline and geometry of PDFs that WeasyPrint wrote."""

import subprocess
import sys
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from careerguide.batch import Outcome, build_one
from careerguide.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BUNDLED = ROOT / "guide" / "machine-learning-engineer.yaml"


def careerguide(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the command in a fresh process, as a counselor would."""
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
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


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


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in order (index 0 is page 1)."""
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def outline_tree(pdf: Path) -> list[tuple[str, int, list]]:
    """Bookmarks as (title, page number, children), nested as the reader shows them."""
    reader = PdfReader(pdf)

    def walk(items) -> list[tuple[str, int, list]]:
        tree: list[tuple[str, int, list]] = []
        for item in items:
            if isinstance(item, list):
                tree[-1][2].extend(walk(item))
            else:
                tree.append((item.title, reader.get_destination_page_number(item) + 1, []))
        return tree

    return walk(reader.outline)


def qr_codes(pdf: Path, page_number: int = 1, dpi: int = 150) -> list[str]:
    """Texts of the QR codes a camera would read on a page, rendered as pixels.

    Skips the test when no decoder is installed (zxing-cpp comes with the test extra).
    """
    import pypdfium2
    import pytest

    zxingcpp = pytest.importorskip("zxingcpp", reason="QR decoding needs zxing-cpp (pip)")
    document = pypdfium2.PdfDocument(pdf)
    image = document[page_number - 1].render(scale=dpi / 72).to_pil()
    return [code.text for code in zxingcpp.read_barcodes(image)]
