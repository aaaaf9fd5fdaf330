"""Placeholder text: what `new` writes in each field, and how `check` recognises it left over."""

import re

_PLACEHOLDER = re.compile(r"\[[a-z][a-z ]*\]")


def placeholder(name: str, number: int | None = None) -> str:
    """The stand-in text for a field, e.g. `[summary]` or `[tasks 2]`."""
    words = name.replace("_", " ")
    return f"[{words} {number}]" if number else f"[{words}]"


def is_placeholder(text: str) -> bool:
    """True for text that `new` wrote and nobody has replaced yet."""
    return _PLACEHOLDER.fullmatch(re.sub(r" \d+\]$", "]", text)) is not None
