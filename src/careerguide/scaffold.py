"""Scaffolding: new files a counselor starts from, each one building as it is.

`init_project` lays out a counselor's own project folder: the bundled example guide, a
commented `careerguide.yaml`, and empty `templates/` and `styles/` folders whose files,
once added, replace the bundled ones of the same name.
"""

import shutil
from pathlib import Path

from .batch import SETTINGS_FILE
from .errors import GuideError
from .project import settings_file_text
from .resources import bundled

OVERRIDE_HINTS = {
    "templates": "Copy a bundled template here (e.g. sections/skills.html.j2, same path) and edit"
    " it: a file here replaces the bundled one of the same name.",
    "styles": "Copy a bundled theme here (e.g. classic.css) and edit it, or add my-theme.css and"
    " build with --theme my-theme: a file here replaces the bundled one of the same name.",
}


def init_project(folder: Path) -> list[Path]:
    """Create a project in `folder` (new or empty) and return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise GuideError(f"{folder}: already exists and is not an empty folder; choose a new one")
    shutil.copytree(bundled("guide"), folder / "guide", dirs_exist_ok=True)
    written = sorted(path for path in (folder / "guide").rglob("*") if path.is_file())
    (folder / SETTINGS_FILE).write_text(settings_file_text(), encoding="utf-8")
    written.append(folder / SETTINGS_FILE)
    for name, hint in OVERRIDE_HINTS.items():
        readme = folder / name / "README.md"
        readme.parent.mkdir()
        readme.write_text(f"{hint}\nThe bundled ones are in {bundled(name)}\n", encoding="utf-8")
        written.append(readme)
    return written
