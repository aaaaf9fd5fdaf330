"""`careerguide new` (a commented skeleton from the model that builds, validates and checks)
and `careerguide init` (a counselor project that builds as it is)."""

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from careerguide.authoring.check import check_guides
from careerguide.authoring.scaffold import init_project, new_guide
from careerguide.core.errors import GuideError
from careerguide.core.resources import bundled
from careerguide.guidefile.model import Guide, inner_model
from careerguide.guidefile.placeholders import is_placeholder, placeholder
from careerguide.orchestration.batch import build_one
from careerguide.settings.model import Settings
from helpers import ROOT, build, careerguide, pdf_text, schema_errors

TODAY = date(2026, 11, 1)


@pytest.fixture
def skeleton(tmp_path) -> Path:
    return new_guide("Park Ranger", tmp_path / "guide", today=TODAY)


def test_new_writes_the_slug_file_with_the_schema_line_first(skeleton, tmp_path):
    assert skeleton == tmp_path / "guide" / "park-ranger.yaml"
    first = skeleton.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    schema = (skeleton.parent / match.group(1)).resolve()
    assert schema == (ROOT / "schema" / "guide.schema.json").resolve()


def test_skeleton_builds_as_it_is(skeleton, tmp_path):
    outcome = build(skeleton, tmp_path / "out", formats=("pdf",))
    text = pdf_text(outcome.written[0])
    assert "Park Ranger" in text and "[summary]" in text and "$50,000" in text


def test_skeleton_validates_against_the_schema(skeleton):
    assert schema_errors(yaml.safe_load(skeleton.read_text(encoding="utf-8"))) == []


def test_every_section_and_field_is_present_with_its_description(skeleton):
    text = skeleton.read_text(encoding="utf-8")
    data = yaml.safe_load(text)

    def walk(model: type[BaseModel], value: dict, where: str) -> None:
        for name, field in model.model_fields.items():
            key = field.alias or name
            assert key in value, f"{where}{key} is missing"
            assert f"# {field.description}" in text, f"{where}{key} has no comment"
            inner = inner_model(field.annotation)
            if inner is not None:
                item = value[key][0] if isinstance(value[key], list) else value[key]
                walk(inner, item, f"{where}{key}.")

    walk(Guide, data, "")


def test_check_lists_only_placeholders_and_example_figures(skeleton):
    report = check_guides([skeleton])
    assert report.errors == [] and report.warnings
    figures = "the example figures from `careerguide new`; replace them with real ones"
    assert len(report.warnings) == 4  # one line for all the placeholders, not one each
    assert {re.sub(r"\d+ more", "N more", w.message) for w in report.warnings} == {
        "placeholder text from `careerguide new`, here and in N more places; replace or delete"
        " each",
        figures,
        f"every score is 50, {figures}",
        f"every share is 50, {figures}",
    }


def test_a_build_warns_about_example_figures_left_as_they_were(skeleton, tmp_path):
    outcome = build_one(skeleton, tmp_path / "out", Settings(), ("html",))
    assert outcome.error is None, outcome.error
    warnings = [str(warning) for warning in outcome.warnings]
    assert (
        f"{skeleton}: warning: salary: the example figures from `careerguide new`; replace"
        " them with real ones" in warnings
    )
    assert len(warnings) == 3, warnings


def test_placeholders_are_recognised():
    assert is_placeholder(placeholder("where_they_work", 2)) and is_placeholder("[summary]")
    assert not is_placeholder("Park Ranger") and not is_placeholder("[See the BLS page]")


def test_new_refuses_to_overwrite(skeleton):
    skeleton.write_text("career: {title: Mine}\n", encoding="utf-8")
    with pytest.raises(GuideError, match="already exists"):
        new_guide("Park Ranger", skeleton.parent)
    assert skeleton.read_text(encoding="utf-8") == "career: {title: Mine}\n"


def test_new_command_writes_in_dir_and_exits_2_when_the_file_exists(tmp_path):
    def new(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "careerguide", "new", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )

    first = new("Guardaparques", "--dir", "guias", "--language", "es")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "wrote guias/guardaparques.yaml"
    assert 'language: "es"' in (tmp_path / "guias" / "guardaparques.yaml").read_text()
    again = new("Guardaparques", "--dir", "guias")
    assert again.returncode == 2
    assert again.stderr.strip() == (
        "guias/guardaparques.yaml already exists; choose another title or edit that file"
    )


def test_init_creates_a_project_that_builds_as_it_is(tmp_path):
    project = tmp_path / "counseling"
    result = careerguide("init", str(project), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"next: cd {project} && careerguide build"
    examples = sorted(
        path.relative_to(bundled("guide")) for path in bundled("guide").rglob("*.yaml")
    )
    assert (
        sorted(path.relative_to(project / "guide") for path in (project / "guide").rglob("*.yaml"))
        == examples
    )
    assert yaml.safe_load((project / "careerguide.yaml").read_text()) is None  # all commented
    for folder in ["templates", "styles"]:
        assert [path.name for path in (project / folder).iterdir()] == ["README.md"]
        assert (
            "replaces the bundled one of the same name"
            in (project / folder / "README.md").read_text()
        )

    built = careerguide("build", cwd=project)
    assert built.returncode == 0, built.stderr
    outputs = sorted(path.name for path in (project / "build").iterdir())
    assert outputs == sorted(f"{path.stem}.{kind}" for path in examples for kind in ("html", "pdf"))


def test_init_refuses_a_folder_that_is_in_use(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(GuideError, match="already exists and is not an empty folder"):
        init_project(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_init_into_an_empty_folder_is_fine(tmp_path):
    written = init_project(tmp_path)
    assert tmp_path / "careerguide.yaml" in written
