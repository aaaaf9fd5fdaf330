"""The one-sheet handout: a career's essentials on two pages at most, never a third.

A guide can hold far more than a sheet carries, so the handout is laid out and its pages
counted. When it runs past two pages, the sheet is laid out with only what is never left
out (title, summary, QR code, pay), then each section is put back, the most wanted first
(`DROP_ORDER` read backwards), and kept when the sheet still fits: a short section further
down the list is kept where a long one before it did not fit, and a section the guide
lacks costs no layout. A second side holding only a few stray lines is no use to anyone:
the sheet is then made one side if leaving out one more section does it. If what is never
left out overflows alone, the text past page two is cut.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import Problem
from ..guidefile.model import Guide, Link
from ..settings.model import Settings
from .base import Laid, Layout, fetcher_for

if TYPE_CHECKING:
    from ..render.fetcher import SandboxedFetcher
    from ..render.pages import LaidOut

MAX_PAGES = 2

# "What they do" on the sheet: the first tasks, the most important in an imported guide
# (O*NET orders them so); the full guide behind the QR code lists them all. Where five do
# not fit, the first three are tried before "What they do" is left out.
MAX_TASKS = 5
FEW_TASKS = 3

# Parts of a section the sheet can do without and keep the section, each with its section:
# the snapshot's box of quick facts, and its tasks past the first `FEW_TASKS`.
PARTS = {"facts": "snapshot", "more_tasks": "snapshot"}
# Sections of the handout in print order, each with the test for having something to print.
# The keys not in `PARTS` are the sections' templates.
SECTIONS: dict[str, Callable[[Guide], bool]] = {
    "facts": lambda guide: guide.snapshot is not None,
    "more_tasks": lambda guide: len(guide.career.tasks) > FEW_TASKS,
    "snapshot": lambda guide: bool(guide.snapshot or guide.career.tasks),
    "salary": lambda guide: guide.salary is not None,
    "skills": lambda guide: bool(guide.skills and guide.skills.items),
    "pathway": lambda guide: bool(guide.pathway),
    "tradeoffs": lambda guide: bool(
        guide.tradeoffs and (guide.tradeoffs.pros or guide.tradeoffs.cons)
    ),
    "fit": lambda guide: bool(guide.fit and (guide.fit.good_fit or guide.fit.maybe_not)),
    "action_plan": lambda guide: bool(
        guide.action_plan
        and (
            guide.action_plan.high_school
            or guide.action_plan.college
            or guide.action_plan.first_job
        )
    ),
}

# Left out first to last when the sheet would spill. The fit checklist and the pros and
# cons are the longest lists and the easiest to read in the full guide; what the job is
# (the snapshot's "What they do", its first three tasks longest) and the first steps are
# what a student asks about at a career fair, so they stay longest. The pay is never left out.
DROP_ORDER = (
    "fit",
    "tradeoffs",
    "skills",
    "pathway",
    "facts",
    "action_plan",
    "more_tasks",
    "snapshot",
)

# Fewer lines than this on the second side, and the sheet is tried as one side.
MIN_LINES = 5


@dataclass
class FittedHandout:
    """A handout laid out within two pages, and what it took to get there."""

    document: "LaidOut"
    left_out: list[str] = field(default_factory=list)
    cut: bool = False  # text past page two was cut: nothing was left to leave out
    one_side: bool = False  # the last section left out made a few stray lines fit one side

    def spill(self) -> str | None:
        """What the handout left out to fit, in words, or None when all of it fit."""
        if not self.left_out and not self.cut:
            return None
        if self.one_side:
            *before, last = self.left_out
            fitted = f"; left out {', '.join(before)}" if before else ""
            return (
                f"the handout is longer than one page by a few lines{fitted}; left out {last}"
                " to print it on one side"
            )
        parts = []
        if self.left_out:
            parts.append(f"left out {', '.join(self.left_out)}")
        if self.cut:
            parts.append("cut the text that runs past page 2")
        return f"the handout is longer than {MAX_PAGES} pages; {' and '.join(parts)}"


def main_link(guide: Guide) -> Link | None:
    """The link the QR code leads to: the first of `links`, else the first source with a URL."""
    if guide.links:
        return guide.links[0]
    source = next((source for source in guide.sources if source.url), None)
    return Link(label=source.title, url=source.url) if source and source.url else None


def handout_variables(guide: Guide, left_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """Template variables of the handout layout: the sections to print and the QR link."""
    show_facts = SECTIONS["facts"](guide) and "facts" not in left_out
    sections = [
        key
        for key, present in SECTIONS.items()
        if key not in PARTS and present(guide) and key not in left_out
    ]
    if "snapshot" in sections and not (show_facts or guide.career.tasks):
        sections.remove("snapshot")
    return {
        "sections": sections,
        "main_link": main_link(guide),
        "show_facts": show_facts,
        "max_tasks": FEW_TASKS if "more_tasks" in left_out else MAX_TASKS,
    }


class HandoutLayout(Layout):
    """The one sheet: sections left out in `DROP_ORDER` until it fits two pages."""

    name = "handout"

    def variables(self, guide: Guide) -> dict[str, Any]:
        return handout_variables(guide)

    def lay_out(
        self,
        guide: Guide,
        guide_path: Path,
        fetcher: "SandboxedFetcher",
        variables: Mapping[str, Any] | None = None,
    ) -> Laid:
        """The handout's pages, with a warning naming what was left out to fit."""
        fitted = self.fit(guide, guide_path, fetcher, variables)
        message = fitted.spill()
        warnings = [Problem.about(guide_path, message, "warning")] if message else []
        return Laid(fitted.document, warnings)

    def fit(
        self,
        guide: Guide,
        guide_path: Path,
        fetcher: "SandboxedFetcher",
        variables: Mapping[str, Any] | None = None,
    ) -> FittedHandout:
        """Lay out the handout, leaving out sections in `DROP_ORDER` until it fits two pages.

        `variables` add to the handout's own (a student's name and note on their copy).
        """

        def layout(left_out: list[str]) -> "LaidOut":
            page = self.compose(
                guide,
                for_print=True,
                inline_css=False,
                variables={**handout_variables(guide, tuple(left_out)), **(variables or {})},
            )
            return self.render(page, guide_path, fetcher)

        droppable = [key for key in DROP_ORDER if SECTIONS[key](guide)]
        left_out: list[str] = []
        document = layout(left_out)
        if len(document) > MAX_PAGES and droppable:
            left_out = droppable
            document = layout(left_out)
            if len(document) > MAX_PAGES:
                return FittedHandout(document.head(MAX_PAGES), left_out, cut=True)
            for key in reversed(droppable):
                trial = [other for other in left_out if other != key]
                if not _changes_the_sheet(key, trial):
                    left_out = trial
                    continue
                tried = layout(trial)
                if len(tried) <= MAX_PAGES:
                    left_out, document = trial, tried
        if len(document) > MAX_PAGES:
            return FittedHandout(document.head(MAX_PAGES), left_out, cut=True)
        if len(document) == MAX_PAGES and document.printed_lines(MAX_PAGES) < MIN_LINES:
            for key in (
                key
                for key in droppable
                if key not in left_out and _changes_the_sheet(key, left_out)
            ):
                tried = layout([*left_out, key])
                if len(tried) == 1:
                    return FittedHandout(tried, [*left_out, key], one_side=True)
        return FittedHandout(document, left_out)


def _changes_the_sheet(key: str, left_out: list[str]) -> bool:
    """False for a part (`PARTS`) of a section left out: putting it back or leaving it out
    gives the same sheet, so it is not laid out."""
    return PARTS.get(key) not in left_out


def handout_spill(guide: Guide, guide_path: Path, settings: Settings) -> str | None:
    """For `careerguide check`: what a handout build of this guide would leave out, or None.

    Lays the handout out as the build does (with the same fetcher rules), so what `check`
    says and what `build --layout handout` does cannot disagree.
    """
    layout = _handout_layout(settings)
    return layout.fit(guide, guide_path, fetcher_for([guide_path], layout.settings)).spill()


@cache
def _handout_layout(settings: Settings) -> HandoutLayout:
    """One handout layout per settings in a process, so that `check` parses the theme once
    for all the guides it checks, as a build does."""
    return HandoutLayout(settings)
