"""Templates and styles by name: the project's own `templates/` and `styles/` first, then the bundle.

A counselor overrides one section or one theme by copying one file into the project, so
every lookup of a template folder, a theme or a layout's own styles goes through here.
"""

import os
import re
from functools import lru_cache
from pathlib import Path

import tinycss2

from .. import gate
from ..core.errors import GuideError, Problem, refusal
from ..core.resources import bundled
from ..settings.model import PAPER_SIZES, Settings

LAYOUT_STYLES = "layouts"
# Print-only companions of the stylesheets (paged media), for the PDF engine alone.
PRINT_STYLES = "print"
MAX_STYLE_BYTES = 2_000_000


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
        (
            folder / name
            for folder in search_path(settings, "styles")
            if os.path.lexists(folder / name)
        ),
        None,
    )


def _folder_of(settings: Settings, style: Path) -> Path:
    """The styles folder `style` was found in: the root its read must stay inside."""
    return next(
        folder for folder in search_path(settings, "styles") if style.is_relative_to(folder)
    )


def read_style(path: Path, roots: list[Path] | None) -> str:
    """A stylesheet's text, read through the gate; an `@import` in it is refused by name.

    WeasyPrint drops an `@import` that follows other rules, and every theme follows
    `base.css`, so an import would vanish without a word.
    """
    try:
        css = gate.read_text(path, roots, MAX_STYLE_BYTES)
    except gate.Refused as refused:
        raise refusal(refused) from None
    if found := _first_import(css):
        message = "@import is not supported; copy the imported rules into this file"
        raise GuideError(Problem(path, message, line=found[0], col=found[1]))
    return css


@lru_cache(maxsize=32)
def _first_import(css: str) -> tuple[int, int] | None:
    """The line and column of the stylesheet's first `@import`, if it has one.

    Parsing the stylesheets of a page takes about 30 ms, and every page of a batch reads the
    same few (a booklet's page numbers are a page of their own for each career), so each
    text is parsed once. The file itself is still read each time, so a change is seen.
    """
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            return rule.source_line, rule.source_column
    return None


def themes(settings: Settings) -> dict[str, str]:
    """Theme name -> its one-line description (the CSS file's first comment)."""
    found: dict[str, str] = {}
    for folder in reversed(search_path(settings, "styles")):
        for css in sorted(folder.glob("*.css")):
            if css.stem != "base":
                found[css.stem] = _description(css, folder)
    return found


def _description(css: Path, folder: Path) -> str:
    """The first line of the file's first comment, or what keeps the theme from being used."""
    try:
        text = gate.read_text(css, [folder], MAX_STYLE_BYTES)
    except gate.Refused as refused:
        return f"(unusable: {refused.reason})"
    if not text.lstrip().startswith("/*"):
        return "(no description: start the file with a /* comment */)"
    first = text.lstrip()[2:].split("*/", 1)[0].strip()
    return first.splitlines()[0] if first else "(no description: the first comment is empty)"


def stylesheet(settings: Settings, *, for_print: bool) -> str:
    """The page's CSS: base, the layout's own rules, the theme, paper, accent, extra files.

    Paged-media rules (@page and its margin boxes, running elements, strings, bookmarks)
    live in print-only companions under `print/` and reach the PDF engine alone: browsers
    know none of them, so the browser's copy would carry CSS that only errs there.
    """
    files = _files(settings, for_print)
    css = [read_style(path, [_folder_of(settings, path)]) for path in files]
    if for_print:
        css.append(f"@page {{ size: {PAPER_SIZES[settings.paper]}; }}")
    # Checked when the settings were made: inside the project when named in careerguide.yaml.
    extra = [read_style(path, gate.ANYWHERE) for path in settings.extra_css]
    if settings.accent:
        # The soft fills are the accent at 12% opacity (#rrggbb + alpha): a tint that needs
        # no colour maths and sits right on any paper colour. A soft fill the project's own
        # stylesheets set wins over this derived one: the counselor chose it.
        own = [text for path, text in zip(files, css, strict=False) if _is_projects(settings, path)]
        derived = {"--accent": settings.accent, "--accent-soft": f"{settings.accent}1f"}
        kept = {
            name: value
            for name, value in derived.items()
            if name == "--accent" or not _sets_property(own + extra, name)
        }
        css.append(":root { " + " ".join(f"{k}: {v};" for k, v in kept.items()) + " }")
    css += extra
    # A shared style holding `</style>` would close the style element and let HTML (a
    # script) into the handout; `<\/` means the same as `</` in CSS and nothing in HTML.
    return "\n".join(css).replace("</", "<\\/")


def _is_projects(settings: Settings, path: Path) -> bool:
    """True for a stylesheet of the project's own `styles/`, not the bundle's."""
    return settings.project_dir is not None and path.is_relative_to(settings.project_dir / "styles")


def _sets_property(texts: list[str], name: str) -> bool:
    """True when one of the stylesheets declares the custom property `name`."""
    declared = re.compile(rf"(?<![\w-]){re.escape(name)}\s*:")
    return any(declared.search(re.sub(r"/\*.*?\*/", "", text, flags=re.S)) for text in texts)


def _files(settings: Settings, for_print: bool) -> list[Path]:
    """The stylesheets in cascade order: base, the layout's own rules, the theme.

    A layout may carry its own rules (a denser handout, a booklet's running header), kept
    out of the theme list by living one folder down; the theme still comes after them.
    For print, each is followed by its companion `print/<name>` where there is one, so a
    theme overrides the print rules of base and layout as it overrides their other rules.
    """
    layout = f"{LAYOUT_STYLES}/{settings.layout}.css"
    names = (("base.css", True), (layout, False), (f"{settings.theme}.css", True))
    files: list[Path] = []
    for name, required in names:
        own = find_style(settings, name) if required else _optional_style(settings, name)
        files += [own] if own else []
        if for_print and (companion := _optional_style(settings, f"{PRINT_STYLES}/{name}")):
            files.append(companion)
    return files
