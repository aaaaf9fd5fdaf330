"""Occupation titles as people say them, and short file names.

O*NET titles are written for sorting: "Cooks, Restaurant", "Helpers--Electricians",
"Engineers, All Other". The rules below only turn a title around when its shape is
unambiguous; any other title is kept as O*NET writes it.
"""

import re

from ...guidefile.model import slugify

ALL_OTHER = ", All Other"
LONGEST_STEM = 48  # characters of a file name before `.yaml`, cut at a word


def plain_title(title: str) -> str:
    """ "Cooks, Restaurant" -> "Restaurant Cooks"; "Helpers--Electricians" -> "Electrician
    Helpers"; "Engineers, All Other" -> "Other Engineers"."""
    if title.endswith(ALL_OTHER):
        return f"Other {plain_title(title[: -len(ALL_OTHER)])}"
    if title.startswith("Helpers--"):
        helped = title.removeprefix("Helpers--")
        if "," in helped or " and " in helped:
            return f"Helpers for {helped}"
        words = helped.split()
        words[-1] = words[-1].removesuffix("s")
        return f"{' '.join(words)} Helpers"
    if title.count(",") == 1:
        noun, qualifier = (part.strip() for part in title.split(","))
        if _is_qualifier(qualifier):
            if qualifier[:1].islower():  # BLS's sentence case: "Teachers, kindergarten"
                qualifier, noun = qualifier[:1].upper() + qualifier[1:], noun[:1].lower() + noun[1:]
            return f"{qualifier} {noun}"
    return title


def _is_qualifier(words: str) -> bool:
    """A short word group that reads in front of the noun: "Restaurant", "Oil and Gas" is
    not (its last word could be a plural noun of a list: "Investigators and Analysts")."""
    if re.match(r"(Except|Including|and|or)\b", words) or len(words.split()) > 4:
        return False
    last = words.split()[-1]
    listed = " and " in words and last.endswith("s")
    return not listed and not last.endswith("ists")


def file_stem(title: str) -> str:
    """A short file name for a title: no broken apostrophes ("sheriffs", not "sheriff-s"),
    at most LONGEST_STEM characters, cut between words."""
    slug = slugify(re.sub(r"['\u2019]", "", title))
    if len(slug) <= LONGEST_STEM:
        return slug
    return slug[: LONGEST_STEM + 1].rsplit("-", 1)[0]
