"""Compose: a validated guide plus layout, theme, branding and language -> one HTML page.

The same HTML feeds the browser handout and WeasyPrint; only the fonts differ (embedded
subsets for the browser, installed files for print). Templates and styles are looked up
by file name in the project folder first and the bundled folder second, so a counselor
overrides one section or one theme by copying one file. Text from guides is escaped by
Jinja's autoescape; Markdown goes through `markup`, which has raw HTML off.
"""

import contextlib
import copy
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import yaml
from markupsafe import Markup
from pydantic import BaseModel

from . import __version__, fonts, markup
from .errors import GuideError
from .faq import generated_faq
from .model import Guide, Source
from .qr import qr_data_uri
from .resources import bundled, user_cache
from .settings import PAPER_SIZES, Settings

LAYOUT_STYLES = "layouts"


@dataclass(frozen=True)
class Page:
    """A composed document and what the renderer needs to know about it."""

    html: str
    title: str
    language: str
    # The theme's CSS when the caller asked to keep it out of `html`: a batch renderer parses
    # it once and applies it to every guide (as a user stylesheet, below the page's own).
    css: str = ""


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
    raise GuideError(
        f"style {name!r} not found in {', '.join(map(str, search_path(settings, 'styles')))}"
    )


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


@cache
def labels(language: str) -> dict[str, Any]:
    """Printed words for a language, from `labels/<language>.yaml`."""
    path = Path(__file__).parent / "labels" / f"{language}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def _environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    # Sandboxed: a project's template override is shared like a theme, and plain Jinja
    # lets a template reach Python (`''.__class__.__mro__...`) and run anything.
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.bytecode_cache = _CompiledTemplates(env)
    env.filters["md"] = markup.inline
    env.filters["md_block"] = markup.block
    env.filters["css_string"] = css_string
    env.filters["safe_url"] = lambda url: url if url and markup.is_safe_url(url) else None
    env.tests["filled"] = filled
    env.filters["qr"] = qr_data_uri
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs: compiling them is most of a cold build's
    composing (80 ms). Jinja recompiles a template whose source changed; a cache folder
    that cannot be written only costs that time again.

    Jinja keys its cache on the template file alone, so the folder is named after the
    environment's settings (sandbox, autoescape, whitespace, versions): code compiled by an
    environment set up differently is never loaded by this one.
    """

    def __init__(self, env: jinja2.Environment) -> None:
        settings = {
            k: v for k, v in vars(env).items() if isinstance(v, bool | int | str | frozenset)
        }
        described = repr((type(env).__qualname__, env.undefined.__name__, sorted(settings.items())))
        versions = f"{jinja2.__version__}|{__version__}|{described}"
        folder = user_cache() / "templates" / hashlib.sha256(versions.encode()).hexdigest()[:16]
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


# Settings of a section, not content: a section holding only these prints nothing.
_NOT_CONTENT = frozenset({"cite", "threshold", "max", "currency"})


def filled(value: Any) -> bool:
    """Whether a section has anything to print (so an empty one leaves no heading)."""
    if isinstance(value, BaseModel):
        return any(filled(v) for name, v in value if name not in _NOT_CONTENT)
    if isinstance(value, list | tuple):
        return any(filled(item) for item in value)
    return value not in (None, "")


def css_string(text: str) -> Markup:
    """A CSS string literal holding `text` (for running footers built in CSS)."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-·:()'" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def source_numbers(guide: Guide) -> dict[str, int]:
    """Source id -> its printed number: in order of first citation, uncited ones last."""
    order: list[str] = []
    for _, ids in guide.citations():
        order += [source_id for source_id in ids if source_id not in order]
    order += [source.id for source in guide.sources if source.id not in order]
    return {source_id: number for number, source_id in enumerate(order, start=1)}


def guide_context(guide: Guide, settings: Settings, today: date | None = None) -> dict[str, Any]:
    """What every template of one career sees: the guide, its words, formatters and sources."""
    words = labels(guide.career.language)
    fmt = formatters(words["locale"])
    numbers = source_numbers(guide)
    sources: list[Source] = sorted(guide.sources, key=lambda source: numbers[source.id])
    return {
        "guide": guide,
        "career": guide.career,
        "L": words,
        "numbers": numbers,
        "sources": sources,
        "branding": settings.branding,
        "settings": settings,
        "fmt": fmt,
        "faq": guide.faq or generated_faq(guide, words, fmt),
        "updated": guide.career.updated or today or date.today(),
    }


def render_template(settings: Settings, name: str, context: Mapping[str, Any]) -> str:
    """Render one template (the project's copy first, then the bundled one)."""
    folders = tuple(search_path(settings, "templates"))
    try:
        template = _environment(folders).get_template(name)
    except jinja2.TemplateNotFound:
        raise GuideError(f"no template {name} in {', '.join(map(str, folders))}") from None
    try:
        return template.render(context)
    except jinja2.sandbox.SecurityError as error:
        raise GuideError(f"a template tried an unsafe operation and was stopped: {error}") from None


def compose(
    guide: Guide,
    settings: Settings,
    *,
    for_print: bool,
    today: date | None = None,
    variables: Mapping[str, Any] | None = None,
    inline_css: bool = True,
) -> Page:
    """Render the guide's layout to HTML, with the theme's CSS inlined (or in `Page.css`).

    `variables` reach the templates beside the guide (a handout's left-out sections, a
    student's name), so a layout varies without a copy of its sections.
    """
    context = guide_context(guide, settings, today) | dict(variables or {})
    body = render_template(settings, f"{settings.layout}.html.j2", context)
    return finish_page(
        body,
        settings,
        for_print=for_print,
        title=guide.career.title,
        language=guide.career.language,
        inline_css=inline_css,
    )


def finish_page(
    body: str,
    settings: Settings,
    *,
    for_print: bool,
    title: str,
    language: str,
    inline_css: bool = True,
) -> Page:
    """Fill a rendered layout's style block with the fonts and the theme's CSS."""
    css = _stylesheet(settings)
    faces = fonts.print_font_faces() if for_print else fonts.embedded_font_faces(body)
    # The style block is filled after rendering because the embedded font subsets depend
    # on the rendered text; the marker is the first thing in <head>, before any guide text.
    theme_css = faces + "\n" + css
    html = body.replace("/*CSS*/", theme_css if inline_css else "", 1)
    return Page(html=html, title=title, language=language, css="" if inline_css else theme_css)


def _stylesheet(settings: Settings) -> str:
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


def formatters(locale: str) -> dict[str, Any]:
    """Money, dates, percentages and lists the way the guide's language writes them."""
    from babel import Locale
    from babel.dates import format_date
    from babel.lists import format_list
    from babel.numbers import format_currency, format_percent

    # The locale's own currency pattern (symbol before or after, spacing), without cents:
    # $155,000 in English, 155.000 US$ in Spanish.
    whole_amounts = copy.copy(Locale.parse(locale).currency_formats["standard"])
    whole_amounts.frac_prec = (0, 0)
    return {
        "money": lambda amount, currency: format_currency(
            amount, currency, locale=locale, format=whole_amounts, currency_digits=False
        ),
        "date": lambda day: format_date(day, "long", locale=locale),
        "percent": lambda value: format_percent(value / 100, locale=locale),
        "list": lambda items: format_list(items, locale=locale),
    }
