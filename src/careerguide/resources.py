"""Where the bundled templates, styles and example guide live.

In a wheel they sit inside the package (hatch force-include); in a source checkout
(editable install, tests) they are the top-level folders of the repository. Looking in
both places keeps one copy of each file and lets `pip install .` work from any folder.
"""

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def bundled(name: str) -> Path:
    """Return the bundled folder `name` ("templates", "styles", "guide" or "schema")."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from the installation")
