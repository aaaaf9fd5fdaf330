"""Project settings: careerguide.yaml and flags, checked up front and seen in the output."""

import base64
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from careerguide.core.errors import GuideError
from careerguide.orchestration.batch import build_one
from careerguide.orchestration.project import ProjectFile, project_settings, settings_file_text
from careerguide.settings.marks import accent_colour
from helpers import BUNDLED, SPANISH, careerguide, page_images, page_texts, pdf_text

RED = (0xC0, 0x39, 0x2B)
CLASSIC_BLUE = (0x1F, 0x5F, 0xA8)

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def write_project(folder: Path, settings: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "careerguide.yaml").write_text(settings, encoding="utf-8")
    return folder


def write_png(path: Path, colour=(122, 30, 40)) -> Path:
    Image.new("RGB", (60, 60), colour).save(path)
    return path


def error_of(project: Path, flags: dict | None = None) -> str:
    with pytest.raises(GuideError) as caught:
        project_settings(project, flags or {})
    return str(caught.value)


@pytest.fixture(scope="module")
def branded(tmp_path_factory) -> Path:
    """The bundled guide built with every branding key set in careerguide.yaml."""
    project = tmp_path_factory.mktemp("branded")
    write_png(project / "crest.png")
    write_project(
        project,
        "school: Old Name High\n"
        "logo: crest.png\n"
        "counselor: Ms. Rivera\n"
        "contact: Room 114\n"
        "footer_note: Questions? Visit the counseling office.\n"
        'accent: "#c0392b"\n'
        "paper: a4\n",
    )
    settings = project_settings(project, dict(school="Lincoln High"))
    outcome = build_one(BUNDLED, project / "out", settings, ("pdf",))
    assert outcome.error is None, outcome.error
    return outcome.written[0]


def test_accent_colour_is_printed(branded):
    first_page = page_images(branded)[0]
    colours = first_page.getcolors(first_page.width * first_page.height)

    def near(target: tuple[int, int, int]) -> int:
        """Pixels within a few levels of `target` (anti-aliased edges aside)."""
        return sum(
            count
            for count, colour in colours
            if max(abs(a - b) for a, b in zip(colour, target, strict=True)) <= 6
        )

    assert near(RED) > 300
    assert near(CLASSIC_BLUE) == 0


def test_paper_size_comes_from_the_file(branded):
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(branded).pages
    }
    assert sizes == {(595, 842)}


def test_school_counselor_and_note_are_printed_and_the_flag_wins(branded):
    pages = page_texts(branded)
    assert "Lincoln High\nPrepared by Ms. Rivera · Room 114" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)} · Lincoln High · updated" in text
    assert "Old Name High" not in pdf_text(branded)
    assert "Questions? Visit the counseling office." in pages[-1]


def test_logo_is_embedded_as_an_image_on_page_1(branded):
    resources = PdfReader(branded).pages[0]["/Resources"]
    images = [
        xobject
        for xobject in resources.get("/XObject", {}).values()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1
    assert images[0].get_object()["/Width"] == 60


def test_flags_win_over_the_file_key_by_key(tmp_path):
    project = write_project(tmp_path, "theme: mono\npaper: a4\nschool: Lincoln High\n")
    settings = project_settings(project, dict(paper="letter", counselor="Mr. Okafor"))
    assert (settings.theme, settings.paper) == ("mono", "letter")
    assert (settings.branding.school, settings.branding.counselor) == ("Lincoln High", "Mr. Okafor")


def test_without_a_file_the_defaults_apply(tmp_path):
    settings = project_settings(tmp_path, {})
    assert (settings.layout, settings.theme, settings.paper, settings.accent) == (
        "guide",
        "classic",
        "letter",
        None,
    )
    assert settings.branding.school is None and settings.extra_css == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("navy", "#000080"),
        ("DarkRed", "#8b0000"),
        ("#a33", "#aa3333"),
        ("#C0392B", "#c0392b"),
    ],
)
def test_accent_colours_are_normalised(text, expected):
    assert accent_colour(text) == expected


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (dict(accent="bleu"), "--accent: 'bleu' is not a colour; use #rgb, #rrggbb or a CSS name"),
        (dict(accent="#12345"), "--accent: '#12345' is not a colour"),
        (dict(accent="rgb(1,2,3)"), "--accent: 'rgb(1,2,3)' is not a colour"),
        (dict(accent="transparent"), "--accent: 'transparent' is not a colour"),
        (dict(accent="gold"), "--accent: 'gold' is too light to read on white paper"),
        (dict(theme="neon"), "--theme: no theme 'neon'; choose from classic, large-print, mono"),
        (dict(paper="legal"), "--paper: expected letter or a4, got 'legal'"),
        (dict(logo=Path("nope.png")), "--logo: no such file"),
        (dict(css=(Path("nope.css"),)), "--css: no such file"),
    ],
)
def test_bad_flags_are_one_line_errors(tmp_path, flags, message):
    error = error_of(tmp_path, flags)
    assert error.startswith(message) and "\n" not in error


def test_logos_are_checked_by_content_not_only_by_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fake.png").write_text("not an image")
    (tmp_path / "crest.gif").write_bytes(b"GIF89a")
    assert error_of(tmp_path, dict(logo=Path("fake.png"))) == "--logo: fake.png is not a PNG image"
    assert error_of(tmp_path, dict(logo=Path("crest.gif"))) == (
        "--logo: crest.gif: use a PNG, JPEG or SVG file"
    )
    (tmp_path / "crest.svg").write_bytes(SVG)
    Image.new("RGB", (8, 8)).save(tmp_path / "crest.jpg")
    for name, media_type in [("crest.svg", "image/svg+xml"), ("crest.jpg", "image/jpeg")]:
        uri = project_settings(tmp_path, dict(logo=Path(name))).branding.logo_data_uri
        assert uri.startswith(f"data:{media_type};base64,")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schol: Lincoln\n", "careerguide.yaml:1:1: schol: unknown key (did you mean 'school'?)"),
        (
            "region: TX\n",  # where the counselor first put it
            "careerguide.yaml:1:1: region: unknown key here; indent it under `data:`, where it belongs",
        ),
        (
            "school: Lincoln\naccent: #1f5fa8\n",
            'careerguide.yaml:2:8: accent: is empty (a # colour needs quotes: accent: "#1f5fa8")',
        ),
        ("accent: bleu\n", "careerguide.yaml:1:9: accent: 'bleu' is not a colour"),
        ("theme: neon\n", "careerguide.yaml:1:8: theme: no theme 'neon'"),
        ("logo: crest.png\n", "careerguide.yaml:1:7: logo: no such file"),
        (
            "- school\n",
            "careerguide.yaml:1:1: the top level must be a mapping of `key: value` lines",
        ),
    ],
)
def test_mistakes_in_the_file_point_at_their_line(tmp_path, text, message):
    project = write_project(tmp_path, text)
    assert error_of(project).startswith(f"{project}/{message}")


def test_paths_in_the_file_are_relative_to_the_project(tmp_path, monkeypatch):
    project = write_project(tmp_path / "project", "logo: art/crest.png\ncss: [school.css]\n")
    (project / "art").mkdir()
    write_png(project / "art" / "crest.png")
    (project / "school.css").write_text("h1 { color: black; }")
    monkeypatch.chdir(tmp_path)
    settings = project_settings(project, {})
    assert settings.extra_css == (project / "school.css",)
    assert settings.branding.logo_data_uri.startswith("data:image/png;base64,")


def test_the_commented_settings_file_is_valid_and_so_is_every_example(tmp_path):
    text = settings_file_text()
    assert yaml.safe_load(text) is None  # every key is switched off
    project = write_project(tmp_path, text)
    assert project_settings(project, {}).theme == "classic"
    # Removing the "#" in front of each example switches it on; each one is valid.
    write_project(project, re.sub(r"(?m)^#(?! )", "", text))
    write_png(project / "logo.png")
    (project / "school.css").write_text("h1 { color: black; }")
    examples = {key: field.examples[0] for key, field in ProjectFile.model_fields.items()}
    settings = project_settings(project, {})
    assert (settings.theme, settings.paper, settings.accent) == (
        examples["theme"],
        examples["paper"],
        examples["accent"],
    )
    assert settings.branding.footer_note == examples["footer_note"]
    assert settings.extra_css == (project / "school.css",)


def test_settings_are_found_from_the_guides_when_building_from_another_folder(tmp_path):
    project = tmp_path / "counseling"
    (project / "guide").mkdir(parents=True)
    (project / "careerguide.yaml").write_text("school: Lincoln High\n")
    for name in ("ranger", "nurse"):
        (project / "guide" / f"{name}.yaml").write_text(f"career:\n  title: {name.title()}\n")
    result = careerguide("build", "counseling/guide", "-f", "html", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Lincoln High" in (tmp_path / "out" / "ranger.html").read_text()
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.endswith("; settings from counseling/careerguide.yaml"), summary


def test_a_phone_photo_logo_is_welcome_and_scaled_to_print_size(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    noise = Image.effect_noise((3000, 2000), 64).convert("RGB")
    noise.save(tmp_path / "photo.jpg", quality=95)
    assert (tmp_path / "photo.jpg").stat().st_size > 2_000_000  # refused before as too big
    uri = project_settings(tmp_path, {"logo": Path("photo.jpg")}).branding.logo_data_uri
    data = base64.b64decode(uri.split(",", 1)[1])
    assert Image.open(io.BytesIO(data)).size == (450, 300)
    assert len(data) < 300_000


def test_a_logo_that_cannot_be_decoded_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"not an image" * 10)
    assert error_of(tmp_path, {"logo": Path("broken.png")}).startswith(
        "--logo: the logo cannot be read as an image"
    )


def test_a_logo_path_may_start_with_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    write_png(tmp_path / "crest.png")
    settings = project_settings(tmp_path, {"logo": Path("~/crest.png")})
    assert settings.branding.logo_data_uri.startswith("data:image/png;base64,")


def test_a_spanish_guide_prints_the_schools_spanish_words(tmp_path):
    """As the counselor met it: one project, an English and a Spanish guide; the closing
    note, contact and school line follow each guide's language."""
    project = write_project(
        tmp_path / "counseling",
        "school: Lincoln High\n"
        "contact: Room 114\n"
        "footer_note: Questions? Visit the counseling office.\n"
        "languages:\n"
        "  es:\n"
        "    school: Escuela Lincoln\n"
        "    contact: Salón 114\n"
        "    footer_note: ¿Preguntas? Visita la oficina de orientación.\n",
    )
    (project / "guide").mkdir()
    shutil.copy(BUNDLED, project / "guide")
    shutil.copy(SPANISH, project / "guide")
    result = careerguide("build", "-f", "pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    spanish = pdf_text(project / "build" / f"{SPANISH.stem}.pdf")
    english = pdf_text(project / "build" / f"{BUNDLED.stem}.pdf")
    for words in ("Escuela Lincoln", "Salón 114", "¿Preguntas? Visita la oficina de orientación."):
        assert words in spanish and words not in english
    for words in ("Lincoln High", "Room 114", "Questions? Visit the counseling office."):
        assert words in english and words not in spanish
    flag = project_settings(project, {"footer_note": "Typed today."})
    assert flag.branding_for("es").footer_note == "Typed today."  # a flag wins everywhere
    assert flag.branding_for("es").contact == "Salón 114"


def test_a_language_the_guides_do_not_have_is_an_error(tmp_path):
    project = write_project(tmp_path, "languages:\n  fr: {contact: Salle 114}\n")
    assert "careerguide.yaml:2:7: languages.fr: 'fr' is not one of 'en' or 'es'" in error_of(
        project
    )
