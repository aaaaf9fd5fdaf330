"""Compose: a validated guide plus layout, theme, branding and language -> one HTML page.

The same HTML feeds the browser handout and WeasyPrint; only the fonts differ (embedded
subsets for the browser, installed files for print).
"""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..core.errors import GuideError, Problem
from ..core.page import Page
from ..guidefile.model import Guide
from ..settings.model import Settings
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
    student's name), so a layout varies without a copy of its sections. `for_print` reaches
    them too: a template's own paged-media CSS (its running footer) is for the PDF only.
    """
    context = guide_context(guide, settings, today) | {"for_print": for_print}
    context |= dict(variables or {})
    body = render_template(settings, f"{settings.layout}.html.j2", context)
    return finish_page(
        body,
        settings,
        for_print=for_print,
        title=guide.career.title,
        language=guide.career.language,
        inline_css=inline_css,
    )


# The page is self-contained: a browser may load nothing and run nothing, whatever a text or
# a template override holds. Set by `finish_page`, so no override can leave it out.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:;"
    " base-uri 'none'; form-action 'none'"
)
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'

# The start of a page up to its <head> tag, read as an HTML parser reads it (HTML's own
# whitespace, quoted attribute values whole): nothing may come before <head> but the
# doctype and <html>, or a script or a comment could open before the policy.
_SPACE = r"[\t\n\f\r ]"
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\t\n\f\r "'=<>`]+)"""
_ATTRIBUTES = rf"""(?:{_SPACE}+[^\t\n\f\r "'>/=]+(?:{_SPACE}*={_SPACE}*{_VALUE})?)*"""
_CHARSET = rf"""<meta{_SPACE}+charset{_SPACE}*={_SPACE}*(?:"utf-8"|'utf-8'|utf-8){_SPACE}*/?>"""
_PAGE_START = re.compile(
    rf"\A\ufeff?{_SPACE}*(?:<!doctype{_SPACE}+html{_SPACE}*>{_SPACE}*)?"
    rf"(?:<html{_ATTRIBUTES}{_SPACE}*>{_SPACE}*)?<head{_ATTRIBUTES}{_SPACE}*>"
    # A charset declaration first in <head> stays first: browsers look for it early.
    rf"(?P<charset>{_SPACE}*{_CHARSET})?",
    re.IGNORECASE | re.ASCII,
)
_LATER_CHARSET = re.compile(rf"{_SPACE}*{_CHARSET}", re.IGNORECASE | re.ASCII)
CHARSET_META = '<meta charset="utf-8">'


def with_security_policy(html: str, template: str) -> str:
    """`html` with the charset and then the Content-Security-Policy meta first in its <head>.

    Pages are always written as UTF-8. A browser (and the HTML checker) takes the charset
    only from the first 1024 bytes, which the inlined styles and fonts would fill, so a
    template that declares it later, or not at all, gets it moved or added at the top.
    """
    start = _PAGE_START.match(html)
    if start is None:
        needs_head = (
            f"the layout template {template} needs a <head> element at the top of the page"
            " (after only <!DOCTYPE html> and <html>), for the page's security policy"
        )
        raise GuideError(Problem.about("", needs_head))
    head, rest = html[: start.end()], html[start.end() :]
    if start["charset"] is None:
        head += "\n" + CHARSET_META
        rest = _LATER_CHARSET.sub("", rest, count=1)
    return head + "\n" + CSP_META + rest


def finish_page(
    body: str,
    settings: Settings,
    *,
    for_print: bool,
    title: str,
    language: str,
    inline_css: bool = True,
) -> Page:
    """Put the security policy first in a rendered layout's <head>, and fill its style
    block with the fonts and the theme's CSS.

    The policy matters to browsers (WeasyPrint ignores it), but a printed page gets it too:
    the same HTML may be kept and opened.
    """
    body = with_security_policy(body, f"{settings.layout}.html.j2")
    css = stylesheet(settings, for_print=for_print)
    faces = fonts.print_font_faces() if for_print else fonts.embedded_font_faces(body)
    # The style block is filled after rendering because the embedded font subsets depend
    # on the rendered text; the marker comes early in <head>, before any guide text.
    theme_css = faces + "\n" + css
    html = body.replace("/*CSS*/", theme_css if inline_css else "", 1)
    return Page(html=html, title=title, language=language, css="" if inline_css else theme_css)
