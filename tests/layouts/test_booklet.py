"""Booklets: contents that point at the right pages, right-hand starts, nested bookmarks."""

import re
import shutil
from datetime import date
from itertools import pairwise

import pytest
from PIL import ImageChops
from pypdf import PdfReader

from careerguide.core.labels import labels
from careerguide.guidefile.education import entry_education
from careerguide.guidefile.load import load_guide
from careerguide.layouts.booklet import compose_booklet, glance
from careerguide.layouts.handout import main_link
from careerguide.orchestration.booklet import build_booklet, write_whole_booklet
from careerguide.settings.model import Branding, Settings
from helpers import (
    BUNDLED,
    FIXTURES,
    ROOT,
    SPANISH,
    careerguide,
    outline_tree,
    page_images,
    page_texts,
    qr_codes,
)

GUIDES = [
    BUNDLED,
    ROOT / "guide" / "es" / "ingeniero-de-aprendizaje-automatico.yaml",
    FIXTURES / "minimal.yaml",
    FIXTURES / "stress.yaml",
]
TITLE = "Careers in Technology"
TITLES = [load_guide(path).career.title for path in GUIDES]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def booklet(tmp_path_factory):
    """A booklet of four guides, one broken guide among them, built by the command."""
    folder = tmp_path_factory.mktemp("booklet")
    for number, path in enumerate(GUIDES):
        shutil.copy(path, folder / f"{number}-{path.name}")
    (folder / "9-broken.yaml").write_text("career: {title: X, colour: red}\n")
    pdf = folder / "booklet.pdf"
    result = careerguide(
        "booklet", str(folder), "-o", str(pdf), "--title", TITLE, "--school", "Lincoln High",
        "--jobs", "2",
    )  # fmt: skip
    return {"pdf": pdf, "result": result, "texts": page_texts(pdf), "folder": folder}


def starts(booklet) -> list[int]:
    """The page where each career's title really is: the first after the table at a glance."""
    texts = [flat(text) for text in booklet["texts"]]
    glance = next(n for n, text in enumerate(texts, 1) if labels("en")["at_a_glance"] in text)
    return [
        next(n for n, text in enumerate(texts, 1) if n > glance and title in text)
        for title in TITLES
    ]


def test_a_broken_guide_is_reported_and_left_out(booklet):
    result = booklet["result"]
    assert result.returncode == 1
    assert "9-broken.yaml:1:20: career.colour: unknown key" in result.stderr
    assert "1 of 5 guides left out" in result.stderr
    pages = len(booklet["texts"])
    assert result.stdout.strip() == f"wrote {booklet['pdf']} (4 careers, {pages} pages)"


def test_the_cover_names_the_booklet_school_date_and_how_to_use_it(booklet):
    """A cover worth printing, which leaves the list of careers to the contents."""
    english = labels("en")
    cover = flat(booklet["texts"][0])
    assert cover.startswith(f"Lincoln High {TITLE} ")
    assert f"{english['careers_inside']}: 4" in cover
    assert english["booklet_how_to_use"].split(":")[0] in cover
    assert not any(title in cover for title in TITLES)


def test_the_careers_at_a_glance_and_the_data_they_share_come_once(booklet):
    """One table of every career's pay, entry education and outlook, then the sources the
    careers share, listed once instead of after each career."""
    english = labels("en")
    texts = [flat(text) for text in booklet["texts"]]
    (glance,) = [n for n, text in enumerate(texts) if english["at_a_glance"] in text]
    table = texts[glance]
    for title in TITLES:
        assert title in table
    assert "$155,000" in table and "Very high" in table  # the bundled guide's pay and outlook
    assert english["about_the_data"] in table
    assert table.count("Qoollege") == 1  # a source both editions of the bundled guide cite
    # Every source of the two editions is shared: neither has a source list of its own; the
    # stress guide's sources are its own, listed at its end.
    destinations = PdfReader(booklet["pdf"]).named_destinations
    assert [name for name in destinations if name.endswith("--sources")] == ["3-stress--sources"]


def test_every_salary_chart_in_a_booklet_has_the_same_scale(tmp_path):
    """Two careers of very different pay: one scale, so the bars compare."""
    target = tmp_path / "pay.pdf"
    build_booklet([BUNDLED, FIXTURES / "imported.yaml"], target, Settings())
    texts = [flat(text) for text in page_texts(target)]
    scales = [re.search(r"\$0 (\$[\d,]+ ?)+", text).group(0) for text in texts if " $0 " in text]
    assert len(scales) == 2 and scales[0] == scales[1], scales


def test_contents_page_numbers_are_the_pages_where_each_career_starts(booklet):
    toc = flat(booklet["texts"][2])
    listed = [int(re.search(re.escape(title) + r" ?\.+ *(\d+)", toc).group(1)) for title in TITLES]
    assert listed == starts(booklet)


def test_each_career_starts_on_a_right_hand_page(booklet):
    assert all(page % 2 == 1 for page in starts(booklet))


def test_pages_are_numbered_straight_through_and_blank_backs_are_notes_pages(booklet):
    notes = 0
    for number, text in enumerate(booklet["texts"], start=1):
        text = text.strip()
        notes += text == labels("en")["notes"]
        if number == 1 or text == labels("en")["notes"]:
            continue
        assert text.endswith((f"{TITLE} {number}", f"{number} {TITLE}")), (number, text[-60:])
    assert notes >= 2  # the cover's back, at least


def test_the_running_header_names_the_current_career(booklet):
    texts = [flat(text) for text in booklet["texts"]]
    bounds = [*starts(booklet), len(texts) + 1]
    for title, first, after in zip(TITLES, bounds, bounds[1:], strict=False):
        for number in range(first + 1, after):
            if texts[number - 1] not in ("", labels("en")["notes"]):
                assert title in texts[number - 1], (title, number)


def links(pdf, pages: range) -> list[tuple[int, str, int]]:
    """(page, destination name, page it leads to) of each internal link on these pages."""
    reader = PdfReader(pdf)
    destinations = reader.named_destinations
    found = []
    for number in pages:
        for annotation in reader.pages[number - 1].get("/Annots") or []:
            name = annotation.get_object().get("/Dest")
            if name is not None:
                target = reader.get_destination_page_number(destinations[name]) + 1
                found.append((number, str(name), target))
    return found


def test_the_contents_link_to_each_career_s_first_page(booklet):
    texts = [flat(text) for text in booklet["texts"]]
    toc = next(n for n, text in enumerate(texts, 1) if text.startswith(labels("en")["contents"]))
    found = links(booklet["pdf"], range(toc, toc + 1))
    first_pages = {name: target for _, name, target in found}
    assert list(first_pages.values()) == starts(booklet)
    assert not PdfReader(booklet["pdf"]).pages[toc - 1]["/Annots"][0].get_object().get("/A")


def test_each_career_s_citations_lead_to_its_own_sources(booklet):
    bounds = [*starts(booklet), len(booklet["texts"]) + 1]
    citations = 0
    for first, after in pairwise(bounds):
        for _, name, target in links(booklet["pdf"], range(first, after)):
            assert first <= target < after, name
            citations += "--source-" in name
    # The two editions of the bundled guide share every source, listed in "About the data"
    # and marked nowhere; only a career's own sources are numbered and marked.
    assert citations == 0


def test_more_jobs_make_the_same_pages(booklet, tmp_path):
    one_job = tmp_path / "one-job.pdf"
    folder = booklet["folder"]
    result = careerguide(
        "booklet", str(folder), "-o", str(one_job), "--title", TITLE, "--school", "Lincoln High",
        "--jobs", "1",
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert page_texts(one_job) == booklet["texts"]


def test_nothing_but_the_booklet_is_left_beside_it(booklet):
    assert not [path.name for path in booklet["folder"].iterdir() if path.name.startswith(".")]


def test_one_bookmark_per_career_with_its_sections_under_it(booklet):
    tree = outline_tree(booklet["pdf"])
    assert [title for title, _, _ in tree] == TITLES
    assert [page for _, page, _ in tree] == starts(booklet)
    bounds = [*starts(booklet), len(booklet["texts"]) + 1]
    for (title, first, sections), after in zip(tree, bounds[1:], strict=True):
        assert all(not children for _, _, children in sections)
        assert all(first <= page < after for _, page, _ in sections), title
    english = labels("en")
    assert [name for name, _, _ in tree[0][2]][:3] == [
        english["snapshot"],
        english["why_it_matters"],
        english["skills"],
    ]
    assert tree[2][2] == []  # the title-only guide has no sections


def test_anchors_stay_unique_when_two_careers_share_a_file_name(tmp_path):
    twin = tmp_path / BUNDLED.name
    shutil.copy(BUNDLED, twin)
    guides = [(path, load_guide(path)) for path in (BUNDLED, twin)]
    html = compose_booklet(guides, Settings(), title=None, today=date(2026, 11, 2)).html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and len(ids) > 40
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids


def test_each_career_opens_with_a_qr_code_to_its_first_link(booklet):
    """As on a handout, a career's first link is a QR code beside its title: last, alone,
    "Learn more" could take a page of its own with a notes page behind it."""
    for path, page in zip(GUIDES, starts(booklet), strict=True):
        link = main_link(load_guide(path))
        assert qr_codes(booklet["pdf"], page) == ([link.url] if link else []), path.name
    assert "Learn more" not in " ".join(booklet["texts"])  # every guide here has one link


def test_a_career_s_other_links_stay_in_learn_more(write_guide, tmp_path):
    path = write_guide(
        "career: {title: Harbour Pilot}\n"
        "links:\n"
        "  - {label: Pilots at work, url: 'https://example.org/pilots'}\n"
        "  - {label: A day on the water, url: 'https://example.org/day'}\n"
    )
    outcome = build_booklet([path], tmp_path / "one.pdf", Settings())
    texts = [flat(text) for text in page_texts(tmp_path / "one.pdf")]
    codes = ["https://example.org/day", "https://example.org/pilots"]
    assert outcome.pages == 5 and sorted(qr_codes(tmp_path / "one.pdf", 5)) == codes
    assert "Scan to learn more Pilots at work" in texts[4]
    assert "Learn more A day on the water" in texts[4]
    assert texts[4].count("Pilots at work") == 1  # beside the title, not again below


def test_a_single_guide_makes_a_booklet_with_the_default_title(tmp_path):
    outcome = build_booklet([FIXTURES / "minimal.yaml"], tmp_path / "one.pdf", Settings())
    assert outcome.written and outcome.failures == [] and outcome.careers == ["Park Ranger"]
    texts = page_texts(tmp_path / "one.pdf")
    assert outcome.pages == len(texts) == 5  # cover, its back, contents, its back, the career
    assert "Park Ranger" in texts[4]
    assert [title for title, _, _ in outline_tree(tmp_path / "one.pdf")] == ["Park Ranger"]
    assert PdfReader(tmp_path / "one.pdf").metadata.title == labels("en")["booklet_title"]


def test_the_parts_joined_look_as_the_booklet_laid_out_whole(tmp_path):
    """Footers stamped on, blank backs, the contents' numbers: the same pixels as when
    WeasyPrint lays the whole booklet out as one document."""
    settings = Settings(theme="readable", paper="a4", branding=Branding(school="Lincoln High"))
    options = {"title": TITLE, "today": date(2026, 11, 2)}
    whole = write_whole_booklet(
        GUIDES, tmp_path / "whole.pdf", settings, allow_network=False, **options
    )
    parts = build_booklet(GUIDES, tmp_path / "parts.pdf", settings, jobs=2, **options)
    assert parts.pages == whole.pages and parts.careers == whole.careers
    for number, (one, other) in enumerate(
        zip(page_images(tmp_path / "whole.pdf"), page_images(tmp_path / "parts.pdf"), strict=True),
        1,
    ):
        assert ImageChops.difference(one, other).getbbox() is None, number


def test_a_tagged_booklet_is_still_one_document_with_contents_and_bookmarks(tmp_path):
    target = tmp_path / "tagged.pdf"
    guides = [BUNDLED, FIXTURES / "minimal.yaml"]
    outcome = build_booklet(guides, target, Settings(pdf_variant="pdf/ua-1"), jobs=2)
    assert outcome.written and outcome.failures == []
    assert "/StructTreeRoot" in PdfReader(target).trailer["/Root"]
    tree = outline_tree(target)
    assert [title for title, _, _ in tree] == [TITLES[0], TITLES[2]]
    texts = [flat(text) for text in page_texts(target)]
    assert outcome.pages == len(texts)
    for title, page, _ in tree:
        assert re.search(re.escape(title) + rf" ?\.+ *{page}\b", texts[2])
        assert page % 2 == 1 and title in texts[page - 1]


def test_only_broken_guides_exit_2_and_write_nothing(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("career: {}\n")
    result = careerguide("booklet", str(broken), "-o", str(tmp_path / "b.pdf"))
    assert result.returncode == 2
    assert not (tmp_path / "b.pdf").exists()
    assert "career.title" in result.stderr and "Traceback" not in result.stderr


def test_booklet_needs_an_output(tmp_path):
    result = careerguide("booklet", str(BUNDLED))
    assert result.returncode == 2 and "--output" in result.stderr


def test_the_table_at_a_glance_gives_the_sites_entry_education_in_the_careers_language():
    """The same BLS category the site's filter offers, in Spanish for a Spanish career."""
    english, spanish = load_guide(BUNDLED), load_guide(SPANISH)
    assert entry_education(english) == entry_education(spanish) == "Bachelor's degree"
    assert glance(english)["education"] == "Bachelor's degree"
    assert glance(spanish)["education"] == labels("es")["education_categories"]["Bachelor's degree"]
