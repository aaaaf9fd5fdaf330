"""The wheel carries templates, styles, the schema and the bundled guide; works from any folder."""

import subprocess
import sys
import zipfile

from helpers import ROOT


def test_wheel_builds_the_bundled_guide_outside_the_repository(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("careerguide-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in [
        "careerguide/templates/guide.html.j2",
        "careerguide/templates/sections/skills.html.j2",
        "careerguide/styles/base.css",
        "careerguide/styles/classic.css",
        "careerguide/styles/mono.css",
        "careerguide/styles/large-print.css",
        "careerguide/styles/readable.css",
        "careerguide/guide/machine-learning-engineer.yaml",
        "careerguide/core/labels/en.yaml",
        "careerguide/schema/guide.schema.json",
    ]:
        assert expected in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    guide = site / "careerguide" / "guide" / "machine-learning-engineer.yaml"

    def installed(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "careerguide", *args],
            cwd=elsewhere,
            env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
        )

    result = installed("build", str(guide), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "build" / "machine-learning-engineer.pdf").stat().st_size > 10_000
    new = installed("new", "Park Ranger")
    assert new.returncode == 0, new.stderr
    skeleton = elsewhere / "guide" / "park-ranger.yaml"
    schema_line = skeleton.read_text(encoding="utf-8").splitlines()[0]
    schema = skeleton.parent / schema_line.split("$schema=", 1)[1]
    assert schema.resolve() == (site / "careerguide" / "schema" / "guide.schema.json").resolve()
