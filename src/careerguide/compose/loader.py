"""Templates by name, the project's folder first, each file read through the gate.

Jinja's own FileSystemLoader follows links, so a project's `templates/x.html.j2` linked
to a file outside the project would be printed into the page. Here each template is read
inside the folder it was found in, as a regular UTF-8 file of bounded size.
"""

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from .. import gate
from ..core.errors import refusal

MAX_TEMPLATE_BYTES = 1_000_000


class GatedLoader(jinja2.BaseLoader):
    """Finds `name` in `folders` in order; a refused file is a one-line GuideError."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(folders)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)  # refuses `..`
        if not pieces:  # `{% include "" %}` names the folder itself
            raise jinja2.TemplateNotFound(template, message='no template named "" (an empty name)')
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            try:
                source = gate.read_text(path, [folder], MAX_TEMPLATE_BYTES)
            except gate.Refused as refused:
                raise refusal(refused) from None
            return source, str(path), _unchanged_since(path, _mtime(path))
        raise jinja2.TemplateNotFound(template)


def _unchanged_since(path: Path, mtime: float | None) -> Callable[[], bool]:
    """Jinja's check that a cached template is still current (`watch` reloads edits)."""
    return lambda: _mtime(path) == mtime


def _mtime(path: Path) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None
