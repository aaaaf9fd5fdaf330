"""The small Markdown subset allowed in guide text: bold, italics, links and lists.

Guides can come from anyone, so raw HTML is off (it is shown as text) and links keep
only http, https and mailto; anything else (javascript:, file:, data:) stays plain text.
"""

from functools import cache

from markupsafe import Markup

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_url(url: str) -> bool:
    """True for the link schemes a printed handout may carry."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


@cache
def _parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["emphasis", "link", "list", "newline", "escape", "backticks"])
    parser.validateLink = is_safe_url
    return parser


def inline(text: str | None) -> Markup:
    """Markdown text rendered inline (no paragraph), HTML-escaped."""
    return Markup(_parser().renderInline(text or "").strip())


def block(text: str | None) -> Markup:
    """Markdown text rendered as paragraphs and lists, HTML-escaped."""
    return Markup(_parser().render(text or "").strip())
