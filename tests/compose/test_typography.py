"""Typographic punctuation, set once over every rendered page: curly quotes and
apostrophes, en dashes in ranges, addresses and code left as they are."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerguide.compose.typography import typeset, url_text
from helpers import build, page_texts, pdf_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Master&#39;s degree", "Master\u2019s degree"),
        ("students&#39; work", "students\u2019 work"),
        ("&quot;hands-on&quot; work", "\u201chands-on\u201d work"),
        ("1-2 summers", "1\u20132 summers"),
        ("$118k-$191k", "$118k\u2013$191k"),
        ("40-50 / week (1-5)", "40\u201350 / week (1\u20135)"),
        ("Projections 2024-34", "Projections 2024\u201334"),
        ("Python - the language", "Python \u2013 the language"),
        ("Dijo: &quot;sí&quot;, ¿&#39;vale&#39;?", "Dijo: \u201csí\u201d, ¿\u2018vale\u2019?"),
        # Codes and dates keep their hyphens; so do words.
        ("SOC 15-2051 and 29-1141.00", "SOC 15-2051 and 29-1141.00"),
        ("updated 2026-11-01", "updated 2026-11-01"),
        ("Mid-level, full-time", "Mid-level, full-time"),
    ],
)
def test_text_gets_typographic_punctuation(text, expected):
    assert typeset(f"<p>{text}</p>") == f"<p>{expected}</p>"


def test_quotes_read_across_tags():
    assert typeset("<p>&quot;<strong>Yes</strong>&quot; it&#39;s</p>") == (
        "<p>\u201c<strong>Yes</strong>\u201d it\u2019s</p>"
    )


def test_tags_code_styles_and_addresses_are_left_alone():
    html = (
        '<html title="x><head>"><p title="it\'s 1-2"><a href="https://x.org/a-1-2?q=\'1\'">see</a>'
        "<code>x = '1-2'</code> www.example.org/it's-1-2 mail@x.org</p>"
        '<style>a::after { content: "1-2 \'" }</style><script>let a = "1-2"</script>'
        '<a class="url" href="https://x.org/1-2">https://<wbr>x.org/<wbr>1-2</a>'
    )
    assert typeset(html) == html


@given(st.text(alphabet="ab1$ '\"-k.,/", max_size=40))
def test_typesetting_swaps_characters_one_for_one_and_only_punctuation(text):
    """Whatever the text, only quotes and hyphens change, each to one character, and
    setting it twice changes nothing more."""
    once = typeset(text)
    assert len(once) == len(text)
    for before, after in zip(text, once, strict=True):
        assert before == after or before in "'\"-"
    assert typeset(once) == once


def test_an_address_breaks_only_after_its_scheme_and_parts():
    printed = url_text("https://www.bls.gov/oes/tables.htm?x=1&y=2")
    assert printed == (
        "https://<wbr>www.<wbr>bls.<wbr>gov/<wbr>oes/<wbr>tables.<wbr>htm?<wbr>x=<wbr>1&amp;<wbr>y=<wbr>2"
    )
    assert url_text("<b>") == "&lt;b&gt;"


GUIDE = """\
career:
  title: Harbour Pilot
  summary: It's "hands-on" work; most train for 1-2 summers.
pathway:
  - {stage: Deckhand, duration: 1-2 years}
  - {stage: Pilot, duration: "Yr 3-6"}
salary: {low: 61250, median: 118400, high: 191300, note: "Guides quote $61k-$191k."}
sources:
  - id: a
    title: A very long source title that fills the line up to the margin so that its address must wrap
    url: "https://www.example.org/a-very-long-path/with-many-parts/that-cannot-fit/on-one-line.html"
"""


@pytest.mark.parametrize("theme", ["classic", "large-print"])
def test_a_printed_guide_has_curly_quotes_en_dashes_and_whole_schemes(write_guide, tmp_path, theme):
    pdf = build(write_guide(GUIDE), tmp_path, ("pdf",), theme=theme).written[0]
    text = pdf_text(pdf).replace("\u200b", "")
    assert "It\u2019s \u201chands-on\u201d work" in " ".join(text.split())
    assert "1\u20132 summers" in text and "Yr 3\u20136" in text and "$61k\u2013$191k" in text
    assert "'" not in text and '"' not in text
    lines = [line for page in page_texts(pdf) for line in page.splitlines()]
    assert any(line.endswith("https://\u200b") or "https://www" in line for line in lines)
    assert not any(re.search(r"(?:^|\s)(?:h|ht|htt|https?:?/?)\u200b?$", line) for line in lines)
