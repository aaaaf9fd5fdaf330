"""Where the bundled templates, styles and example guide live, and where caches go.

In a wheel they sit inside the package (hatch force-include); in a source checkout
(editable install, tests) they are the top-level folders of the repository. Looking in
both places keeps one copy of each file and lets `pip install .` work from any folder.
"""

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # careerguide/, above core/


@cache
def bundled(name: str) -> Path:
    """Return the bundled folder `name` ("templates", "styles", "guide" or "schema")."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from the installation")


def user_cache() -> Path:
    """careerguide's folder in the user's cache ($XDG_CACHE_HOME, else ~/.cache): only ever
    things that can be rebuilt, so deleting it costs one slower build."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "careerguide"
