"""The one-sheet handout: the essentials, a QR code, and never a third page."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from careerguide.compose.document import compose
from careerguide.core.labels import labels
from careerguide.guidefile.load import load_guide
from careerguide.layouts.base import readable_roots
from careerguide.layouts.handout import (
    DROP_ORDER,
    PARTS,
    SECTIONS,
    handout_spill,
    handout_variables,
)
from careerguide.render.fetcher import SandboxedFetcher
from careerguide.render.pdf import lay_out
from careerguide.settings.model import Settings
from helpers import BUNDLED, FIXTURES, build, page_texts, pdf_text, qr_codes

EN = labels("en")
OVERFLOW = FIXTURES / "overflow.yaml"
HANDOUT = Settings(layout="handout")


@pytest.fixture(scope="module")
def bundled_handout(tmp_path_factory) -> dict[str, Path]:
    outcome = build(BUNDLED, tmp_path_factory.mktemp("handout"), layout="handout")
    assert outcome.warnings == []
    return {path.suffix.lstrip("."): path for path in outcome.written}


@pytest.fixture(scope="module")
def overflow_handout(tmp_path_factory):
    return build(OVERFLOW, tmp_path_factory.mktemp("overflow"), ("pdf",), layout="handout")


def test_the_bundled_guide_fits_two_pages_with_every_handout_section(bundled_handout):
    pdf = bundled_handout["pdf"]
    assert len(PdfReader(pdf).pages) == 2
    text = pdf_text(pdf)
    titles = [EN[key] for key in SECTIONS if key not in PARTS]
    positions = [text.find(f"\n{title}\n") for title in titles]
    assert -1 not in positions and positions == sorted(positions), dict(
        zip(titles, positions, strict=True)
    )
    for title in [EN["myths"], EN["day"], EN["faq"], EN["sources"]]:
        assert f"\n{title}\n" not in text  # myths and other sections stay in the full guide
    assert "[1" not in text  # no source marks: the handout has no source list


def test_page_one_has_the_title_summary_and_a_qr_code_to_the_first_link(bundled_handout):
    guide = load_guide(BUNDLED)
    page_one = page_texts(bundled_handout["pdf"])[0]
    assert page_one.startswith("DIGITAL TECHNOLOGY\nMachine Learning Engineer")
    assert "Machine learning engineers write software" in page_one
    assert EN["scan_to_learn_more"] in page_one
    assert qr_codes(bundled_handout["pdf"], 1) == [guide.links[0].url]


def test_the_qr_code_falls_back_to_the_first_source_with_a_url(write_guide, tmp_path):
    path = write_guide(
        "career: {title: Welder}\n"
        "sources:\n"
        "  - {id: a, title: A book}\n"
        "  - {id: b, title: Welders, url: 'https://www.bls.gov/ooh/production/welders.htm'}\n"
    )
    outcome = build(path, tmp_path / "out", ("pdf",), layout="handout")
    assert qr_codes(outcome.written[0], 1) == ["https://www.bls.gov/ooh/production/welders.htm"]


def test_the_longest_guide_leaves_out_sections_in_order_and_says_so(overflow_handout):
    pdf = overflow_handout.written[0]
    assert len(PdfReader(pdf).pages) == 2
    (warning,) = map(str, overflow_handout.warnings)
    prefix = f"{OVERFLOW}: warning: the handout is longer than 2 pages; left out "
    assert warning.startswith(prefix)
    left_out = warning.removeprefix(prefix).split(", ")
    assert left_out == [key for key in DROP_ORDER if key in left_out]
    assert "salary" not in left_out and "snapshot" not in left_out
    text = pdf_text(pdf)
    for key in SECTIONS:
        if key not in PARTS:
            assert (f"\n{EN[key]}\n" in text) == (key not in left_out), key
    assert EN["tasks"] in text  # "What they do"


def test_sections_are_left_out_only_as_far_as_needed(overflow_handout):
    """Putting back any one section left out would spill past two pages."""
    warning = str(overflow_handout.warnings[0])
    left_out = warning.rsplit("left out ", 1)[1].split(", ")
    guide = load_guide(OVERFLOW)
    fetcher = SandboxedFetcher(readable_roots(OVERFLOW, HANDOUT))
    for key in left_out:
        others = tuple(other for other in left_out if other != key)
        page = compose(guide, HANDOUT, for_print=True, variables=handout_variables(guide, others))
        assert len(lay_out(page, base_dir=FIXTURES, fetcher=fetcher)) > 2, key


def test_what_they_do_keeps_its_first_three_tasks_before_it_is_left_out(write_guide, tmp_path):
    """On a sheet too small for five tasks and the pay, "What they do" keeps its first three
    tasks rather than going: they say what the job is. (A long import in large print.)"""
    task = "Plan, carry out and check one piece of the daily work, with the people and tools"
    tasks = "".join(f"  - {task} ({number}).\n" for number in range(1, 6))
    path = write_guide(
        "career:\n  title: Harbour Pilots\n  summary: Guide ships into and out of a harbour.\n"
        f"  tasks:\n{tasks}"
        "salary: {currency: USD, region: United States, low: 61250, median: 118400, high: 191300}\n"
    )
    small = tmp_path / "small-sheet.css"
    small.write_text("@page { size: 5in 4.2in; margin: 0.4in }", encoding="utf-8")
    outcome = build(path, tmp_path / "out", ("pdf",), layout="handout", extra_css=(small,))
    (warning,) = map(str, outcome.warnings)
    assert warning.endswith("; left out more_tasks"), warning
    text = " ".join(pdf_text(outcome.written[0]).split())
    assert EN["tasks"] in text and EN["salary"] in text
    assert [number for number in range(1, 6) if f"({number})" in text] == [1, 2, 3]
    assert len(PdfReader(outcome.written[0]).pages) == 2


def test_a_few_lines_past_one_side_make_a_one_side_handout(tmp_path):
    """The imported-shaped guide runs a few lines onto a second side: one section less and
    it prints on one side, and the warning says which."""
    imported = FIXTURES / "imported.yaml"
    outcome = build(imported, tmp_path, ("pdf",), layout="handout")
    assert len(PdfReader(outcome.written[0]).pages) == 1
    (warning,) = map(str, outcome.warnings)
    assert warning.endswith("to print it on one side"), warning
    assert EN["salary"] in pdf_text(outcome.written[0])


def test_text_that_cannot_fit_is_cut_at_page_two(write_guide, tmp_path):
    sentence = "A sentence about what the work involves from one day to the next."
    paragraphs = "\n\n".join("    " + " ".join([sentence] * 6) for _ in range(24))
    path = write_guide(f"career:\n  title: Longwinded\n  summary: |\n{paragraphs}\n")
    outcome = build(path, tmp_path / "out", ("pdf",), layout="handout")
    assert len(PdfReader(outcome.written[0]).pages) == 2
    assert [str(warning) for warning in outcome.warnings] == [
        f"{path}: warning: the handout is longer than 2 pages; cut the text that runs past page 2"
    ]


def test_check_can_ask_whether_a_handout_spills():
    assert handout_spill(load_guide(BUNDLED), BUNDLED, Settings()) is None
