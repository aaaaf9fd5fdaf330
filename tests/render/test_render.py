"""The PDF as a reader gets it: text, order, pages, metadata, bookmarks, bars and geometry."""

import re

import pdfplumber
import pytest
import yaml
from pypdf import PdfReader

from careerguide.core.labels import labels
from careerguide.guidefile.load import load_guide
from careerguide.settings.model import Branding
from helpers import BUNDLED, FIXTURES, build, outline_titles, page_texts, pages_chars, pdf_text

EN = labels("en")
SECTIONS = [
    EN["snapshot"],
    EN["why_it_matters"],
    EN["skills"],
    EN["pathway"],
    EN["education"],
    EN["day"],
    EN["salary"],
    EN["outlook"],
    EN["fit"],
    EN["tradeoffs"],
    EN["action_plan"],
    EN["seniority"],
    EN["growth"],
    EN["quotes_paraphrased"],  # the bundled guide's quotes are all paraphrased
    EN["related"],
    EN["faq"],
    EN["links"],
    EN["sources"],
]


def heading_lines(text: str) -> list[str]:
    """Lines that are exactly a section title, with or without citation marks like [1, 2]."""
    pattern = "|".join(re.escape(title) for title in SECTIONS)
    return re.findall(rf"(?m)^({pattern})(?:\[[\d, ]+\])?$", text)


def test_every_section_title_appears_once_in_reading_order(bundled_build):
    assert heading_lines(pdf_text(bundled_build["pdf"])) == SECTIONS


def test_timelines_read_in_order(bundled_build):
    text = pdf_text(bundled_build["pdf"])
    guide = load_guide(BUNDLED)
    stages = [text.find(stage.stage.split()[0]) for stage in guide.pathway]
    assert text.find("Pathway") < stages[0] and stages == sorted(stages)
    times = [text.find(slot.time) for slot in guide.day.schedule]
    assert -1 not in times and times == sorted(times)


def test_key_figures_are_printed(bundled_build):
    text = pdf_text(bundled_build["pdf"])
    for figure in [
        "$118,000",
        "$155,000",
        "$191,000",
        "94",
        "60%",
        "Very high",
        "09:00",
        "17:30",
    ]:
        assert figure in text, figure
    assert "three or more" in text


def test_pages_and_running_footer(bundled_build):
    reader = PdfReader(bundled_build["pdf"])
    count = len(reader.pages)
    assert 5 <= count <= 9
    for number, text in enumerate(page_texts(bundled_build["pdf"]), start=1):
        footer = f"Machine Learning Engineer · page {number} of {count} · updated November 1, 2026"
        assert footer in text
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages} == {
        (612, 792)
    }


def test_metadata(bundled_build):
    reader = PdfReader(bundled_build["pdf"])
    info = reader.metadata
    assert info.title == "Machine Learning Engineer"
    assert info.author == "careerguide"
    assert info.subject.startswith("Machine learning engineers")
    assert "ML Engineer" in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_one_bookmark_per_section_in_order(bundled_build):
    assert outline_titles(bundled_build["pdf"]) == SECTIONS


def test_fonts_are_embedded_subsets(bundled_build):
    names = set()
    for page in PdfReader(bundled_build["pdf"]).pages:
        for font in page["/Resources"]["/Font"].values():
            cid_font = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = cid_font["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(str(font.get_object()["/BaseFont"]))
    assert names and all(re.match(r"/[A-Z]{6}\+", name) for name in names), names
    assert any("Source-Sans-Pro" in name for name in names)


def test_source_links_are_clickable(bundled_build):
    uris = {
        annot.get_object()["/A"].get("/URI")
        for page in PdfReader(bundled_build["pdf"]).pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    }
    for source in load_guide(BUNDLED).sources:
        assert source.url in uris


def _bar_rects(pdf, count: int):
    """The first `count` filled bars drawn in the accent colour, top to bottom (the skills)."""
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            bars = [
                r
                for r in page.rects
                if r["fill"]
                and 8 <= r["height"] <= 10
                and r["width"] > 5
                and tuple(round(c, 2) for c in r["non_stroking_color"] or ()) == (0.12, 0.37, 0.66)
            ]
            if len(bars) >= count:
                return sorted(bars, key=lambda r: r["top"])[:count]
    raise AssertionError("skill bars not found")


def test_skill_bar_widths_are_proportional_to_scores(bundled_build):
    scores = [skill.score for skill in load_guide(BUNDLED).skills.items]
    widths = [rect["width"] for rect in _bar_rects(bundled_build["pdf"], len(scores))]
    for score, width in zip(scores, widths, strict=True):
        assert width / widths[0] == pytest.approx(score / scores[0], rel=0.01)


def test_a_guide_with_only_a_title_builds(tmp_path):
    outcome = build(FIXTURES / "minimal.yaml", tmp_path)
    text = pdf_text(outcome.written[-1])
    assert "Park Ranger" in text
    assert not [title for title in SECTIONS if title in text]
    assert outline_titles(outcome.written[-1]) == []


def test_long_words_and_many_items_stay_inside_the_page(tmp_path):
    outcome = build(FIXTURES / "stress.yaml", tmp_path, paper="a4")
    pdf = outcome.written[-1]
    text = pdf_text(pdf)
    for word in ["Técnica en Conservación", "Ökologin", "Protège", "Dämme", "Navegación"]:
        assert word in text
    margin = 0.75 * 72 - 1  # the page's side margins, less a point of rounding
    for width, height, chars in pages_chars(pdf):
        assert (width, height) == pytest.approx((595.3, 841.9), abs=0.5)
        outside = [c["text"] for c in chars if c["x0"] < margin or c["x1"] > width - margin]
        assert outside == []
        assert all(c["top"] >= 0 and c["bottom"] <= height for c in chars)
    assert len(_bar_rects(pdf, 12)) == 12


def test_text_is_escaped_not_interpreted(write_guide, tmp_path):
    path = write_guide(
        "career:\n  title: '<b>Bold</b> & <script>alert(1)</script>'\n"
        "  summary: '<img src=x onerror=alert(1)> **strong** [site](javascript:alert(1))'\n"
    )
    outcome = build(path, tmp_path / "out")
    html = outcome.written[0].read_text()
    assert (
        "<script>" not in html
        and "<img src=x" not in html
        and "javascript:"
        not in html.split("</style>")[-1].replace("[site](javascript:alert(1))", "")
    )
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<strong>strong</strong>" in html
    assert "<b>Bold</b> & <script>alert(1)</script>" in pdf_text(outcome.written[1])


HEADINGS_AND_FIGURES = {"/H1", "/H2", "/Figure"}


def _structure(pdf) -> list[tuple[str, str | None]]:
    """(tag, alt text) of every element of the PDF's structure tree, in reading order."""

    def walk(element) -> list[tuple[str, str | None]]:
        element = element.get_object()
        found = [(str(element["/S"]), element.get("/Alt"))] if "/S" in element else []
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                found += walk(kid)
        return found

    return walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])


def test_pdf_ua_is_tagged_with_language_alt_text_and_reading_order(tmp_path):
    logo = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'/>"
    outcome = build(
        BUNDLED,
        tmp_path,
        ("pdf",),
        layout="handout",
        pdf_variant="pdf/ua-1",
        branding=Branding(school="Lincoln High", logo_data_uri=logo),
    )
    reader = PdfReader(outcome.written[0])
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.rdf_root.toxml()
    landmarks = [item for item in _structure(outcome.written[0]) if item[0] in HEADINGS_AND_FIGURES]
    link = load_guide(BUNDLED).links[0].url
    assert landmarks == [
        ("/Figure", "Lincoln High"),
        ("/H1", None),
        ("/Figure", f"QR code linking to {link}"),
        *[("/H2", None)] * 7,
    ]


def test_pdf_a_is_archival_and_the_default_is_untagged(tmp_path):
    archival = build(FIXTURES / "minimal.yaml", tmp_path / "a", ("pdf",), pdf_variant="pdf/a-3b")
    reader = PdfReader(archival.written[0])
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]
    plain = build(FIXTURES / "minimal.yaml", tmp_path / "p", ("pdf",))
    catalog = PdfReader(plain.written[0]).trailer["/Root"]
    assert "/StructTreeRoot" not in catalog and "/MarkInfo" not in catalog


def _lefts(pdf, phrases: list[str]) -> list[float]:
    """The left edge of each phrase (on one line) where it is first printed."""
    with pdfplumber.open(pdf) as document:
        found = {}
        for page in document.pages:
            for phrase in phrases:
                matches = page.search(re.escape(phrase)) if phrase not in found else []
                if matches:
                    found[phrase] = matches[0]["x0"]
    return [found[phrase] for phrase in phrases]


def test_short_faq_answers_print_as_two_columns_read_row_by_row(bundled_build):
    questions = [item.q for item in load_guide(BUNDLED).faq]
    lefts = _lefts(bundled_build["pdf"], [" ".join(q.split()[:3]) for q in questions])
    left, right = min(lefts), max(lefts)
    assert right - left > 150
    sides = ["right" if x > (left + right) / 2 else "left" for x in lefts]
    assert sides == ["left", "right"] * (len(questions) // 2) + ["left"] * (len(questions) % 2)


def test_an_answer_longer_than_a_column_is_printed_whole(write_guide, tmp_path):
    guide = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    answer = " ".join(f"word{n} of a long answer." for n in range(700)) + " The end."
    guide["faq"][1]["a"] = answer
    path = write_guide(yaml.safe_dump(guide, allow_unicode=True))
    pdf = build(path, tmp_path / "out", formats=("pdf",)).written[-1]
    on_paper = "".join(
        char["text"]
        for _, height, chars in pages_chars(pdf)
        for char in chars
        if char["top"] >= 0 and char["bottom"] <= height
    )  # text drawn below a page's edge is in the file but never printed
    assert "word699ofalonganswer.Theend." in "".join(on_paper.split())
