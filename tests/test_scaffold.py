"""`careerguide init`: a counselor's project that builds as it is."""

import pytest
import yaml

from careerguide.errors import GuideError
from careerguide.resources import bundled
from careerguide.scaffold import init_project
from helpers import careerguide


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
