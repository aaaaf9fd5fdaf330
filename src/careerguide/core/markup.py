"""The small Markdown subset allowed in guide text: bold, italics, links and lists.

Guides can come from anyone, so raw HTML is off (it is shown as text) and links keep
only http, https and mailto; anything else (javascript:, file:, data:) stays plain text.
"""

from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_url(url: str) -> bool:
    """True for the link schemes a printed handout may carry."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


@cache
def _parser(keep_every_link: bool = False) -> "MarkdownIt":
    from markdown_it import MarkdownIt

    class Parser(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return keep_every_link or is_safe_url(url)

    parser = Parser("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["emphasis", "link", "list", "newline", "escape", "backticks"])
    return parser


def link_targets(text: str) -> list[str]:
    """Every Markdown link target in `text`, safe or not (for `check` to name the unsafe)."""
    return [
        href
        for token in _parser(keep_every_link=True).parse(text)
        for child in token.children or []
        if child.type == "link_open" and isinstance(href := child.attrGet("href"), str)
    ]


def inline(text: str | None) -> Markup:
    """Markdown text rendered inline (no paragraph), HTML-escaped."""
    return Markup(_parser().renderInline(text or "").strip())


def block(text: str | None) -> Markup:
    """Markdown text rendered as paragraphs and lists, HTML-escaped."""
    return Markup(_parser().render(text or "").strip())
