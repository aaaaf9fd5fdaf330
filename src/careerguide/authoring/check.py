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
from pydantic import BaseModel

from ..core import markup
from ..core.errors import GuideError, OverBudget, Problem
from ..guidefile.load import Loc, dotted, load_guide_with_nodes, node_at, problem_at
from ..guidefile.model import Guide, inner_model
from ..guidefile.placeholders import example_figures, is_placeholder
from ..settings.model import Settings

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
    "sources[].note": 800,  # method notes, small print in the source list
}
# Sections only a person can write; a guide drafted from data (`career.data_releases`)
# gets one "to write" line listing those it lacks. `import` drafts pros and cons from
# data, so the myths (`tradeoffs.myths`) are listed on their own.
PERSON_SECTIONS = ("why_it_matters", "day", "fit", "tradeoffs", "myths", "quotes")

Finding = tuple[Loc, str]  # where in the guide, and what is wrong there
END: Loc = ("<end>",)  # a finding about something to add: placed after the file's last line


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
        report.errors += [replace(problem, level="error") for problem in error.problems]
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
            if loc == END:
                line = root.end_mark.line + (1 if root.end_mark.column else 0)
                warnings.append(Problem(path, message, line=line + 1, level="warning"))
                continue
            _, key_node = node_at(root, loc)
            warnings.append(problem_at(path, key_node, message, dotted(loc), level="warning"))
    warnings += _yaml_in_text(path, root)
    return sorted(warnings, key=lambda problem: (problem.line, problem.col))


# A line inside a text that YAML would have read as a guide's key, or a list item of
# mappings, had it been indented like its neighbours: `schedule:`, `- {time: ...}`.
_YAML_LINE = re.compile(r"\s*(?:-\s+)?(?:\{\s*)?([a-z_]+):(?:\s|$)")


def _yaml_in_text(path: Path, root: yaml.Node) -> list[Problem]:
    """Warnings for texts that swallowed YAML: a key indented too far under `intro: >-`
    becomes part of the text and prints as "schedule: - {time: ...}", silently."""
    keys = _guide_keys(Guide)
    found = []
    for node in _scalars(root):
        mark = node.start_mark
        if mark.buffer is None or mark.line == node.end_mark.line:
            continue
        source = mark.buffer[mark.index : node.end_mark.index].splitlines()
        for offset, line in enumerate(source[1:], start=1):
            match = _YAML_LINE.match(line)
            if match and match[1] in keys:
                column = len(line) - len(line.lstrip())
                message = (
                    f"`{line.strip()[:40]}` looks like YAML but is read as part of the text "
                    f"that starts on line {mark.line + 1}; if it is a key, indent it like "
                    "the key it belongs beside"
                )
                found.append(
                    Problem(path, message, mark.line + offset + 1, column + 1, level="warning")
                )
                break
    return found


def _scalars(node: yaml.Node, seen: set[int] | None = None) -> Iterator[yaml.ScalarNode]:
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, seen)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _scalars(value, seen)


def _guide_keys(model: type[BaseModel]) -> set[str]:
    """Every key a guide can hold, at any depth."""
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(info.alias or name)
        inner = inner_model(info.annotation)
        if inner is not None:
            keys |= _guide_keys(inner)
    return keys


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
    """One line per drafted guide naming the sections a person still has to write, but
    not those `omit` leaves out on purpose. It points at `omit:`, or else at the end of the
    file, where the sections would be added: no line of the file is about them."""
    if guide.career.data_releases:
        written = {**data, "myths": (data.get("tradeoffs") or {}).get("myths")}
        absent = [
            name for name in PERSON_SECTIONS if not written.get(name) and name not in guide.omit
        ]
        if absent:
            yield (
                ("omit",) if "omit" in data else END,
                f"to write: {', '.join(absent)} (drafted from data; these need a person); "
                "to leave one out on purpose, name it in `omit: [...]`",
            )


def _omitted_but_written(guide: Guide, data: dict[str, Any]) -> Iterator[Finding]:
    """A section named in `omit` that the guide has all the same: one of the two is a slip."""
    for index, name in enumerate(guide.omit):
        if data.get(name):
            yield (
                ("omit", index),
                f"{name} is left out here but written in the guide (and printed); "
                "delete one of the two",
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
    _omitted_but_written,
)
