"""Print fit read back from real PDFs: the bundled guide and an imported one, in every theme
and both layouts. No page is a tail, no heading ends a page, no chart is split, no column
is printed empty, and a handout is two pages at most with its pay kept."""

import itertools
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from careerguide.core.labels import labels
from careerguide.guidefile.load import load_guide
from helpers import BUNDLED, FIXTURES, THEMES, build

IMPORTED = FIXTURES / "imported.yaml"
GUIDES = (BUNDLED, IMPORTED)
LAYOUTS = ("guide", "handout")
EN = labels("en")
HEADINGS = {
    EN[key]
    for key in (
        "snapshot", "why_it_matters", "skills", "pathway", "education", "day", "salary",
        "outlook", "fit", "tradeoffs", "action_plan", "seniority", "growth", "industries",
        "quotes", "related", "faq", "links", "sources", "tasks", "high_school", "college",
        "first_job", "pros", "cons", "myths",
    )
}  # fmt: skip


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """(guide, theme, layout) -> PDF: each guide built once per theme and layout."""
    built: dict[tuple[Path, str, str], Path] = {}
    for theme, layout in itertools.product(THEMES, LAYOUTS):
        out = tmp_path_factory.mktemp(f"{theme}-{layout}")
        for guide in GUIDES:
            built[guide, theme, layout] = build(
                guide, out, ("pdf",), theme=theme, layout=layout
            ).written[0]
    return built


CASES = list(itertools.product(GUIDES, THEMES, LAYOUTS))
IDS = [f"{guide.stem[:8]}-{theme}-{layout}" for guide, theme, layout in CASES]


def page_lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's printed lines as (top, size, text), top to bottom; the running footer
    (in the bottom margin) is left out. Side-by-side columns share a line."""
    pages = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            rows: dict[tuple[int, float], list] = defaultdict(list)
            for char in page.chars:
                if char["top"] < page.height - 0.5 * 72:
                    rows[round(char["top"] / 2), round(char["size"], 1)].append(char)
            lines = []
            for (_, size), chars in sorted(rows.items()):
                chars.sort(key=lambda char: char["x0"])
                text = ""
                for left, right in itertools.pairwise([None, *chars]):
                    if left is not None and right["x0"] - left["x1"] > size * 0.15:
                        text += " "
                    text += right["text"]
                text = flat(text.replace("\xa0", " "))
                if text:
                    lines.append((chars[0]["top"], size, text))
            # Text at one height in two sizes (a bar's name and value) is one printed line.
            merged: list[tuple[float, float, str]] = []
            for top, size, text in sorted(lines):
                if merged and abs(merged[-1][0] - top) < 0.4 * size:
                    merged[-1] = (
                        merged[-1][0],
                        max(merged[-1][1], size),
                        merged[-1][2] + " " + text,
                    )
                else:
                    merged.append((top, size, text))
            pages.append(merged)
    return pages


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("guide", "theme", "layout"), CASES, ids=IDS)
def test_no_page_has_under_five_lines(pdfs, guide, theme, layout):
    counts = [len(lines) for lines in page_lines(pdfs[guide, theme, layout])]
    assert min(counts) >= 5, counts


def stranded_headings(pdf: Path) -> list[tuple[int, str]]:
    """(page, heading) of each section or list heading with under two lines below it."""
    stranded = []
    for number, lines in enumerate(page_lines(pdf), start=1):
        for index, (_, _, text) in enumerate(lines):
            heading = re.sub(r" ?\[[\d, ]+\]$", "", text).lstrip("123+\u2212- ")
            if heading in HEADINGS and len(lines) - index - 1 < 2:
                stranded.append((number, text))
    return stranded


@pytest.mark.parametrize(("guide", "theme", "layout"), CASES, ids=IDS)
def test_no_heading_ends_a_page(pdfs, guide, theme, layout):
    """A section or list heading has at least two lines under it on its own page."""
    assert stranded_headings(pdfs[guide, theme, layout]) == []


def destinations(pdf: Path) -> dict[str, int]:
    """The page number of each element id in the PDF (its named destinations)."""
    reader = PdfReader(pdf)
    return {
        name: reader.get_destination_page_number(target) + 1
        for name, target in reader.named_destinations.items()
    }


def chart_parts(guide_path: Path) -> dict[str, list[str]]:
    """The ids of each chart's heading and parts, which must all be on one page."""
    guide = load_guide(guide_path)
    charts = {}
    if guide.skills:
        charts["skills"] = ["skills"] + [
            f"skill-{n}" for n in range(1, len(guide.skills.items) + 1)
        ]
    if guide.pathway:
        charts["pathway"] = ["pathway"] + [f"stage-{n}" for n in range(1, len(guide.pathway) + 1)]
    if guide.salary:
        charts["salary"] = ["salary", "salary-scale"]
    return charts


def split_charts(pdf: Path, guide: Path) -> list[tuple[str, dict[str, int]]]:
    """Each chart whose heading and parts are not all on one page, with their pages. A
    chart a handout left out to fit is not there to split."""
    pages = destinations(pdf)
    return [
        (chart, {part: pages[part] for part in parts})
        for chart, parts in chart_parts(guide).items()
        if chart in pages and len({pages[part] for part in parts}) > 1
    ]


@pytest.mark.parametrize(("guide", "theme", "layout"), CASES, ids=IDS)
def test_no_chart_runs_across_a_page_break(pdfs, guide, theme, layout):
    """Each chart starts on the page of its heading and ends there."""
    pdf = pdfs[guide, theme, layout]
    if layout == "guide":
        assert set(chart_parts(guide)) <= set(destinations(pdf))
    assert split_charts(pdf, guide) == []


@pytest.mark.parametrize(("theme", "layout"), list(itertools.product(THEMES, LAYOUTS)))
def test_no_column_or_label_is_printed_empty(pdfs, theme, layout):
    """The imported guide has no route times or costs, no related focus or tools."""
    text = flat(
        " ".join(
            text for lines in page_lines(pdfs[IMPORTED, theme, layout]) for _, _, text in lines
        )
    )
    for word in (EN["duration"], EN["cost"], EN["related_focus"], EN["related_tools"]):
        assert not re.search(rf"\b{word}\b", text, re.IGNORECASE), word


@pytest.mark.parametrize(("guide", "theme"), list(itertools.product(GUIDES, THEMES)))
def test_a_handout_is_two_pages_at_most_and_keeps_its_pay(pdfs, guide, theme):
    pages = page_lines(pdfs[guide, theme, "handout"])
    assert len(pages) <= 2
    text = flat(" ".join(text for lines in pages for _, _, text in lines))
    median = load_guide(guide).salary.median
    assert f"${median:,}" in text
    assert EN["salary"] in text and EN["tasks"] in text


# ---------- Guides imported from the real O*NET and BLS files, when they are here ----------


def empty_columns(guide_path: Path, out: Path) -> list[str]:
    """The column headings of the education and related tables that no row has a value
    for (an imported guide's related roles have pay and entry, no focus or tools)."""
    guide = load_guide(guide_path)
    html = build(guide_path, out / "html", ("html",)).written[0].read_text()
    columns = [(EN["duration"], [route.duration for route in guide.education])]
    columns += [(EN["cost"], [route.cost for route in guide.education])]
    columns += [
        (EN[f"related_{key}"], [getattr(role, key) for role in guide.related])
        for key in ("focus", "tools", "pay", "entry")
    ]
    return [
        name
        for name, values in columns
        if not any(values) and f'<th scope="col">{name}</th>' in html
    ]


SHARED = FIXTURES.parent.parent.parent / "shared" / "data"
REAL = {
    "onet": SHARED / "onet-29.3",
    "wages": SHARED / "bls-oews-2025" / "oews_national_state_M2025.csv",
    "projections": SHARED / "bls-ep-2024-34" / "Employment Projections.csv",
}
# A long guide with a four-stop pathway, and one with a two-stop pathway.
REAL_CODES = ("29-1141", "35-2014")


@pytest.mark.skipif(
    not all(path.exists() for path in REAL.values()),
    reason="the real O*NET and BLS files are not in ../shared/data (see its README)",
)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_real_imported_guides_print_fit_in_every_theme(tmp_path, layout):
    """Guides drafted from the real files (never kept): the same rules, in every theme."""
    from helpers import careerguide

    args = ["import", *REAL_CODES, "--onet", str(REAL["onet"]), "--wages", str(REAL["wages"])]
    args += ["--projections", str(REAL["projections"]), "--dir", str(tmp_path / "guide")]
    assert careerguide(*args).returncode == 0
    guides = sorted((tmp_path / "guide").glob("*.yaml"))
    assert len(guides) == len(REAL_CODES)
    problems = []
    for guide in guides:
        problems += [(guide.stem, "empty column", c) for c in empty_columns(guide, tmp_path)]
    for theme, guide in itertools.product(THEMES, guides):
        pdf = build(guide, tmp_path / theme, ("pdf",), theme=theme, layout=layout).written[0]
        pages = page_lines(pdf)
        counts = [len(lines) for lines in pages]
        if min(counts) < 5 or (layout == "handout" and len(pages) > 2):
            problems.append((guide.stem, theme, "pages", counts))
        problems += [(guide.stem, theme, "heading", s) for s in stranded_headings(pdf)]
        problems += [(guide.stem, theme, "split", s) for s in split_charts(pdf, guide)]
        median = load_guide(guide).salary.median
        if f"${median:,}" not in flat(" ".join(t for lines in pages for _, _, t in lines)):
            problems.append((guide.stem, theme, "no pay", median))
    assert problems == []
