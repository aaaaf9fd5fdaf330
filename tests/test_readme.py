"""The README's commands work as written, in a new shell that follows the README.

Each `sh` block runs in bash after `. .venv/bin/activate` (as the quick start says), in a
fresh project made by `careerguide init`, so every file a command names must be one the
project or `init` provides. Left out: `make` (it runs this suite), the block of
`careerguide import` (it needs the publishers' files; tests/authoring/test_import.py runs it on
made-up and real files) and `careerguide watch` (it runs until Ctrl-C).
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

README = ROOT / "README.md"
ACTIVATE = Path(sys.executable).parent / "activate"
NOT_RUN = ("make ", "careerguide watch")


def shell_blocks() -> list[tuple[int, str]]:
    """(line number, commands) of each `sh` block that has a command to run."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"```sh\n(.*?)```", text, re.S):
        script = match.group(1).replace("\\\n", " ")  # continuation lines as one command
        if "careerguide import" in script:
            continue  # the block's other commands use what the import wrote
        runnable = [line for line in script.splitlines() if not line.startswith(NOT_RUN)]
        if any(line.strip() for line in runnable):
            found.append((text.count("\n", 0, match.start()) + 1, "\n".join(runnable)))
    return found


BLOCKS = shell_blocks()


def test_the_readme_has_commands_to_try():
    assert len(BLOCKS) >= 6


@pytest.mark.skipif(not ACTIVATE.is_file(), reason=f"no virtualenv to activate at {ACTIVATE}")
@pytest.mark.parametrize(("line", "script"), BLOCKS, ids=[f"line-{line}" for line, _ in BLOCKS])
def test_a_readme_block_runs_as_written(tmp_path, line, script):
    subprocess.run(
        [sys.executable, "-m", "careerguide", "init", "project"], cwd=tmp_path, check=True
    )
    project = tmp_path / "project"
    result = subprocess.run(
        ["bash", "-c", f"set -euo pipefail\n. {ACTIVATE}\n{script}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"README line {line}:\n{script}\n{result.stderr}"
    assert "Traceback" not in result.stderr
