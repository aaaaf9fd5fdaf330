"""Booklets: many careers in one PDF, with a cover, contents and one bookmark per career.

The booklet is one HTML document, so WeasyPrint numbers pages straight through, resolves
the contents' page numbers (`target-counter`) and starts each career on a right-hand
page (`break-before: recto`). Each career is composed from the same `career.html.j2` as
the full guide, with its own id prefix so two careers' sections never share an anchor.
A guide that fails to load is reported and left out; the others still make the booklet.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from markupsafe import Markup

from ..compose.document import finish_page
from ..compose.templating import guide_context, render_template
from ..core.errors import GuideError, Problem
from ..core.labels import formatters, labels
from ..core.load import load_guide
from ..core.model import Guide, slugify
from ..core.page import Page
from ..core.settings import Settings
from ..render.write import write_atomic
from .base import Outcome, captured, fetcher_for, refusals

LAYOUT = "booklet"


@dataclass
class BookletOutcome:
    """What the booklet holds and which guides were left out."""

    target: Path
    careers: list[str] = field(default_factory=list)
    failures: list[Outcome] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    written: bool = False


def load_guides(guide_paths: list[Path], outcome: BookletOutcome) -> list[tuple[Path, Guide]]:
    """The guides that load; each one that does not is recorded as a failure."""
    loaded = []
    for path in guide_paths:
        try:
            loaded.append((path, load_guide(path)))
        except GuideError as error:
            outcome.failures.append(Outcome(path, error=str(error)))
    return loaded


def compose_booklet(
    guides: list[tuple[Path, Guide]], settings: Settings, *, title: str | None, today: date
) -> Page:
    """The whole booklet as one HTML page: cover, contents, then every career."""
    settings = replace(settings, layout=LAYOUT)
    # The cover and contents speak the language most of the careers are written in.
    language = Counter(guide.career.language for _, guide in guides).most_common(1)[0][0]
    words = labels(language)
    seen: Counter[str] = Counter()
    careers = []
    for path, guide in guides:
        slug = slugify(path.stem)
        seen[slug] += 1
        anchor = slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"
        context = guide_context(guide, settings, today) | {"id_prefix": f"{anchor}--"}
        careers.append(
            {
                "title": guide.career.title,
                "anchor": anchor,
                "language": guide.career.language,
                "body": Markup(render_template(settings, "career.html.j2", context)),
            }
        )
    booklet_title = title or words["booklet_title"]
    context = guide_context(guides[0][1], settings, today) | {
        "L": words,
        "fmt": formatters(words["locale"]),
        "title": booklet_title,
        "careers": careers,
        "language": language,
        "today": today,
    }
    body = render_template(settings, f"{LAYOUT}.html.j2", context)
    return finish_page(body, settings, for_print=True, title=booklet_title, language=language)


def build_booklet(
    guide_paths: list[Path],
    target: Path,
    settings: Settings,
    *,
    title: str | None = None,
    allow_network: bool = False,
    today: date | None = None,
) -> BookletOutcome:
    """Write the booklet of every guide that loads to `target`; failures land in the outcome."""
    from ..render.pdf import lay_out, write_pdf

    outcome = BookletOutcome(target)
    guides = load_guides(guide_paths, outcome)
    if not guides:
        return outcome
    fetcher = fetcher_for([path for path, _ in guides], settings, allow_network)
    written = Outcome(target)
    with captured(written, target):
        page = compose_booklet(guides, settings, title=title, today=today or date.today())
        document = lay_out(
            page, base_dir=guides[0][0].parent, fetcher=fetcher, variant=settings.pdf_variant
        )
        write_atomic(target, write_pdf(document, settings.pdf_variant))
        outcome.careers = [guide.career.title for _, guide in guides]
        outcome.warnings = refusals(target, fetcher)
        outcome.pages = len(document.pages)
        outcome.written = True
    if written.error:
        outcome.failures.append(written)
    return outcome
