"""The suite itself: every test file is collected, and the tests mirror the source packages.

pytest's default `norecursedirs` skips folders named like output (`build`, `dist`, ...), and once
hid 85 tests that way. These checks fail the moment a test file is left out again.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
PACKAGE = ROOT / "src" / "careerguide"


def collected_files() -> set[Path]:
    """The test files pytest collects from `tests/`, asked the way `make test` asks."""
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {(ROOT / line.split("::")[0]).resolve() for line in listed.splitlines() if "::" in line}


def test_every_test_file_is_collected() -> None:
    on_disk = {path.resolve() for path in TESTS.rglob("test_*.py")}
    missing = sorted(str(path.relative_to(ROOT)) for path in on_disk - collected_files())
    assert not missing, f"pytest does not collect: {missing}"


def test_test_folders_mirror_the_source_packages() -> None:
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    folders = {
        path.name for path in TESTS.iterdir() if path.is_dir() and any(path.glob("test_*.py"))
    }
    assert packages <= folders, f"packages without a test folder: {sorted(packages - folders)}"
    assert folders - {"fixtures"} <= packages, (
        f"test folders with no package: {sorted(folders - packages)}"
    )
