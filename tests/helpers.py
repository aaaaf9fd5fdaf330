"""Reading real output back: text, outline and geometry of PDFs that WeasyPrint wrote."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pdfplumber
import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from careerguide.orchestration.batch import build_one
from careerguide.orchestration.outcome import Outcome
from careerguide.settings.model import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BUNDLED = ROOT / "guide" / "machine-learning-engineer.yaml"
SPANISH = ROOT / "guide" / "es" / "ingeniero-de-aprendizaje-automatico.yaml"
SCHEMA = ROOT / "schema" / "guide.schema.json"
THEMES = ("classic", "mono", "large-print", "readable")

# The publishers' real files, beside the project and never copied into it (their README says
# so); tests that read them skip, saying why, where they are absent.
SHARED_DATA = ROOT.parent / "shared" / "data"
REAL_ONET = SHARED_DATA / "onet-29.3"
REAL_WAGES = SHARED_DATA / "bls-oews-2025" / "oews_national_state_M2025.csv"
REAL_PROJECTIONS = SHARED_DATA / "bls-ep-2024-34" / "Employment Projections.csv"
needs_real_data = pytest.mark.skipif(
    not (REAL_ONET.is_dir() and REAL_WAGES.is_file() and REAL_PROJECTIONS.is_file()),
    reason="the real O*NET and BLS files are not in ../shared/data (see its README)",
)

# Made-up O*NET (text and Excel editions) and BLS files in the publishers' layouts, for the
# tests that must always run (tests/fixtures/data; its README says they are made up).
MADE_UP_DATA = FIXTURES / "data"
MADE_UP_ONET = MADE_UP_DATA / "onet-txt"
MADE_UP_ONET_XLSX = MADE_UP_DATA / "onet-xlsx"
MADE_UP_WAGES = MADE_UP_DATA / "oews-made-up-M2099.csv"
MADE_UP_MARKED_WAGES = MADE_UP_DATA / "oews-markers-made-up-M2099.csv"  # BLS's # and * too
MADE_UP_PROJECTIONS = MADE_UP_DATA / "projections-made-up.csv"
MADE_UP_DAY = date(2099, 6, 1)  # "today" for what is drafted from them


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


def as_json(value: Any) -> Any:
    """YAML values as an editor's language server sees them: dates are strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


def schema_errors(data: dict[str, Any]) -> list[str]:
    """What the committed JSON Schema says about a guide's values (nothing when valid)."""
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [error.message for error in validator.iter_errors(as_json(data))]


def pdf_objects(pdf: Path) -> list:
    """Every indirect object of the PDF, including those packed in object streams."""
    reader = PdfReader(pdf)
    numbers = {
        (number, generation) for generation, table in reader.xref.items() for number in table
    }
    numbers |= {(number, 0) for number in reader.xref_objStm}
    return [reader.get_object(IndirectObject(n, g, reader)) for n, g in sorted(numbers)]


def pdf_decoded_bytes(pdf: Path) -> bytes:
    """The PDF file followed by every object in it, each stream decompressed.

    A file's bytes can hide inside a compressed stream (an embedded image, font or
    attachment), so a search for leaked content must look at the decoded streams.
    """
    parts = [pdf.read_bytes()]
    for obj in pdf_objects(pdf):
        if isinstance(obj, StreamObject):
            parts.append(obj.get_data())
        parts.append(repr(obj).encode())
    return b"\n".join(parts)


def page_images(pdf: Path, dpi: int = 50) -> list[Image.Image]:
    """Every page drawn to an RGB image, as a reader or a copier would see it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


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
