"""Compose: a validated guide plus layout, theme, branding and language -> one HTML page.

The same HTML feeds the browser handout and WeasyPrint; only the fonts differ (embedded
subsets for the browser, installed files for print).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..core.model import Guide
from ..core.page import Page
from ..core.settings import Settings
from . import fonts
from .templating import guide_context, render_template
from .themes import stylesheet


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
    css = stylesheet(settings)
    faces = fonts.print_font_faces() if for_print else fonts.embedded_font_faces(body)
    # The style block is filled after rendering because the embedded font subsets depend
    # on the rendered text; the marker is the first thing in <head>, before any guide text.
    theme_css = faces + "\n" + css
    html = body.replace("/*CSS*/", theme_css if inline_css else "", 1)
    return Page(html=html, title=title, language=language, css="" if inline_css else theme_css)
