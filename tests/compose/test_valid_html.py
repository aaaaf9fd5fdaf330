"""Every HTML page careerguide writes, as the W3C checker and a screen reader see it.

The W3C Nu HTML Checker (vnu.jar, from the npm package `vnu-jar`, which `.ci/run` installs
in `.ci/node/`) runs once over the pages of every layout and theme, plus a branded, a
Spanish and a minimal guide: one Java start for all of them keeps the check fast. Those
tests skip, saying why, without Java or the jar; `VNU_JAR` points at another copy.

The screen-reader tests read the accessibility tree that headless Chromium builds (the
DevTools `Accessibility.getFullAXTree` command): what a screen reader is given, not what
the markup hopes for. They skip where Chromium is missing.
"""

import base64
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from careerguide.compose.document import CSP_META, with_security_policy
from careerguide.compose.themes import stylesheet
from careerguide.compose.typography import typeset
from careerguide.core.labels import labels
from careerguide.guidefile.load import load_guide
from careerguide.settings.model import Branding, Settings
from chromium import CHROMIUM, Chromium
from helpers import BUNDLED, FIXTURES, ROOT, SPANISH, THEMES, build

VNU_JAR = Path(
    os.environ.get("VNU_JAR") or ROOT / ".ci/node/node_modules/vnu-jar/build/dist/vnu.jar"
)
LAYOUTS = ("guide", "handout")  # the booklet and the roster are PDF only
# A logo as `--logo` hands it on: a base64 data URI.
LOGO = (
    "data:image/svg+xml;base64,"
    + base64.b64encode(
        b"<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='40' height='20'/></svg>"
    ).decode()
)
BRANDED = {
    "accent": "#2e6b30",
    "branding": Branding(
        school="Lincoln High",
        logo_data_uri=LOGO,
        counselor="Ms. Lee",
        contact="lee@example.org",
        footer_note="Ask **Ms. Lee** about the open day.",
    ),
}

# The pages checked: name -> (guide, build options).
PAGES: dict[str, tuple[Path, dict[str, Any]]] = {
    **{
        f"{layout}-{theme}": (BUNDLED, {"layout": layout, "theme": theme})
        for layout in LAYOUTS
        for theme in THEMES
    },
    **{f"{layout}-branded": (BUNDLED, {"layout": layout, **BRANDED}) for layout in LAYOUTS},
    **{f"{layout}-spanish": (SPANISH, {"layout": layout}) for layout in LAYOUTS},
    **{f"{layout}-minimal": (FIXTURES / "minimal.yaml", {"layout": layout}) for layout in LAYOUTS},
}

# Checker warnings kept on purpose, each with the reason. Nothing else may be reported.
KEPT_WARNINGS = {
    re.compile(
        r"Resource violates Content Security Policy \(meta tag\): "
        r"image “data:[^”]*” blocked by “img-src” directive\."
    ): (
        "a checker bug: its CSP check cannot parse data: URLs, so it flags every data: image"
        " (the QR codes, a logo) even under `img-src data:`, which browsers allow; the page"
        " must load nothing but itself, so its images stay data: URLs"
    ),
}

# What only the PDF engine knows; none of it may reach a browser.
PRINT_ONLY = re.compile(
    r"@page|@top-|@bottom-|string-set|string\(|bookmark-|running\(|element\(|leader\(|target-counter"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Every page in PAGES built as the browser's HTML (no PDF: it is not checked here)."""
    out = tmp_path_factory.mktemp("valid-html")
    built = {}
    for name, (guide, options) in PAGES.items():
        (html,) = build(guide, out / name, ("html",), **options).written
        built[name] = html
    return built


# --- What the browser's copy carries -------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_the_charset_is_declared_first_in_head(pages, name):
    start = pages[name].read_bytes()[:1024]
    head = start.split(b"<head>", 1)[1].lstrip()
    assert head.startswith(b'<meta charset="utf-8">'), start[:300]


@pytest.mark.parametrize("charset", ['<meta charset="utf-8">', "<META CHARSET=utf-8 />", ""])
def test_a_template_declaring_the_charset_late_or_not_at_all_gets_it_first(charset):
    late = f"<!DOCTYPE html><html><head><style>p {{}}</style>{charset}<title>t</title></head>"
    html = with_security_policy(late, "base.html.j2")
    assert html.startswith(
        f'<!DOCTYPE html><html><head>\n<meta charset="utf-8">\n{CSP_META}<style>'
    )
    assert html.lower().count("charset") == 1


@pytest.mark.parametrize("name", PAGES)
def test_the_browser_copy_carries_no_print_only_css(pages, name):
    html = pages[name].read_text(encoding="utf-8")
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
    assert not PRINT_ONLY.findall(styles)


@pytest.mark.parametrize("layout", [*LAYOUTS, "booklet"])
@pytest.mark.parametrize("theme", THEMES)
def test_print_only_rules_reach_the_pdf_alone(layout, theme):
    settings = Settings(layout=layout, theme=theme)
    on_paper = stylesheet(settings, for_print=True)
    assert {"@page", "string-set", "bookmark-", "running("} <= set(PRINT_ONLY.findall(on_paper))
    assert not PRINT_ONLY.findall(stylesheet(settings, for_print=False))


def test_a_project_theme_may_have_print_only_rules(tmp_path):
    styles = tmp_path / "styles"
    (styles / "print").mkdir(parents=True)
    (styles / "school.css").write_text("/* School. */\nh1 { color: #123456; }\n")
    (styles / "print" / "school.css").write_text("@page { margin: 1.37in; }\n")
    settings = Settings(theme="school", project_dir=tmp_path)
    on_paper = stylesheet(settings, for_print=True)
    # After the theme itself, so it overrides the bundled print rules; before the paper size.
    assert (
        on_paper.index("#123456")
        < on_paper.index("margin: 1.37in")
        < on_paper.index("@page { size:")
    )
    assert "1.37in" not in stylesheet(settings, for_print=False)


# --- The W3C Nu HTML Checker -----------------------------------------------------------------


@dataclass
class Report:
    """The checker's messages about each page, split into errors and unexplained warnings."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    kept: set[re.Pattern] = field(default_factory=set)


@pytest.fixture(scope="module")
def nu_report(pages) -> Report:
    """One run of the checker over every page (starting Java once per page would be slow)."""
    if shutil.which("java") is None:
        pytest.skip(
            "java not found: install the Debian package default-jre-headless (.ci/run does)"
        )
    if not VNU_JAR.is_file():
        pytest.skip(f"{VNU_JAR} not found: `npm install --prefix .ci/node vnu-jar` (.ci/run does)")
    files = [str(path) for path in pages.values()]
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *files]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    names = {path.resolve(): name for name, path in pages.items()}
    report = Report({name: [] for name in pages}, {name: [] for name in pages})
    for message in json.loads(run.stderr)["messages"]:
        _file(report, names, message)
    return report


def _file(report: Report, names: dict[Path, str], message: dict[str, Any]) -> None:
    """Put one checker message in its page's errors or warnings, or count it as kept."""
    name = names.get(Path(message.get("url", "").removeprefix("file:")).resolve(), "(no page)")
    where = f"line {message.get('lastLine', '?')}: {message['message']}"
    if message["type"] in ("error", "non-document-error"):
        report.errors.setdefault(name, []).append(where)
    elif message.get("subType") == "warning":
        kept = [pattern for pattern in KEPT_WARNINGS if pattern.fullmatch(message["message"])]
        report.kept.update(kept)
        if not kept:
            report.warnings.setdefault(name, []).append(where)


@pytest.mark.parametrize("name", PAGES)
def test_the_nu_checker_finds_no_error(nu_report, name):
    assert nu_report.errors[name] == []
    assert "(no page)" not in nu_report.errors


@pytest.mark.parametrize("name", PAGES)
def test_the_nu_checker_warns_of_nothing_unexplained(nu_report, name):
    assert nu_report.warnings[name] == []
    assert "(no page)" not in nu_report.warnings


def test_every_kept_warning_is_still_needed(nu_report):
    """A checker that no longer says it lets its exemption go."""
    assert set(KEPT_WARNINGS) == nu_report.kept


# --- A screen reader's view ------------------------------------------------------------------


@dataclass
class Node:
    """One node of Chromium's accessibility tree: what a screen reader is told."""

    role: str
    name: str
    value: Any
    properties: dict[str, Any]
    ignored: bool
    children: list["Node"] = field(default_factory=list)

    def walk(self) -> Iterator["Node"]:
        """This node and every node under it that a screen reader reaches, in reading order."""
        if not self.ignored:
            yield self
        for child in self.children:
            yield from child.walk()

    def texts(self) -> list[str]:
        return [node.name for node in self.walk() if node.role == "StaticText"]


def ax_tree(raw: list[dict[str, Any]]) -> Node:
    """The tree of `Accessibility.getFullAXTree`'s flat list of nodes."""
    nodes = {
        item["nodeId"]: Node(
            role=item.get("role", {}).get("value", ""),
            name=str(item.get("name", {}).get("value", "")),
            value=item.get("value", {}).get("value"),
            properties={
                prop["name"]: prop["value"].get("value") for prop in item.get("properties", [])
            },
            ignored=item.get("ignored", False),
        )
        for item in raw
    }
    for item in raw:
        nodes[item["nodeId"]].children = [nodes[i] for i in item.get("childIds", []) if i in nodes]
    return nodes[raw[0]["nodeId"]]


@pytest.fixture(scope="module")
def screen_reader(pages, tmp_path_factory):
    """(page name) -> (accessibility tree, aria-valuetext of each meter), each page read once."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install the Debian package `chromium` (.ci/run does)")
    browser = Chromium()
    folder = tmp_path_factory.mktemp("screen-reader")
    seen: dict[str, tuple[Node, list[str]]] = {}

    def read(name: str) -> tuple[Node, list[str]]:
        if name not in seen:
            browser.look(pages[name], 1280, folder / f"{name}.png")
            tree = ax_tree(browser.send("Accessibility.getFullAXTree", browser.session)["nodes"])
            texts = browser.evaluate(
                "[...document.querySelectorAll('[role=meter]')]"
                ".map(meter => meter.getAttribute('aria-valuetext'))"
            )
            seen[name] = tree, texts
        return seen[name]

    yield read
    browser.close()


def section(tree: Node, heading: str) -> Node:
    """The section whose heading starts with `heading`."""
    for node in tree.walk():
        if any(
            child.role == "heading" and child.name.startswith(heading) for child in node.children
        ):
            return node
    raise AssertionError(f"no section headed {heading!r}")


@pytest.mark.parametrize("name", ["guide-classic", "handout-classic", "guide-large-print"])
def test_each_skill_bar_reads_as_its_name_and_score_out_of_the_maximum(screen_reader, name):
    tree, value_texts = screen_reader(name)
    skills = load_guide(BUNDLED).skills
    meters = [node for node in section(tree, "Skills").walk() if node.role == "meter"]
    read = [(m.name, m.value, m.properties["valuemin"], m.properties["valuemax"]) for m in meters]
    assert read == [(skill.name, skill.score, 0, skills.max) for skill in skills.items]
    assert value_texts == [f"{skill.score} out of {skills.max}" for skill in skills.items]
    # Each row is its meter alone: the name and figure beside the bar are not read twice.
    rows = [node for node in section(tree, "Skills").walk() if node.role == "listitem"]
    assert [[n.role for n in row.walk() if n.role != "StaticText"] for row in rows] == [
        ["listitem", "meter"]
    ] * len(skills.items)
    assert all(row.texts() == [] for row in rows)


def test_spanish_skill_bars_read_in_spanish(screen_reader):
    _, value_texts = screen_reader("guide-spanish")
    skills = load_guide(SPANISH).skills
    assert value_texts == [f"{skill.score} de {skills.max}" for skill in skills.items]


def test_education_routes_read_as_a_table_of_figures_and_words(screen_reader):
    tree, _ = screen_reader("guide-classic")
    costs = labels("en")["cost_levels"]
    rows = [node for node in section(tree, "Education").walk() if node.role == "row"][1:]
    read = [
        [cell.name for cell in row.walk() if cell.role in ("rowheader", "cell")] for row in rows
    ]
    routes = load_guide(BUNDLED).education
    # Read with its typographic punctuation (curly apostrophes, en dashes), as it is printed.
    assert [row[0] for row in read] == [typeset(route.route) for route in routes]
    # The share as its figure and the cost as its word: no bar, no "$$$" read out.
    assert [row[1:] for row in read] == [
        [f"{route.share}%", typeset(route.duration), costs[route.cost - 1]] for route in routes
    ]


@pytest.mark.parametrize("name", ["guide-classic", "handout-classic"])
def test_the_salary_range_reads_as_its_three_labelled_figures(screen_reader, name):
    tree, _ = screen_reader(name)
    texts = [text.lower().strip() for text in section(tree, "Salary").texts()]
    # The median is labelled at its marker, above the bar, so it is read first; the scale's
    # steps only draw the chart and are hidden from the reader.
    figures = ["median", "$155,000", "low", "$118,000", "high", "$191,000", "per year"]
    start = texts.index("median")
    assert texts[start : start + len(figures) - 1] == figures[:-1]
    assert texts[start + len(figures) - 1].startswith("per year")
