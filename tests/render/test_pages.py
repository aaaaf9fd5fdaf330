"""Laid-out pages as layouts hold them: counted, cut, bound on right-hand pages, written."""

from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from careerguide.core.page import Page
from careerguide.render.fetcher import SandboxedFetcher
from careerguide.render.pages import LaidOut
from careerguide.render.pdf import lay_out
from helpers import page_texts

BREAK = '<p style="break-before: page">'


def laid(*texts: str, title: str = "Part") -> LaidOut:
    """One page per text, A6."""
    body = "<style>@page { size: A6 }</style>" + "".join(
        f'{BREAK if index else "<p>"}<span id="p{index}">{text}</span></p>'
        for index, text in enumerate(texts)
    )
    page = Page(html=body, title=title, language="en")
    return lay_out(page, base_dir=Path.cwd(), fetcher=SandboxedFetcher([]))


def written(pages: LaidOut, tmp_path: Path) -> Path:
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(pages.write())
    return pdf


def test_the_first_pages_are_kept_and_counted(tmp_path):
    three = laid("one", "two", "three")
    assert len(three) == 3
    two = three.head(2)
    assert len(two) == 2 and len(three) == 3
    assert [text.strip() for text in page_texts(written(two, tmp_path))] == ["one", "two"]


def test_each_part_is_bound_on_a_right_hand_page_under_one_title(tmp_path):
    blanks = []

    def blank() -> LaidOut:
        blanks.append(laid(""))
        return blanks[-1]

    bound = LaidOut.bound([laid("a"), laid("b1", "b2"), laid("c")], blank, "Bound")
    texts = [text.strip() for text in page_texts(written(bound, tmp_path))]
    assert texts == ["a", "", "b1", "b2", "c"]
    assert len(blanks) == 1
    assert PdfReader(BytesIO(bound.write())).metadata.title == "Bound"


def test_an_anchor_taken_is_found_once_and_not_written():
    pages = laid("one", "two")
    assert pages.take_anchor("p1") == 1
    assert pages.take_anchor("p1") is None
    assert list(PdfReader(BytesIO(pages.write())).named_destinations) == ["p0"]
