"""Which guide files a command works on: named directly, or found in the named folders."""

from collections.abc import Iterable
from pathlib import Path

from ..core.errors import GuideError, Problem
from ..core.settings import SETTINGS_FILE


def find_guides(paths: Iterable[Path]) -> list[Path]:
    """Guide files named directly or found (recursively) in the named folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.yaml") if p.name != SETTINGS_FILE)
        elif path.is_file():
            found.append(path)
        else:
            raise GuideError(Problem.about(path, "no such file or folder"))
    return list(dict.fromkeys(found))
