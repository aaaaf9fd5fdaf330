"""The composed HTML: self-contained, numbered citations, no empty sections."""

import re

from careerguide.compose import compose, source_numbers
from careerguide.load import load_guide
from careerguide.settings import Settings
from helpers import BUNDLED


def test_html_handout_is_self_contained(bundled_build):
    html = bundled_build["html"].read_text(encoding="utf-8")
    assert "<link" not in html and "<script" not in html and "@import" not in html
    assert not re.search(r"""(src|srcset)=["']?(https?:|//|file:)""", html)
    font_sources = re.findall(r"src: url\((\w+):", html)
    assert font_sources and set(font_sources) == {"data"}
    assert '<meta name="viewport"' in html
    assert "@media screen and (max-width: 700px)" in html


def test_sources_are_numbered_in_order_of_first_citation(write_guide):
    path = write_guide(
        "career: {title: T}\n"
        "skills: {items: [{name: A, score: 1}], cite: [b]}\n"
        "salary: {low: 1, median: 2, high: 3, cite: [c, b]}\n"
        "sources:\n  - {id: a, title: Never cited}\n  - {id: b, title: B}\n  - {id: c, title: C}\n"
    )
    guide = load_guide(path)
    assert source_numbers(guide) == {"b": 1, "c": 2, "a": 3}
    html = compose(guide, Settings(), for_print=True).html
    assert re.search(r'id="source-1" value="1">\s*<span class="source-title">B<', html)
    assert '<a href="#source-2">2</a>, <a href="#source-1">1</a>' in html


def test_empty_sections_leave_no_heading(write_guide):
    path = write_guide(
        "career: {title: T}\nskills: {items: []}\nday: {schedule: []}\n"
        "fit: {good_fit: []}\ntradeoffs: {pros: [], cons: [], myths: []}\npathway: []\n"
    )
    html = compose(load_guide(path), Settings(), for_print=True).html
    assert "<h2" not in html


def test_every_section_of_the_bundled_guide_has_a_heading():
    html = compose(load_guide(BUNDLED), Settings(), for_print=True).html
    assert len(re.findall(r"<h2 ", html)) == 18


def test_sections_with_only_empty_parts_leave_no_heading(write_guide):
    path = write_guide(
        "career: {title: T}\nsnapshot: {}\noutlook: {}\naction_plan: {college: []}\n"
    )
    assert "<h2" not in compose(load_guide(path), Settings(), for_print=True).html
