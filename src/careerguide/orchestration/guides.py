"""Which guide files a command works on: named directly, or found in the named folders.

A folder may come from a stranger, so a `*.yaml` found in it is a guide only if it is a
regular file inside that folder once links are resolved: a FIFO would hang the build, a
link to `/dev/zero` would fill the memory, a link out of the folder would print someone
else's file. Each such entry is refused with its reason, and the others are built.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import gate
from ..core.errors import GuideError, Problem
from ..settings.model import SETTINGS_FILE


@dataclass
class Found:
    """The guide files to work on, and the entries of the named folders that were refused."""

    guides: list[Path] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)


def find_guides(paths: Iterable[Path]) -> Found:
    """Guide files named directly or found (recursively) in the named folders."""
    found = Found()
    for path in paths:
        if path.is_dir():
            for entry in sorted(p for p in path.rglob("*.yaml") if p.name != SETTINGS_FILE):
                try:
                    gate.regular_file(entry, [path])
                    found.guides.append(entry)
                except gate.Refused as refused:
                    found.refused.append(Problem.about(entry, refused.reason))
        elif path.is_file():
            found.guides.append(path)
        elif path.exists():
            raise GuideError(Problem.about(path, "is not a regular file or a folder"))
        else:
            raise GuideError(Problem.about(path, "no such file or folder"))
    found.guides = list(dict.fromkeys(found.guides))
    return found
