"""`careerguide --version`: pyproject.toml's version (its one source), answered at once."""

import subprocess
import sys
import tomllib

from helpers import ROOT


def test_version_prints_pyprojects_version_without_loading_the_renderer():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careerguide", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"careerguide {declared['project']['version']}\n"
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "careerguide.cli" in imported
    assert not [name for name in imported if name.split(".")[0] in {"weasyprint", "pydantic"}]
