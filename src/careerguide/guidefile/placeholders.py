"""What `careerguide new` writes in a skeleton, and how it is recognised when left unedited.

Text fields get `[field]` placeholders; figures get example values that pass the rules
(pay in order, a share, a score). A figure left as it was would print as a fact, so
`check` flags both and a build warns about the figures.
"""

import re
from typing import Any

from .messages import Loc
from .model import Guide

EXAMPLE_SOURCE = "s1"
EXAMPLE_URL = "https://example.org"
EXAMPLE_SCORE = 50
EXAMPLE_SHARE = 50
EXAMPLE_PAY = (40000, 50000, 60000)  # low, median, high

# Values that carry a rule a generic placeholder would break: figures in order, a valid
# clock time, a URL, and the one example source that every `cite` list names.
EXAMPLES: dict[str, Any] = {
    "Slot.time": "09:00",
    "Skill.score": EXAMPLE_SCORE,
    "Route.share": EXAMPLE_SHARE,
    "Salary.low": EXAMPLE_PAY[0],
    "Salary.median": EXAMPLE_PAY[1],
    "Salary.high": EXAMPLE_PAY[2],
    "Source.id": EXAMPLE_SOURCE,
    "Source.url": EXAMPLE_URL,
    "Link.url": EXAMPLE_URL,
}

_PLACEHOLDER = re.compile(r"\[[a-z][a-z ]*\]")


def placeholder(name: str, number: int | None = None) -> str:
    """The stand-in text for a field, e.g. `[summary]` or `[tasks 2]`."""
    words = name.replace("_", " ")
    return f"[{words} {number}]" if number else f"[{words}]"


def is_placeholder(text: str) -> bool:
    """True for text that `new` wrote and nobody has replaced yet."""
    return _PLACEHOLDER.fullmatch(re.sub(r" \d+\]$", "]", text)) is not None


def example_figures(guide: Guide) -> list[tuple[Loc, str]]:
    """Figures still holding `new`'s examples: the pay triple, or every score or share at
    the example value (one real figure of 50 is plausible; all of them are not)."""
    found: list[tuple[Loc, str]] = []
    said = "the example figures from `careerguide new`; replace them with real ones"
    pay = guide.salary
    if pay is not None and (pay.low, pay.median, pay.high) == EXAMPLE_PAY:
        found.append((("salary",), f"{said}"))
    skills = guide.skills.items if guide.skills else []
    if skills and all(skill.score == EXAMPLE_SCORE for skill in skills):
        found.append((("skills",), f"every score is {EXAMPLE_SCORE}, {said}"))
    shares = [route.share for route in guide.education]
    if shares and all(share == EXAMPLE_SHARE for share in shares):
        found.append((("education",), f"every share is {EXAMPLE_SHARE}, {said}"))
    return found
