"""The composed HTML: self-contained, numbered citations, no empty sections, languages, and
a project's own templates/ and styles/ files replacing the bundled ones of the same name.

Labels, dates, money and percentages follow the guide's `language`, read back from the PDF.
"""

import re
from pathlib import Path

import pytest
import yaml

from careerguide.compose.document import compose
from careerguide.compose.templating import source_numbers
from careerguide.compose.themes import themes
from careerguide.core.labels import labels
from careerguide.core.resources import bundled
from careerguide.guidefile.load import load_guide
from careerguide.settings.model import Settings
from helpers import BUNDLED, SPANISH, build, page_images, pdf_text


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


def test_each_figure_prints_its_sources_and_years_beside_it(write_guide):
    """The full guide marks headings with source numbers and also names the publishers and
    years beside the figures: pay (its caption and the snapshot), growth and shares."""
    path = write_guide(
        "career: {title: T}\n"
        "education:\n  - {route: Degree, share: 60, cite: [a]}\n  - {route: Other, share: 9}\n"
        "salary: {low: 1, median: 2, high: 3, cite: [a, b]}\n"
        "outlook: {growth: '+5%', text: Paragraph., cite: [b]}\n"
        "snapshot: {hours: '40 h'}\n"
        "sources:\n"
        "  - {id: a, title: A, publisher: Pub A, published: 'May 2025', accessed: 2026-11-01}\n"
        "  - {id: b, title: B, accessed: 2026-11-01}\n"
    )
    html = compose(load_guide(path), Settings(), for_print=True).html
    both = "Sources: Pub A, 2025; B, 2026."
    assert re.search(r'<p class="range-caption">per year · ' + re.escape(both) + "</p>", html)
    assert f"{both}</p></dd>" in html  # the snapshot's median pay
    assert '+5%<p class="source-line">Source: B, 2026.</p></dd>' in html
    stat_line = html.index('class="stat-line"')
    growth_source = html.index('<p class="source-line">Source: B, 2026.</p>', stat_line)
    assert growth_source < html.index('class="prose"')  # under the figure, before the text
    routes = html.index('class="chart routes"')
    assert '<p class="source-line">Source: Pub A, 2025.</p>' in html[routes:]
    assert re.search(r'Education routes<sup class="cite">\[<a href="#source-\d">', html)


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


def label_phrases(words: dict | list | str, key: tuple = ()):
    """(key, phrase) for every printed phrase of a labels file; `{slots}` split them."""
    if isinstance(words, dict):
        for name, value in words.items():
            yield from label_phrases(value, (*key, name))
    elif isinstance(words, list):
        for index, value in enumerate(words):
            yield from label_phrases(value, (*key, index))
    else:
        for phrase in re.split(r"\{\w+\}", str(words)):
            phrase = phrase.strip(" :.,;“”«»()")
            if re.search(r"[A-Za-z]", phrase):
                yield key, phrase


def english_left_over(pdf: Path, guide: Path) -> list[tuple]:
    """English labels found in the PDF but not in the guide's own text (source titles...)."""
    spanish = dict(label_phrases(labels("es")))
    text, written = pdf_text(pdf), guide.read_text(encoding="utf-8")
    found = []
    for key, phrase in label_phrases(labels("en")):
        if key == ("locale",) or spanish.get(key) == phrase:
            continue
        word = rf"(?<!\w){re.escape(phrase)}(?!\w)"
        if re.search(word, text) and not re.search(word, written):
            found.append((key, phrase))
    return found


def test_no_english_label_remains_in_the_spanish_pdf(spanish_build):
    assert english_left_over(spanish_build["pdf"], SPANISH) == []
    text = pdf_text(spanish_build["pdf"])
    for label in ["De un vistazo", "Habilidades que cuentan", "Preguntas frecuentes", "Fuentes"]:
        assert label in text


def test_spanish_numbers_dates_and_percentages(spanish_build):
    text = pdf_text(spanish_build["pdf"]).replace("\xa0", " ")
    for figure in ["$118,000", "$155,000", "$191,000", "60%", "1 de noviembre de 2026"]:
        assert figure in text, figure
    assert "155.000" not in text and "US$" not in text and "60 %" not in text
    assert "November" not in text
    assert re.search(r"página 1 de \d+ · actualizado 1 de noviembre de 2026", text)


def _without_faq(guide: Path, folder: Path) -> Path:
    data = yaml.safe_load(guide.read_text(encoding="utf-8"))
    del data["faq"]
    path = folder / guide.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_generated_faq_in_spanish_reads_back_from_the_pdf(tmp_path):
    guide = _without_faq(SPANISH, tmp_path)
    pdf = build(guide, tmp_path / "out", formats=("pdf",)).written[0]
    text = " ".join(pdf_text(pdf).replace("\xa0", " ").split())
    assert "Preguntas frecuentes" in text
    assert "¿Cuánto se gana en este trabajo?" in text
    assert (
        "gana entre $118,000 y $191,000 al año; la mitad gana más que la mediana, $155,000" in text
    )
    assert "que siguió el 60% de quienes trabajan" in text
    assert "si tres o más de sus frases te describen" in text
    assert english_left_over(pdf, guide) == []


def composed(write_guide, text: str, name: str = "guide.yaml") -> str:
    """The print HTML of a guide written from `text`, non-breaking spaces as plain ones."""
    guide = load_guide(write_guide(text, name))
    return compose(guide, Settings(), for_print=True).html.replace("\xa0", " ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["€42,000", "$155,000", "€1,250", "November 1, 2026", "60%"]),
        ("es", ["EUR42,000", "$155,000", "EUR1,250", "1 de noviembre de 2026", "60%"]),
    ],
)
def test_money_dates_and_percentages_follow_the_language(write_guide, language, expected):
    career = f"career: {{title: T, language: {language}, updated: 2026-11-01}}\n"
    euros = composed(
        write_guide,
        career + "salary: {currency: EUR, low: 1250, median: 42000, high: 42000}\n"
        "education: [{route: R, share: 60}]\n",
    )
    dollars = composed(
        write_guide, career + "salary: {low: 155000, median: 155000, high: 155000}\n", "usd.yaml"
    )
    for figure in expected:
        assert figure in euros + dollars, figure


def test_a_guide_with_its_own_faq_keeps_it(write_guide):
    html = composed(
        write_guide,
        "career: {title: T}\nsalary: {low: 1, median: 2, high: 3}\n"
        "faq: [{q: 'Own question?', a: Own answer.}]\n",
    )
    assert "Own question?" in html and "How much does this job pay?" not in html


GUIDE = """\
career: {title: Park Ranger, summary: Looks after parks.}
snapshot: {hours: "Outdoors, mostly"}
skills:
  items:
    - {name: Navigation, score: 80}
salary: {currency: USD, low: 40000, median: 50000, high: 60000}
"""
GREEN = (0x00, 0xAA, 0x00)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project overriding one section template, the base styles and the classic theme."""
    folder = tmp_path_factory.mktemp("project")
    (folder / "guide").mkdir()
    (folder / "guide" / "ranger.yaml").write_text(GUIDE)
    sections = folder / "templates" / "sections"
    sections.mkdir(parents=True)
    (sections / "skills.html.j2").write_text(
        '<section class="section"><h2 id="skills" data-label="Trail skills">Trail skills</h2>'
        "{% for skill in guide.skills.items %}<p>{{ skill.name }} rated {{ skill.score }}</p>"
        "{% endfor %}</section>"
    )
    styles = folder / "styles"
    styles.mkdir()
    base = (bundled("styles") / "base.css").read_text()
    (styles / "base.css").write_text(base + "\nh2 { text-transform: uppercase; }\n")
    classic = (bundled("styles") / "classic.css").read_text()
    (styles / "classic.css").write_text(classic.replace("#1f5fa8", "#00aa00"))
    (styles / "school.css").write_text(
        "/* School: our own colours. */\n:root { --accent: navy; }\n"
    )
    return folder


@pytest.fixture(scope="module")
def project_pdf(project, tmp_path_factory) -> Path:
    outcome = build(
        project / "guide" / "ranger.yaml",
        tmp_path_factory.mktemp("out"),
        ("pdf",),
        project_dir=project,
    )
    return outcome.written[0]


def test_a_project_section_template_replaces_the_bundled_one(project_pdf):
    text = pdf_text(project_pdf)
    assert "Navigation rated 80" in text
    assert "skills that matter" not in text.lower()
    assert "SALARY" in text and "$50,000" in text  # the other sections still come from the bundle


def test_a_project_base_css_replaces_the_bundled_one(project_pdf):
    assert "SNAPSHOT" in pdf_text(project_pdf)


def test_a_project_theme_file_replaces_the_bundled_theme(project_pdf):
    colours = page_images(project_pdf)[0].getcolors(1 << 20)
    assert sum(count for count, colour in colours if colour == GREEN) > 100


def test_a_project_theme_is_listed_beside_the_bundled_ones(project):
    found = themes(Settings(project_dir=project))
    assert found["school"] == "School: our own colours."
    assert {"classic", "mono", "large-print", "readable"} <= set(found)


def test_a_theme_is_data_and_may_not_read_outside_files(tmp_path):
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "sly.css").write_text(
        "/* Sly: tries its luck. */\n"
        "h1::after { content: '{{ 7 * 7 }}'; }\n"
        "body { background: url('file:///etc/hostname'); }\n"
        "h2 { background: url('https://example.org/track.png'); }\n"
    )
    guide = tmp_path / "guide.yaml"
    guide.write_text(GUIDE)
    outcome = build(guide, tmp_path / "out", theme="sly", project_dir=tmp_path)
    html = outcome.written[0].read_text()
    assert "content: '{{ 7 * 7 }}'" in html  # never run through the template engine
    assert "{{ 7 * 7 }}" in pdf_text(outcome.written[1])
    refused = "\n".join(map(str, outcome.warnings))
    assert "file:///etc/hostname" in refused and "https://example.org/track.png" in refused


def test_extra_css_comes_after_the_theme(tmp_path):
    extra = tmp_path / "school.css"
    extra.write_text(":root { --accent: #00aa00; }\nh1 { text-transform: uppercase; }\n")
    guide = tmp_path / "guide.yaml"
    guide.write_text(GUIDE)
    outcome = build(guide, tmp_path / "out", ("pdf",), extra_css=(extra,))
    assert "PARK RANGER" in pdf_text(outcome.written[0])
    colours = page_images(outcome.written[0])[0].getcolors(1 << 20)
    assert sum(count for count, colour in colours if colour == GREEN) > 100


def test_a_guide_without_an_updated_date_says_printed_not_updated(tmp_path):
    guide = tmp_path / "ranger.yaml"
    guide.write_text("career:\n  title: Park Ranger\n", encoding="utf-8")
    text = pdf_text(build(guide, tmp_path / "out", ("pdf",)).written[0])
    assert "Printed:" in text and "printed" in text.splitlines()[-1]
    assert "pdated" not in text


def test_paraphrased_quotes_are_printed_as_such(tmp_path):
    guide = tmp_path / "ranger.yaml"
    guide.write_text(
        "career: {title: Park Ranger, updated: 2026-11-01}\n"
        "quotes:\n"
        "  - {text: I walk ten miles a day., who: A ranger, paraphrased: true}\n",
        encoding="utf-8",
    )
    text = pdf_text(build(guide, tmp_path / "out", ("pdf",)).written[0])
    assert "Paraphrased from A ranger" in text
    assert "What people in the job say" in text and "In their words" not in text
    verbatim = guide.read_text().replace("paraphrased: true", "paraphrased: false")
    guide.write_text(verbatim, encoding="utf-8")
    text = pdf_text(build(guide, tmp_path / "again", ("pdf",)).written[0])
    assert "In their words" in text and "Paraphrased" not in text


def test_the_median_of_all_jobs_is_marked_for_comparison(tmp_path):
    guide = tmp_path / "ranger.yaml"
    guide.write_text(
        "career: {title: Park Ranger, updated: 2026-11-01}\n"
        "salary: {low: 30000, median: 45000, high: 70000, all_jobs_median: 50980}\n",
        encoding="utf-8",
    )
    outcome = build(guide, tmp_path / "out", ("pdf", "html"))
    assert "median of all jobs $50,980" in pdf_text(outcome.written[1])
    html = outcome.written[0].read_text(encoding="utf-8")
    assert 'class="range-compare" style="left: 63.73%"' in html  # 50,980 on a $0-$80,000 scale
