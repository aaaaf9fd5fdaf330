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

For a careers fair, what careers share is printed once: the sources every career cites
(`Shared`) go in one "About the data" section after an at-a-glance table of the careers'
pay, entry education and outlook, and every salary chart is drawn to one scale, so two
careers' pay compares at a glance.

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
from ..guidefile.education import entry_education
from ..guidefile.model import Guide, Source, slugify
from ..settings.model import Settings
from .handout import main_link

LAYOUT = "booklet"
# The contents of a booklet built in parts link to `LINK_SCHEME + anchor`: the careers are
# in other documents until the parts are joined, where these links become internal ones.
LINK_SCHEME = "careerguide-booklet:"


@dataclass(frozen=True)
class Entry:
    """A career as the contents and the at-a-glance table list it: its title, anchor,
    language, the page it starts on, and its figures in words (`glance`)."""

    title: str
    anchor: str
    language: str
    page: int
    pay: str = ""
    education: str = ""
    outlook: str = ""


def glance(guide: Guide) -> dict[str, str]:
    """A career's row of the at-a-glance table: median pay, entry education and outlook,
    in the career's own language ("" where the guide has none)."""
    fmt = formatters(labels(guide.career.language)["locale"])
    pay = guide.salary
    outlook = guide.outlook
    return {
        "pay": fmt["money"](pay.median, pay.currency) if pay else "",
        "education": education_words(entry_education(guide), guide.career.language),
        "outlook": " · ".join(filter(None, [outlook.demand, outlook.growth])) if outlook else "",
    }


def education_words(category: str, language: str) -> str:
    """One of BLS's education categories in `language`'s words (English's are BLS's own)."""
    return labels(language).get("education_categories", {}).get(category, category)


def source_key(source: Source) -> str:
    """What makes two careers' sources the same source: its address (an edition in another
    language may translate the title), else its title."""
    return (source.url or source.title).strip().lower()


@dataclass(frozen=True)
class Shared:
    """What the careers of one booklet share: the sources two or more of them cite (listed
    once, in "About the data", not after each career), the highest pay figure in each
    currency (the top of every salary chart's scale), and the booklet's language (its notes
    pages speak it, whichever career's back they are)."""

    sources: tuple[Source, ...] = ()
    salary_top: tuple[tuple[str, int], ...] = ()
    language: str = "en"

    def keys(self) -> set[str]:
        return {source_key(source) for source in self.sources}


def shared_across(guides: Iterable[Guide]) -> Shared:
    """The sources and pay scale the careers share."""
    counts: Counter[str] = Counter()
    first: dict[str, Source] = {}
    tops: dict[str, int] = {}
    languages = []
    for guide in guides:
        languages.append(guide.career.language)
        counts.update({source_key(source) for source in guide.sources})
        for source in guide.sources:
            first.setdefault(source_key(source), source)
        if guide.salary is not None:
            pay = guide.salary
            highest = max(pay.high, pay.all_jobs_median or 0)
            tops[pay.currency] = max(tops.get(pay.currency, 0), highest)
    sources = tuple(source for key, source in first.items() if counts[key] > 1)
    language = majority_language(languages) if languages else "en"
    return Shared(sources, tuple(sorted(tops.items())), language)


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


def _career(
    guide: Guide, settings: Settings, anchor: str, today: date, shared: Shared
) -> dict[str, Any]:
    context = guide_context(guide, settings, today) | {"id_prefix": f"{anchor}--"}
    # The sources the careers share are listed once in "About the data": the career lists
    # (and numbers its marks for) only its own. Every figure still names its publisher.
    keys = shared.keys()
    own = [source for source in context["sources"] if source_key(source) not in keys]
    context |= {
        "listed_sources": own,
        "numbers": {source.id: number for number, source in enumerate(own, start=1)},
        "shared_ids": [source.id for source in guide.sources if source_key(source) in keys],
        "salary_scale": dict(shared.salary_top),
        "main_link": main_link(guide),
    }
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
    about: Sequence[Source] = (),
    notes_language: str | None = None,
) -> Page:
    words = labels(language)
    context = {
        "about": list(about),
        "notes": labels(notes_language or language)["notes"],
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


def compose_career(
    guide: Guide, settings: Settings, *, anchor: str, today: date, shared: Shared
) -> Page:
    """One career as a part of a booklet: on right-hand pages from its first, without its
    footer, ending on a left-hand page. The theme is left in `Page.css`, for a renderer
    that parses it once for every part."""
    settings = booklet_settings(settings)
    career = _career(guide, settings, anchor, today, shared)
    return _compose(
        settings,
        [career],
        title=guide.career.title,
        language=guide.career.language,
        today=today,
        part="career",
        inline_css=False,
        notes_language=shared.language,
    )


def compose_front(
    careers: Sequence[Entry],
    settings: Settings,
    *,
    title: str | None,
    today: date,
    about: Sequence[Source] = (),
) -> Page:
    """The cover, the contents (each career's page number as given), the careers at a
    glance and "About the data" (the `about` sources), ending on a left-hand page."""
    language = majority_language(career.language for career in careers)
    return _compose(
        booklet_settings(settings),
        [dataclasses.asdict(career) for career in careers],
        title=booklet_title(title, language),
        language=language,
        today=today,
        part="front",
        about=about,
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
    """The whole booklet as one HTML page: cover, contents, the careers at a glance, "About
    the data", then every career."""
    settings = booklet_settings(settings)
    language = majority_language(guide.career.language for _, guide in guides)
    shared = shared_across(guide for _, guide in guides)
    careers = [
        _career(guide, settings, anchor, today, shared) | glance(guide)
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
        about=shared.sources,
    )
