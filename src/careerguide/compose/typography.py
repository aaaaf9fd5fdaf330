"""Typographic punctuation, set once over a whole rendered page: curly apostrophes and
quotes, and en dashes in number ranges.

Guides are typed on keyboards (`Master's`, `"hands-on"`, `1-2 summers`, `$118k-$191k`),
while the templates print curly quotes of their own: set straight, the two sit side by side
on one page. Setting the punctuation in each template or filter would miss text (labels,
the generated FAQ, a project's own template), so `typeset` runs over the finished HTML
and changes only the text between tags: never a tag or its attributes (URLs, ids, alt
text), never a <style>, <script>, <code> or <pre>, and never a word that is an address.
Each change swaps one character for one, so what a guide says is kept to the letter.
"""

import re

from markupsafe import Markup, escape

# What `typeset` leaves alone: comments, whole elements whose text is code or an address
# (class "url", as `url_text` prints it), and every tag, read as an HTML parser reads it (a
# quoted attribute value may hold a ">"; a template may come from a stranger).
_TAG = r"""<(?:[^>"']|"[^"]*"|'[^']*')*>"""
_SKIPPED = re.compile(
    r"<!--.*?-->|<(style|script|code|pre|kbd|samp|textarea)\b.*?</\1\s*>"
    rf"|<(a|span)\b[^>]*\bclass=\"url\"[^>]*>.*?</\2\s*>|{_TAG}",
    re.DOTALL | re.IGNORECASE,
)
# A word that is an address: its quotes and hyphens belong to it.
_ADDRESS = re.compile(r"\S*(?:://|www\.|mailto:|@)\S*", re.IGNORECASE)
# A range of numbers ("1-2", "$118k-$191k", "40-50", "2024-34"), but not an occupation code
# ("15-2051", "29-1141.00") or a date ("2026-11-01"), whose hyphens are part of the code.
_RANGE = re.compile(
    r"(?<![\w.-])(?!\d{2}-\d{4}\b)(?!\d{4}-\d{2}-\d{2}\b)"
    r"([$€£]?\d[\d,.]*[kKmM%]?)-(?=[$€£]?\d[\d,.]*[kKmM%]?(?![\w-]))"
)
# A hyphen standing alone between words is a dash: "Python - the language" gets an en dash.
_SPACED_HYPHEN = re.compile(r"(?<= )-(?= )")
_OPENING_AFTER = " \t\n\u00a0([{\u2014\u2013-/¿¡\u201c\u2018"


def _quotes(text: str, before: str) -> str:
    """Straight quotes and apostrophes made curly, reading `before` as the text just
    before (the end of the previous text between tags)."""
    out = []
    previous = before
    for char in text:
        if char == '"':
            char = "\u201c" if previous in _OPENING_AFTER or previous == "" else "\u201d"
        elif char == "'":
            char = "\u2018" if previous in _OPENING_AFTER or previous == "" else "\u2019"
        out.append(char)
        previous = char
    return "".join(out)


def _typeset_text(text: str, before: str) -> str:
    """Plain text (no tags) set with typographic punctuation, addresses left alone."""
    parts = []
    last = 0
    for address in _ADDRESS.finditer(text):
        parts.append(_plain(text[last : address.start()], before))
        parts.append(address.group())
        before = address.group()[-1:]
        last = address.end()
    parts.append(_plain(text[last:], before))
    return "".join(parts)


def _plain(text: str, before: str) -> str:
    if not text:
        return text
    text = _RANGE.sub("\\1\u2013", text)
    text = _SPACED_HYPHEN.sub("\u2013", text)
    return _quotes(text, before[-1:] if before else "")


def typeset(html: str) -> str:
    """`html` with typographic punctuation in its text, tags and code untouched."""
    parts = []
    last = 0
    before = ""
    for skipped in _SKIPPED.finditer(html):
        text = _unescape_quotes(html[last : skipped.start()])
        parts.append(_typeset_text(text, before))
        before = text[-1:] if text else before
        parts.append(skipped.group())
        last = skipped.end()
    parts.append(_typeset_text(_unescape_quotes(html[last:]), before))
    return "".join(parts)


def _unescape_quotes(text: str) -> str:
    """Text with the quotes that autoescaping wrote as entities back as characters: between
    tags a quote needs no escaping, and only the characters can be made curly."""
    return text.replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')


# Where a printed address may break: after its scheme, and after each slash, dot, question
# mark, ampersand or equals sign of the rest.
_URL_BREAK = re.compile(r"(?<=[/.?&=])(?!/)")


def url_text(url: str) -> Markup:
    """An address to print, breakable only between its parts: never inside its scheme
    ("htt / ps://") and never inside a word of its path."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        scheme, rest = "", url
    head = f"{escape(scheme)}://<wbr>" if separator else ""
    return Markup(head + "<wbr>".join(escape(part) for part in _URL_BREAK.split(rest)))
