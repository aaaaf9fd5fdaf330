"""Print quality measured on real PDFs: hyphenation, line length, small text, page holes,
an honest salary chart, sparse guides and the handout's sources."""

import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pdfplumber
import pytest

from helpers import BUNDLED, FIXTURES, THEMES, build, page_texts, pages_chars, pdf_text

OVERFLOW = FIXTURES / "overflow.yaml"
MINIMAL = FIXTURES / "minimal.yaml"
AUTO_HYPHEN = re.compile(r"\w[\u2010\u00ad]$")  # the hyphen the renderer adds when it breaks a word


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(guide, theme, layout) -> PDF, each built once."""
    cache: dict[tuple, Path] = {}

    def get(guide: Path, theme: str = "classic", layout: str = "guide") -> Path:
        key = (guide, theme, layout)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"{guide.stem}-{theme}-{layout}")
            outcome = build(guide, out, ("pdf",), theme=theme, layout=layout)
            cache[key] = outcome.written[0]
        return cache[key]

    return get


def lines(pdf: Path, footer: bool = False):
    """(page number, size, text, chars) of each printed line; a wide gap starts a new one
    (columns side by side). The running footer is left out unless asked for."""
    for number, (_, height, chars) in enumerate(pages_chars(pdf), start=1):
        rows = defaultdict(list)
        for char in chars:
            if footer or char["top"] < height - 0.55 * 72:
                rows[round(char["top"]), round(char["size"], 1)].append(char)
        for (_, size), row in sorted(rows.items()):
            row.sort(key=lambda char: char["x0"])
            run = [row[0]]
            for left, right in itertools.pairwise(row):
                if right["x0"] - left["x1"] > size:
                    yield number, size, "".join(c["text"] for c in run).replace("\xa0", " "), run
                    run = []
                run.append(right)
            yield number, size, "".join(c["text"] for c in run).replace("\xa0", " "), run


def emptiness(pdf: Path) -> list[float]:
    """How much of each page's text area is empty below its last mark (0 full, 1 blank)."""
    result = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            foot = page.height - 0.7 * 72
            bottoms = [c["bottom"] for c in page.chars if c["top"] < foot]
            bottoms += [
                r["bottom"] for r in page.rects if r["top"] < foot and r["height"] < page.height / 2
            ]
            area = page.height - 1.45 * 72
            result.append((page.height - 0.75 * 72 - max(bottoms, default=0)) / area)
    return result


# ---------- Hyphenation ----------


@pytest.mark.parametrize("theme", THEMES)
def test_no_word_is_hyphenated_at_a_line_end(built, theme):
    """Text is set ragged right, so the bundled guide breaks no word (it broke 38 in 7 pages)."""
    for guide in (BUNDLED, OVERFLOW):
        broken = [text for _, _, text, _ in lines(built(guide, theme)) if AUTO_HYPHEN.search(text)]
        assert broken == [], (guide.name, broken)


def test_stage_names_product_names_and_table_cells_stay_whole(built):
    text = " ".join(pdf_text(built(BUNDLED)).split())
    for word in ["Senior / specialist", "PyTorch", "Master\u2019s degree", "Medium"]:
        assert word in text, word
    nurse = pdf_text(built(OVERFLOW))
    assert "Prerequisites" in nurse and "Advanced practice" in nurse


# ---------- Line length and small text ----------


@pytest.mark.parametrize("theme", THEMES)
def test_body_lines_run_at_most_80_characters(built, theme):
    for guide in (BUNDLED, OVERFLOW):
        found = list(lines(built(guide, theme)))
        body = Counter(size for _, size, _, _ in found).most_common(1)[0][0]
        long = [
            (page, len(text), text)
            for page, size, text, _ in found
            if size >= body - 0.5 and len(text) > 80 and "http" not in text
        ]
        assert long == [], long[:3]


@pytest.mark.parametrize("layout", ["guide", "handout"])
def test_no_text_under_9pt_but_the_footer_and_citation_marks(built, layout):
    small = {
        text
        for _, size, text, _ in lines(built(BUNDLED, layout=layout))
        if size < 9 and not re.fullmatch(r"\[[\d, ]+\]", text)
    }
    assert small == set()
    footer = [
        size for _, size, text, _ in lines(built(BUNDLED), footer=True) if "page 1 of" in text
    ]
    assert footer and min(footer) >= 8.5


def contrast_on_white(colour) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in colour)
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


@pytest.mark.parametrize("theme", THEMES)
def test_printed_text_has_4_5_to_1_contrast(built, theme):
    """Every dark-on-paper character, secondary text included (white text sits on the accent;
    the unlit marks of the cost scale are a tally beside its word, not text)."""
    with pdfplumber.open(built(BUNDLED, theme)) as document:
        faint = {
            char["text"]
            for page in document.pages
            for char in page.chars
            if len(char.get("non_stroking_color") or ()) == 3
            and char["non_stroking_color"] != (1, 1, 1)
            and char["text"] != "$"
            and contrast_on_white(char["non_stroking_color"]) < 4.5
        }
    assert faint == set()


# ---------- Pagination ----------


@pytest.mark.parametrize("theme", THEMES)
def test_no_page_but_the_last_is_more_than_a_third_empty(built, theme):
    """Unless, in large print, the page or the next one starts a section with a chart kept
    whole (skills, pathway, the day's timeline): at 18pt one of those can need most of a
    page, and breaking it is worse than the space left before it."""
    for guide in (BUNDLED, OVERFLOW, FIXTURES / "stress.yaml"):
        pdf = built(guide, theme)
        empty = emptiness(pdf)[:-1]
        firsts = first_lines(pdf)
        holes = [
            (number, round(share, 2))
            for number, share in enumerate(empty, start=1)
            if share > 0.34
            and not (theme == "large-print" and {firsts[number - 1], firsts[number]} & KEPT_WHOLE)
        ]
        assert holes == [], (guide.name, [round(e, 2) for e in empty])


# Headings of the sections a page may be left early for, in large print.
KEPT_WHOLE = {"Skills that matter", "Pathway", "A day in the life"}


def first_lines(pdf: Path) -> list[str]:
    """The first printed line of each page, a section heading without its citation marks."""
    firsts: dict[int, tuple[float, str]] = {}
    for page, _, text, run in lines(pdf):
        if re.fullmatch(r"\[[\d, ]+\]", text):
            continue
        if page not in firsts or run[0]["top"] < firsts[page][0]:
            firsts[page] = (run[0]["top"], text)
    return [firsts.get(number, (0, ""))[1] for number in range(1, max(firsts) + 1)]


@pytest.mark.parametrize("theme", THEMES)
def test_no_page_ends_with_a_section_heading(built, theme):
    for guide in (BUNDLED, OVERFLOW):
        found = list(lines(built(guide, theme)))
        heading = next(size for _, size, text, _ in found if text.startswith("Salary"))
        last = {}
        for page, size, text, run in found:
            if page not in last or run[0]["top"] > last[page][1]:
                last[page] = (size, run[0]["top"], text)
        ends = [(page, text) for page, (size, _, text) in last.items() if size == heading]
        assert ends == [], (guide.name, ends)


def test_the_large_print_day_timeline_stays_on_one_page(built):
    texts = page_texts(built(BUNDLED, "large-print"))
    times = ["09:00", "09:30", "10:00", "12:00", "13:00", "14:30", "16:00", "17:30"]
    pages = {number for number, text in enumerate(texts) for time in times if time in text}
    assert len(pages) == 1, pages


@pytest.mark.parametrize("theme", THEMES)
def test_the_salary_chart_keeps_its_note(built, theme):
    texts = page_texts(built(BUNDLED, theme))
    chart = next(number for number, text in enumerate(texts) if "$200,000" in text)
    assert "Sources disagree" in texts[chart]


# ---------- The salary chart ----------


def salary_geometry(pdf: Path):
    """(median label centre, marker centre, band left, band right) on the salary page."""
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            text = page.extract_text() or ""
            if "$0" not in text:
                continue
            markers = [r for r in page.rects if 3 < r["width"] < 7 and 15 < r["height"] < 22]
            bands = [r for r in page.rects if 9 < r["height"] < 12 and r["width"] > 20]
            label = [c for c in page.chars if c["top"] < markers[0]["top"]]
            row = max(c["top"] for c in label)
            label = [c for c in label if abs(c["top"] - row) < 3 or abs(c["bottom"] - row) < 12]
            label = [c for c in label if c["top"] > markers[0]["top"] - 30]
            centre = (min(c["x0"] for c in label) + max(c["x1"] for c in label)) / 2
            marker = markers[0]["x0"] + markers[0]["width"] / 2
            band = min(bands, key=lambda r: r["width"])
            return centre, marker, band["x0"], band["x1"], page.width
    raise AssertionError("no salary chart")


def test_the_median_is_labelled_at_its_marker(built):
    for guide in (BUNDLED, OVERFLOW):
        centre, marker, *_ = salary_geometry(built(guide))
        assert abs(centre - marker) < 6, (guide.name, centre, marker)


def test_the_chart_has_a_scale_and_different_ranges_look_different(built):
    ml = salary_geometry(built(BUNDLED))
    nurse = salary_geometry(built(OVERFLOW))
    assert "$0" in pdf_text(built(BUNDLED)) and "$150,000" in pdf_text(built(OVERFLOW))
    ml_share = (ml[3] - ml[2]) / ml[4]
    nurse_share = (nurse[3] - nurse[2]) / nurse[4]
    assert ml[2] != pytest.approx(nurse[2], abs=10)  # the bands start at different places
    assert ml_share < 0.8 and nurse_share < 0.8  # neither fills the whole width


# ---------- Sparse guides ----------


def test_a_title_only_guide_is_one_tidy_page(built):
    texts = page_texts(built(MINIMAL))
    assert len(texts) == 1
    assert "SNAPSHOT" not in texts[0].upper().split("PARK RANGER")[0]
    assert texts[0].lstrip().startswith("Park Ranger")


SPARSE = """\
career: {title: Park Ranger, summary: Looks after parks.}
snapshot: {hours: "Outdoors, mostly", where_they_work: [national parks, forests]}
action_plan: {high_school: [Volunteer at a local park]}
"""


def test_the_smallest_sections_still_look_intended(write_guide, tmp_path):
    pdf = build(write_guide(SPARSE), tmp_path, ("pdf",)).written[0]
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        box = max(
            (r for r in page.rects if r["height"] > 20 and r["width"] > 100),
            key=lambda r: r["width"],
        )
        text_width = page.width - 1.5 * 72
        assert box["width"] > 0.9 * text_width  # the facts box spans the width, no empty half
        # One step of the action plan: a list under its heading, no second heavy rule. A
        # border is drawn as two boxes whose heights differ by its width.
        boxes = [
            (round(r["x0"]), round(r["top"]), round(r["width"]), r["height"]) for r in page.rects
        ]
        heavy = [
            (x, top)
            for x, top, width, height in boxes
            for x2, top2, width2, height2 in boxes
            if (x, top, width) == (x2, top2, width2) and 2.5 < height2 - height < 3.5
        ]
        assert len(heavy) == 1, heavy  # the title block's rule only
    assert len(page_texts(pdf)) == 1


# ---------- The handout ----------


def test_the_handout_names_its_sources_and_a_short_address(built):
    texts = page_texts(built(BUNDLED, layout="handout"))
    text = " ".join(texts).replace("\n", " ")
    assert "Sources: Qoollege, 2026" in text
    # The pay is credited to the one source that states it.
    assert "per year · United States · Source: Qoollege, 2026." in text
    assert "careers.qoollege.com" in texts[0]
    assert "https://" not in texts[0]


# ---------- Phone ----------

CENTRES = """JSON.stringify([...document.querySelectorAll('.stage-dot')].map(dot => {
  const range = document.createRange(); range.selectNodeContents(dot);
  const text = range.getBoundingClientRect(), box = dot.getBoundingClientRect();
  return [text.left + text.width / 2, box.left + box.width / 2];
}))"""
STACK = """JSON.stringify([document.querySelector('h1').getBoundingClientRect().bottom,
  document.querySelector('.main-link').getBoundingClientRect().top,
  document.documentElement.scrollWidth])"""


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    from chromium import CHROMIUM, Chromium

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install the Debian package `chromium`")
    browser = Chromium()
    folder = tmp_path_factory.mktemp("phone")

    def look(page: Path, script: str):
        browser.look(page, 390, folder / f"{page.stem}.png")
        return json.loads(browser.evaluate(script))

    yield look
    browser.close()


@pytest.mark.parametrize("theme", THEMES)
def test_on_a_phone_step_numbers_sit_in_the_middle_of_their_circles(phone, theme_build, theme):
    centres = phone(theme_build(theme)["html"], CENTRES)
    assert centres
    for text, circle in centres:
        assert abs(text - circle) < 1.5, centres


def test_on_a_phone_the_handout_header_stacks(phone, tmp_path):
    html = build(BUNDLED, tmp_path, ("html",), layout="handout").written[0]
    title_bottom, qr_top, scroll_width = phone(html, STACK)
    assert qr_top >= title_bottom
    assert scroll_width <= 390


# The salary scale's printed labels on a phone: [left, right] of each, and the page width.
SCALE = """JSON.stringify([[...document.querySelectorAll('.range-tick')].filter(tick =>
  getComputedStyle(tick).visibility !== 'hidden' && getComputedStyle(tick).display !== 'none').map(tick => {
  const range = document.createRange(); range.selectNodeContents(tick);
  const box = range.getBoundingClientRect(); return [box.left, box.right];
}), document.documentElement.clientWidth])"""


@pytest.mark.parametrize("theme", THEMES)
def test_on_a_phone_salary_scale_labels_stay_apart_and_inside(phone, theme_build, theme):
    labels, width = phone(theme_build(theme)["html"], SCALE)
    assert len(labels) >= 2
    for (_, right), (left, _) in itertools.pairwise(labels):
        assert left - right >= 8, labels  # a clear gap between two figures
    assert labels[0][0] >= 14 and labels[-1][1] <= width - 14, (labels, width)  # the margins
