"""A composed page: the hand-off between compose (which writes it) and render (which prints it)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A composed document and what the renderer needs to know about it."""

    html: str
    title: str
    language: str
    # The theme's CSS when the caller asked to keep it out of `html`: a batch renderer parses
    # it once and applies it to every guide (as a user stylesheet, below the page's own).
    css: str = ""
