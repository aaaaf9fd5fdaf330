"""Check guides without rendering: validation errors, then warnings about what would print poorly.

A warning is something that builds but a reader would trip over: figures with no source,
a source nobody cites, a link that prints as plain text, text too long for its place on
the page, placeholder text left from `careerguide new`. Each is reported at the YAML key
it is about, found with the loader's own node lookup.
"""

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..core import markup
from ..core.errors import GuideError, OverBudget, Problem
from ..core.load import Loc, dotted, load_guide_with_nodes, node_at, problem_at
from ..core.model import Guide
from ..core.placeholders import example_figures, is_placeholder
from ..core.settings import Settings

# Characters a text can hold before it strains its place in the layout: roughly twice the
# longest such text in the bundled guides, so a warning means "far too long", not "long".
PARAGRAPH_LIMIT = 1200
ITEM_LIMIT = 200  # list items, table cells, short facts: every text not named below
TEXT_LIMITS: dict[str, int] = {
    "career.title": 80,  # the page-1 title, two lines at most
    "career.summary": 600,  # the page-1 summary under the title
    "why_it_matters": PARAGRAPH_LIMIT,
    "day.intro": PARAGRAPH_LIMIT,
    "outlook.text": PARAGRAPH_LIMIT,
    "faq[].a": PARAGRAPH_LIMIT,
    "skills.note": 800,  # small print under a chart
    "salary.note": 800,
    "quotes[].text": 300,
    "tradeoffs.myths[].reality": 300,
    "skills.items[].name": 80,  # the label column beside a bar
    "pathway[].stage": 40,  # one step of the horizontal timeline
    "seniority[].level": 40,
    "sources[].url": 400,  # printed in full, wrapping over lines
    "links[].url": 400,
    "sources[].credit": 600,  # a licence's credit line, word for word
}
# Sections only a person can write; a guide drafted from data (`career.data_releases`)
# gets one "to write" line listing those it lacks.
PERSON_SECTIONS = ("why_it_matters", "day", "fit", "tradeoffs", "quotes")

Finding = tuple[Loc, str]  # where in the guide, and what is wrong there


@dataclass
class Report:
    """Everything `check` found in a set of guides."""

    checked: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check_guides(paths: list[Path], handout_settings: Settings | None = None) -> Report:
    """Validate and lint each guide; a guide with errors gets no warnings (it has no model).

    With `handout_settings`, each valid guide's one-sheet handout is also laid out (about a
    second each) to warn when it would leave sections out to fit two pages, in a worker
    process held to the guide budget of those settings.
    """
    report = Report()
    with _spill_worker(handout_settings) as spill:
        for path in paths:
            _check_one(path, report, spill)
    return report


def _spill_worker(settings: Settings | None) -> Any:
    """A context giving the handout pass run in a budgeted worker (None without settings)."""
    if settings is None:
        return nullcontext(None)
    from ..orchestration.batch import budget
    from ..orchestration.workers import budgeted
    from ..render import pdf  # noqa: F401  (imported once here, inherited by the worker)

    return budgeted(budget(settings), functools.partial(_spill, settings))


def _spill(settings: Settings, task: tuple[Guide, Path]) -> str | None:
    """What a handout build of the guide would leave out (in the worker)."""
    from ..layouts.handout import handout_spill

    guide, path = task
    return handout_spill(guide, path, settings)


def _check_one(path: Path, report: Report, spill: Callable[[Any], Any] | None) -> None:
    """Validate and lint one guide into `report`."""
    report.checked += 1
    try:
        guide, data, root = load_guide_with_nodes(path)
    except GuideError as error:
        report.errors += [
            replace(problem, level="error")
            if isinstance(problem, Problem)
            else Problem(path, str(problem), level="error")
            for problem in error.problems
        ]
        return
    try:
        found = lint_guide(path, guide, data, root)
        if spill is not None:
            # The handout layout's own verdict, so `check` and `build --layout handout` agree.
            message = spill((guide, path))
            found += [problem_at(path, root, message, level="warning")] if message else []
    except GuideError as error:  # a project's template or style that breaks the handout
        report.errors += [replace(problem, level="error") for problem in error.problems]
        return
    except OverBudget as error:
        report.errors.append(Problem.about(path, f"stopped: {error}", "error"))
        return
    except Exception as error:  # a bug, or a renderer failure: this guide, not the rest
        failed = f"failed to check: {type(error).__name__}: {error}"
        report.errors.append(Problem.about(path, failed, "error"))
        return
    report.warnings += sorted(found, key=lambda problem: (problem.line, problem.col))


def lint_guide(path: Path, guide: Guide, data: dict[str, Any], root: yaml.Node) -> list[Problem]:
    """Warnings for one valid guide, in file order."""
    warnings = []
    for rule in RULES:
        for loc, message in rule(guide, data):
            _, key_node = node_at(root, loc)
            warnings.append(problem_at(path, key_node, message, dotted(loc), level="warning"))
    return sorted(warnings, key=lambda problem: (problem.line, problem.col))


def _no_updated_date(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    if guide.career.updated is None:
        yield (
            ("career", "updated"),
            "no `updated` date; the footer shows the build date instead of when facts were checked",
        )


def _uncited_figures(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    """Sections that print figures (ratings, pay, growth, shares) should say where they come
    from. Each education route cites the source of its own share."""
    figures = {
        "skills": guide.skills is not None and bool(guide.skills.items),
        "salary": guide.salary is not None,
        "outlook": guide.outlook is not None and bool(guide.outlook.demand or guide.outlook.growth),
    }
    cited = {section for section, _ in guide.citations()}
    for section, has_figures in figures.items():
        if has_figures and section not in cited:
            yield (section,), "prints figures with no `cite`; add the ids of their sources"
    uncited = [
        i for i, route in enumerate(guide.education) if route.share is not None and not route.cite
    ]
    if uncited:  # one line at the first, as the routes are usually cited alike
        count = f"{len(uncited)} of {len(guide.education)} routes"
        message = f"prints a share with no `cite` ({count}); add the ids of their sources"
        yield ("education", uncited[0]), message


def _unused_sources(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    cited = {source_id for _, ids in guide.citations() for source_id in ids}
    for index, source in enumerate(guide.sources):
        if source.id not in cited:
            yield (
                ("sources", index, "id"),
                f"source {source.id!r} is never cited; cite it in a section or remove it",
            )


def _links_not_web(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    for loc, text in _texts(data):
        for target in markup.link_targets(text):
            if not markup.is_safe_url(target):
                yield (
                    loc,
                    f"link to {target!r} is not http(s) or mailto, so it prints as plain text",
                )


def _too_long(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    for loc, text in _texts(data):
        limit = TEXT_LIMITS.get(re.sub(r"\[\d+\]", "[]", dotted(loc)), ITEM_LIMIT)
        if len(text) > limit:
            yield (
                loc,
                f"is {len(text):,} characters; the layout holds about {limit:,}; shorten it",
            )


def _to_write(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    """One line per drafted guide naming the sections a person still has to write."""
    if guide.career.data_releases:
        absent = [name for name in PERSON_SECTIONS if not data.get(name)]
        if absent:
            yield (
                ("career", "data_releases"),
                f"to write: {', '.join(absent)} (drafted from data; these need a person)",
            )


def _placeholders(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    """One line for all the placeholders left, at the first: a fresh skeleton has dozens."""
    left = [loc for loc, text in _texts(data) if is_placeholder(text)]
    if len(left) == 1:
        yield left[0], "placeholder text from `careerguide new`; replace or delete it"
    elif left:
        message = f"placeholder text from `careerguide new`, here and in {len(left) - 1} more"
        yield left[0], f"{message} places; replace or delete each"


def _example_figures(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    yield from example_figures(guide)


def _texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text in the guide's plain values, with its location."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))


RULES: tuple[Callable[[Guide, dict[str, Any]], Iterator[Finding]], ...] = (
    _no_updated_date,
    _uncited_figures,
    _unused_sources,
    _links_not_web,
    _too_long,
    _placeholders,
    _example_figures,
    _to_write,
)
