"""Booklets: many careers in one PDF, with a cover, contents and one bookmark per career.

Composed here in the parts `orchestration.booklet` lays out side by side and joins, so that no
process holds the whole booklet's layout: each career on its own (`compose_career`), the
cover and contents with the careers' page numbers given (`compose_front`), and the
footers stamped over the careers' pages once their numbers are known (`compose_numbers`).
Each career is composed from the same `career.html.j2` as the full guide, with its own id
prefix so two careers' sections never share an anchor, in the joined PDF too.

The tagged and archival variants are composed as one HTML document instead
(`compose_booklet`), as every booklet once was: joining the parts' structure trees (and
their PDF/A metadata) is not done, so those booklets are laid out whole, in one process
(`orchestration.booklet.write_whole_booklet`). In one document WeasyPrint numbers the
pages straight through, resolves the contents' page numbers (`target-counter`) and starts
each career on a right-hand page (`break-before: recto`) by itself.

Only pages are made here: reading the guides, laying the parts out and writing the booklet
are `orchestration.booklet`'s.
"""

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..compose.document import finish_page
from ..compose.templating import guide_context, render_template, settings_data
from ..core.labels import formatters, labels
from ..core.page import Page
from ..guidefile.model import Guide, slugify
from ..settings.model import Settings

LAYOUT = "booklet"
# The contents of a booklet built in parts link to `LINK_SCHEME + anchor`: the careers are
# in other documents until the parts are joined, where these links become internal ones.
LINK_SCHEME = "careerguide-booklet:"


@dataclass(frozen=True)
class Entry:
    """A career as the cover and contents list it: its title, anchor, language and the
    page it starts on."""

    title: str
    anchor: str
    language: str
    page: int


def booklet_settings(settings: Settings) -> Settings:
    """The settings every part of a booklet is composed with."""
    return replace(settings, layout=LAYOUT)


def anchors(guide_paths: Iterable[Path]) -> list[str]:
    """Each career's anchor (and id prefix), from its file name, unique in the booklet."""
    seen: Counter[str] = Counter()
    found = []
    for path in guide_paths:
        slug = slugify(path.stem)
        seen[slug] += 1
        found.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return found


def majority_language(languages: Iterable[str]) -> str:
    """The language the cover and contents speak: the one most careers are written in."""
    return Counter(languages).most_common(1)[0][0]


def booklet_title(title: str | None, language: str) -> str:
    """The title given, else the default in the booklet's language."""
    return title or labels(language)["booklet_title"]


def _career(guide: Guide, settings: Settings, anchor: str, today: date) -> dict[str, Any]:
    context = guide_context(guide, settings, today) | {"id_prefix": f"{anchor}--"}
    return {
        "title": guide.career.title,
        "anchor": anchor,
        "language": guide.career.language,
        "body": Markup(render_template(settings, "career.html.j2", context)),
    }


def _compose(
    settings: Settings,
    careers: Sequence[dict[str, Any]],
    *,
    title: str,
    language: str,
    today: date,
    part: str | None,
    inline_css: bool,
) -> Page:
    words = labels(language)
    context = {
        "L": words,
        "fmt": formatters(words["locale"]),
        "title": title,
        "careers": careers,
        "language": language,
        "today": today,
        "part": part,
        "link_scheme": LINK_SCHEME,
        "branding": dataclasses.asdict(settings.branding),
        "settings": settings_data(settings),
    }
    body = render_template(settings, f"{LAYOUT}.html.j2", context)
    return finish_page(
        body, settings, for_print=True, title=title, language=language, inline_css=inline_css
    )


def compose_career(guide: Guide, settings: Settings, *, anchor: str, today: date) -> Page:
    """One career as a part of a booklet: on right-hand pages from its first, without its
    footer, ending on a left-hand page. The theme is left in `Page.css`, for a renderer
    that parses it once for every part."""
    settings = booklet_settings(settings)
    career = _career(guide, settings, anchor, today)
    return _compose(
        settings,
        [career],
        title=guide.career.title,
        language=guide.career.language,
        today=today,
        part="career",
        inline_css=False,
    )


def compose_front(
    careers: Sequence[Entry], settings: Settings, *, title: str | None, today: date
) -> Page:
    """The cover and the contents, with each career's page number as given, ending on a
    left-hand page."""
    language = majority_language(career.language for career in careers)
    return _compose(
        booklet_settings(settings),
        [dataclasses.asdict(career) for career in careers],
        title=booklet_title(title, language),
        language=language,
        today=today,
        part="front",
        # The theme inline, as in one document: its rules for the cover and the blank backs
        # then outrank the template's footer rule, which a user stylesheet's would not.
        inline_css=True,
    )


def compose_numbers(settings: Settings, numbers: range, *, title: str, language: str) -> Page:
    """A transparent page per number in `numbers` (the first a right-hand page), empty but
    for the booklet's footer: its title and that page number."""
    settings = booklet_settings(settings)
    context = {
        "title": title,
        "numbers": list(numbers),
        "language": language,
        "settings": settings_data(settings),
    }
    body = render_template(settings, f"{LAYOUT}-numbers.html.j2", context)
    return finish_page(
        body, settings, for_print=True, title=title, language=language, inline_css=False
    )


def compose_booklet(
    guides: list[tuple[Path, Guide]], settings: Settings, *, title: str | None, today: date
) -> Page:
    """The whole booklet as one HTML page: cover, contents, then every career."""
    settings = booklet_settings(settings)
    language = majority_language(guide.career.language for _, guide in guides)
    careers = [
        _career(guide, settings, anchor, today)
        for (_, guide), anchor in zip(guides, anchors(path for path, _ in guides), strict=True)
    ]
    return _compose(
        settings,
        careers,
        title=booklet_title(title, language),
        language=language,
        today=today,
        part=None,
        inline_css=True,
    )
