"""Each theme's promise, checked on the PDF as printed: pixels, fonts, sizes and layout."""

import itertools
import re
from collections import Counter, defaultdict

import pdfplumber
import pytest
from PIL import ImageChops

from careerguide.compose.themes import themes
from careerguide.guidefile.load import load_guide
from careerguide.settings.model import Settings
from helpers import BUNDLED, FIXTURES, ROOT, THEMES, build, page_images, pdf_text


def grey_spread(image) -> int:
    """The largest difference between two colour channels of any pixel (0 = pure grey)."""
    red, green, blue = image.split()
    pairs = [(red, green), (green, blue), (red, blue)]
    return max(ImageChops.difference(a, b).getextrema()[1] for a, b in pairs)


def char_sizes(pdf) -> Counter:
    """How many printed characters there are at each font size (rounded to 0.1 pt)."""
    with pdfplumber.open(pdf) as document:
        return Counter(
            round(char["size"], 1)
            for page in document.pages
            for char in page.chars
            if char["text"].strip()
        )


def font_names(pdf) -> set[str]:
    with pdfplumber.open(pdf) as document:
        return {char["fontname"].split("+")[-1] for page in document.pages for char in page.chars}


def line_steps(pdf, size: float) -> Counter:
    """Distances between consecutive baselines of text set at `size`."""
    steps: Counter = Counter()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            baselines = sorted(
                {round(c["bottom"], 1) for c in page.chars if abs(c["size"] - size) < 0.05}
            )
            steps.update(round(b - a, 1) for a, b in itertools.pairwise(baselines))
    return steps


def test_the_four_themes_are_listed_with_their_descriptions():
    found = themes(Settings())
    assert list(found) == sorted(THEMES)
    for name, description in found.items():
        assert description.lower().startswith(name.replace("-", " ")), description
        assert "\n" not in description and len(description) < 120


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_prints_each_value_and_verdict_in_words(theme_build, theme):
    text = pdf_text(theme_build(theme)["pdf"])
    compact = re.sub(r"\s+", "", text)
    guide = load_guide(BUNDLED)
    for skill in guide.skills.items:
        assert f"{skill.score}/{guide.skills.max}" in compact, skill.name
    for route in guide.education:
        assert f"{route.share}%" in compact
    for figure in ["$118,000", "$155,000", "$191,000"]:
        assert figure in compact
    for verdict in ["false", "partly true"]:
        assert verdict in text.lower()


def test_mono_pages_hold_only_greys(theme_build):
    for number, image in enumerate(page_images(theme_build("mono")["pdf"]), start=1):
        assert grey_spread(image) <= 3, f"page {number} has colour"


def test_mono_stays_grey_with_an_accent_colour(tmp_path):
    outcome = build(BUNDLED, tmp_path, ("pdf",), theme="mono", accent="#c0392b")
    for number, image in enumerate(page_images(outcome.written[0], dpi=30), start=1):
        assert grey_spread(image) <= 3, f"page {number} has colour"


def test_the_classic_theme_is_in_colour(theme_build):
    assert grey_spread(page_images(theme_build("classic")["pdf"])[0]) > 100


def test_large_print_body_text_is_18pt_sans_with_1_5_spacing_and_a_visible_hierarchy(theme_build):
    pdf = theme_build("large-print")["pdf"]
    sizes = char_sizes(pdf)
    assert sizes.most_common(1)[0][0] >= 18
    at_least_18 = sum(count for size, count in sizes.items() if size >= 18)
    assert at_least_18 / sum(sizes.values()) > 0.9  # the rest is the 14pt running footer
    assert min(sizes) >= 14
    fonts = font_names(pdf)
    assert not [name for name in fonts if "Serif" in name or "It" in name], fonts
    # Body text regular, headings larger and bold: the hierarchy does not go flat.
    with pdfplumber.open(pdf) as document:
        chars = [char for page in document.pages for char in page.chars if char["text"].strip()]
    body = Counter(char["fontname"].split("+")[-1] for char in chars if round(char["size"]) == 18)
    assert body.most_common(1)[0][0] == "Source-Sans-Pro", body
    headings = {char["fontname"].split("+")[-1] for char in chars if char["size"] >= 24}
    assert headings and all("Bold" in name for name in headings), headings
    assert line_steps(pdf, 18).most_common(1)[0][0] == pytest.approx(27, abs=0.2)


def test_large_print_puts_nothing_side_by_side(theme_build):
    """On every line, text is one run; only a bar may stand between a label and its value."""
    with pdfplumber.open(theme_build("large-print")["pdf"]) as document:
        for page in document.pages:
            lines = defaultdict(list)
            for char in page.chars:
                if char["text"].strip():
                    lines[round(char["bottom"])].append(char)
            for chars in lines.values():
                chars.sort(key=lambda char: char["x0"])
                for left, right in itertools.pairwise(chars):
                    if right["x0"] - left["x1"] > page.width / 4:
                        bars = [
                            rect
                            for rect in page.rects
                            if left["x1"] <= rect["x0"] < rect["x1"] <= right["x0"]
                            and rect["top"] < right["bottom"]
                            and rect["bottom"] > right["top"]
                        ]
                        line = "".join(char["text"] for char in chars)
                        assert bars, f"page {page.page_number}: {line!r} is set in two columns"


def test_readable_is_plain_sans_with_1_5_spacing_cream_on_screen_white_on_paper(theme_build):
    pdf = theme_build("readable")["pdf"]
    sizes = char_sizes(pdf)
    assert 12 <= sizes.most_common(1)[0][0] <= 14
    small = {size: count for size, count in sizes.items() if size < 11}
    assert sum(small.values()) < 0.01 * sum(sizes.values()), small  # symbol glyphs only
    assert line_steps(pdf, 13).most_common(1)[0][0] == pytest.approx(19.5, abs=0.2)
    assert not [name for name in font_names(pdf) if "It" in name or "Serif" in name]
    # An office printer would print cream as a tinted block framed by white margins: the
    # PDF page is white, and the cream is the screen's.
    for image in page_images(pdf, dpi=20):
        assert image.getpixel((2, 2)) == (255, 255, 255), "the printed page is tinted"
    html = theme_build("readable")["html"].read_text()
    assert "--paper: #fbf7ec" in html


def test_readable_has_no_capitals_italics_or_underlines_in_the_styles(theme_build):
    text = pdf_text(theme_build("readable")["pdf"])
    assert "Digital Technology" in text and "Where they work" in text
    for shouted in ["DIGITAL TECHNOLOGY", "WHERE THEY WORK", "FALSE", "SHARE OF PEOPLE"]:
        assert shouted not in text
    with pdfplumber.open(theme_build("readable")["pdf"]) as document:
        for page in document.pages:
            # An underline is a hairline just below a run of text.
            underlines = [
                line
                for line in page.lines + page.rects
                if line["height"] < 1.5 and line["width"] > 5 and line["width"] < page.width / 3
            ]
            under_text = [
                line
                for line in underlines
                if any(
                    0 <= line["top"] - char["bottom"] < 3
                    and char["x0"] < line["x1"]
                    and char["x1"] > line["x0"]
                    for char in page.chars
                )
            ]
            assert not under_text, f"page {page.page_number} has underlined text"


@pytest.mark.parametrize("theme", [theme for theme in THEMES if theme != "classic"])
def test_long_words_and_many_items_stay_on_the_page(tmp_path, theme):
    outcome = build(FIXTURES / "stress.yaml", tmp_path, ("pdf",), theme=theme, paper="a4")
    edge = 0.5 * 72  # every theme's side margins are wider than this
    with pdfplumber.open(outcome.written[0]) as document:
        for page in document.pages:
            outside = [
                c["text"] for c in page.chars if c["x0"] < edge or c["x1"] > page.width - edge
            ]
            assert outside == [], f"page {page.page_number}"
            # Each skill keeps a visible bar, however long its name.
            assert all(rect["width"] > 0 for rect in page.rects)
    compact = re.sub(r"\s+", "", pdf_text(outcome.written[0]))
    assert "40/100" in compact and "Supercalifragilistic" in compact


def test_a_project_stylesheets_soft_fill_wins_over_the_one_derived_from_the_accent(tmp_path):
    """As the counselor met it: `accent:` in careerguide.yaml and `--accent-soft` in the
    project's copy of the theme; the fills print in the colour they chose."""
    from helpers import careerguide

    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "nurse.yaml").write_text(BUNDLED.read_text(encoding="utf-8"))
    (tmp_path / "styles").mkdir()
    classic = (ROOT / "styles" / "classic.css").read_text(encoding="utf-8")
    (tmp_path / "styles" / "classic.css").write_text(
        re.sub(r"--accent-soft:[^;]*;", "--accent-soft: #ffd800;", classic)
    )
    (tmp_path / "careerguide.yaml").write_text('accent: "#7a1e28"\n')
    result = careerguide("build", "-f", "pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    image = page_images(tmp_path / "build" / "nurse.pdf")[0]
    colours = {colour for _, colour in image.getcolors(1 << 20)}
    assert (0xFF, 0xD8, 0x00) in colours  # the project's soft fill
    assert any(abs(r - 0x7A) < 4 and abs(g - 0x1E) < 4 and abs(b - 0x28) < 4 for r, g, b in colours)
