"""Templates and styles by name: the project's own `templates/` and `styles/` first, then the bundle.

A counselor overrides one section or one theme by copying one file into the project, so
every lookup of a template folder, a theme or a layout's own styles goes through here.
"""

from pathlib import Path

from ..core.errors import GuideError, Problem
from ..core.resources import bundled
from ..core.settings import PAPER_SIZES, Settings

LAYOUT_STYLES = "layouts"


def search_path(settings: Settings, kind: str) -> list[Path]:
    """Folders searched for templates or styles: the project's own first, then the bundle."""
    folders = []
    if settings.project_dir is not None and (settings.project_dir / kind).is_dir():
        folders.append(settings.project_dir / kind)
    folders.append(bundled(kind))
    return folders


def find_style(settings: Settings, name: str) -> Path:
    """The CSS file `name` from the project's styles or the bundled ones."""
    path = _optional_style(settings, name)
    if path is not None:
        return path
    folders = ", ".join(map(str, search_path(settings, "styles")))
    raise GuideError(Problem.about("", f"style {name!r} not found in {folders}"))


def _optional_style(settings: Settings, name: str) -> Path | None:
    return next(
        (folder / name for folder in search_path(settings, "styles") if (folder / name).is_file()),
        None,
    )


def themes(settings: Settings) -> dict[str, str]:
    """Theme name -> its one-line description (the CSS file's first comment)."""
    found: dict[str, str] = {}
    for folder in reversed(search_path(settings, "styles")):
        for css in sorted(folder.glob("*.css")):
            if css.stem != "base":
                first = css.read_text(encoding="utf-8").split("*/", 1)[0]
                found[css.stem] = first.replace("/*", "").strip().splitlines()[0]
    return found


def stylesheet(settings: Settings) -> str:
    """The page's CSS: base, the layout's own rules, the theme, paper, accent, extra files."""
    # A layout may carry its own rules (a denser handout, a booklet's running header), kept
    # out of the theme list by living one folder down; the theme still comes after them.
    layout = _optional_style(settings, f"{LAYOUT_STYLES}/{settings.layout}.css")
    parts = [find_style(settings, "base.css"), *([layout] if layout else [])]
    parts.append(find_style(settings, f"{settings.theme}.css"))
    css = [path.read_text(encoding="utf-8") for path in parts]
    css.append(f"@page {{ size: {PAPER_SIZES[settings.paper]}; }}")
    if settings.accent:
        # The soft fills are the accent at 12% opacity (#rrggbb + alpha): a tint that needs
        # no colour maths and sits right on any paper colour.
        soft = f"{settings.accent}1f"
        css.append(f":root {{ --accent: {settings.accent}; --accent-soft: {soft}; }}")
    css += [path.read_text(encoding="utf-8") for path in settings.extra_css]
    # A shared style holding `</style>` would close the style element and let HTML (a
    # script) into the handout; `<\/` means the same as `</` in CSS and nothing in HTML.
    return "\n".join(css).replace("</", "<\\/")
