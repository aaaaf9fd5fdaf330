"""Finding a career by the words a person types: "electrician", "nurce", "Técnico".

Titles are compared word by word, case- and accent-free, singular and plural alike
("electrician" is "Electricians"), so a search means what the person meant. A title
nobody matched gets suggestions ranked by how alike its words are to the ones typed
(RapidFuzz), so "nurce" suggests nurses, never "Dancers".
"""

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz

# How alike two words must be (0-100, RapidFuzz's ratio) for a title to be suggested:
# "nurce" and "nurse" score 80; "nurce" and "dancer" 55.
SIMILAR = 70


def plain(text: str) -> str:
    """`text` in lower case without accents: "Técnico" -> "tecnico"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def singular(word: str) -> str:
    """A word's singular by English rule of thumb, enough to compare titles:
    nurses -> nurse, secretaries -> secretary, boxes -> box, class -> class."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> tuple[str, ...]:
    """The words of `text`, plain and singular: "Registered Nurses" -> ("registered", "nurse")."""
    return tuple(singular(word) for word in re.findall(r"[^\W_]+", plain(text)))


def same_words(query: str, title: str) -> bool:
    """True when `title` is `query` up to case, accents, punctuation and plurals."""
    wanted = words(query)
    return bool(wanted) and wanted == words(title)


def has_words(query: str, title: str) -> bool:
    """True when every word typed is a whole word of `title` (up to case, accents and plurals)."""
    wanted, found = words(query), set(words(title))
    return bool(wanted) and all(word in found for word in wanted)


def likeness(query: str, title: str) -> float:
    """How alike the typed words are to a title's words (0-100): each typed word scored
    against the title's closest word, averaged."""
    wanted, found = words(query), words(title)
    if not wanted or not found:
        return 0.0
    scores = [max(fuzz.ratio(word, other) for other in found) for word in wanted]
    return sum(scores) / len(scores)


def suggestions(query: str, titles: Iterable[str], limit: int = 5) -> list[str]:
    """The titles most like `query`, best first; none when nothing is alike."""
    scored = [(likeness(query, title), title) for title in titles]
    close = [item for item in scored if item[0] >= SIMILAR]
    ranked = sorted(close, key=lambda item: (-item[0], len(words(item[1]))))
    return [title for _, title in ranked[:limit]]
