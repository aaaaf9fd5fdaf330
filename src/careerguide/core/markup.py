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
def _parser(keep_every_link: bool = False):
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["emphasis", "link", "list", "newline", "escape", "backticks"])
    parser.validateLink = (lambda _url: True) if keep_every_link else is_safe_url
    return parser


def link_targets(text: str) -> list[str]:
    """Every Markdown link target in `text`, safe or not (for `check` to name the unsafe)."""
    return [
        child.attrGet("href")
        for token in _parser(keep_every_link=True).parse(text)
        for child in token.children or []
        if child.type == "link_open"
    ]


def inline(text: str | None) -> Markup:
    """Markdown text rendered inline (no paragraph), HTML-escaped."""
    return Markup(_parser().renderInline(text or "").strip())


def block(text: str | None) -> Markup:
    """Markdown text rendered as paragraphs and lists, HTML-escaped."""
    return Markup(_parser().render(text or "").strip())
