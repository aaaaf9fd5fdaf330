"""The theme's custom properties written into its rules, only where every element shares them."""

from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest

from careerguide.compose.themes import stylesheet
from careerguide.core.page import Page
from careerguide.render.fetcher import SandboxedFetcher
from careerguide.render.pdf import PdfRenderer
from careerguide.render.variables import with_values, with_values_if_flat
from careerguide.settings.model import Settings

RED = ":root { --ink: #ff0000; } p { color: var(--ink); }"


def test_a_root_property_is_written_where_it_is_used():
    flat = with_values(
        ":root { --ink: #ff0000; --gap: 2em; } p { color: var(--ink); margin: 0 var(--gap); }"
    )
    assert "var(" not in flat
    assert "color: #ff0000" in flat and "margin: 0 2em" in flat
    assert "--ink: #ff0000" in flat  # still declared, for a var() the page itself holds


def test_properties_made_of_properties_and_functions_are_written_through():
    flat = with_values(
        ":root { --a: #00f; --line: 1pt solid var(--a); --n: 3 } "
        "h2 { border-bottom: var(--line); width: calc(var(--n) * 1em); }"
    )
    assert "border-bottom: 1pt solid #00f" in flat
    assert "calc(3 * 1em)" in flat


def test_a_fallback_or_an_unknown_property_is_left_to_the_engine():
    css = ":root { --a: red; } p { color: var(--a, blue); } q { color: var(--b); }"
    assert with_values(css) == css


@pytest.mark.parametrize(
    "css",
    [
        RED + " .box { --ink: #0000ff; }",  # another selector: the value differs inside it
        RED + " @media print { :root { --ink: #0000ff; } }",
        ":root { --ink: #ff0000 !important; } p { color: var(--ink); }",
        RED + " body { --ink: #0000ff; }",  # body and :root disagree
        "body { --ink: #ff0000; } p { color: var(--ink); }",  # the page itself lacks it
    ],
)
def test_a_property_that_may_differ_between_elements_leaves_the_stylesheet_as_it_is(css):
    assert with_values(css) == css


def test_a_cycle_or_values_that_grow_without_bound_are_left_to_the_engine():
    cycle = ":root { --a: var(--b); --b: var(--a); } p { color: var(--a); }"
    assert with_values(cycle) == cycle
    # each property holds the next ten times: 10**6 tokens for the last, refused at once
    laughs = ":root { --p0: x; "
    laughs += " ".join(f"--p{n}: {' '.join([f'var(--p{n - 1})'] * 10)};" for n in range(1, 7))
    laughs += " } p { content: var(--p6); }"
    assert with_values(laughs) == laughs


def test_root_and_body_with_the_same_values_are_written_through():
    flat = with_values(":root, body { --ink: #ff0000; } p { color: var(--ink); }")
    assert "color: #ff0000" in flat


def test_every_bundled_theme_is_written_through_in_print():
    for theme in ("classic", "mono", "large-print", "readable"):
        assert "var(" not in with_values(stylesheet(Settings(theme=theme), for_print=True))
    # mono keeps its greys on body whatever the accent: the values differ, so it stays as is
    mono = stylesheet(Settings(theme="mono", accent="#c0392b"), for_print=True)
    assert with_values(mono) == mono


def text_colour(html: str, css: str) -> tuple:
    """The fill colour of the first character of the page laid out with `css` as its theme."""
    page = Page(html=html, title="t", language="en", css=css)
    laid = PdfRenderer().lay_out(page, base_dir=Path.cwd(), fetcher=SandboxedFetcher([]))
    with pdfplumber.open(BytesIO(laid.write())) as pdf:
        return tuple(pdf.pages[0].chars[0]["non_stroking_color"])


def test_a_page_declaring_its_own_property_keeps_the_engine_resolving_it():
    own = '<p style="--ink: #0000ff">blue</p>'
    assert with_values_if_flat(RED, own) == RED
    assert text_colour(own, RED) == (0, 0, 1)
    assert text_colour("<p>red</p>", RED) == (1, 0, 0)
