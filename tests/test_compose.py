"""A project's own templates/ and styles/ files replace the bundled ones of the same name."""

from pathlib import Path

import pytest

from careerguide.compose import themes
from careerguide.resources import bundled
from careerguide.settings import Settings
from helpers import build, page_images, pdf_text

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
    refused = "\n".join(outcome.warnings)
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
