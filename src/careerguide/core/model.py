"""The guide file's content model: the contract between counselors' YAML and the layouts.

Every model forbids unknown keys (typos are errors, not silently ignored text) and every
field carries a description, so the JSON Schema and the `new` skeleton say the same thing
as the validation. Rules across fields (scores within `max`, pay in order, cited ids that
exist) are in `rules.py`, checked on the file's values so that every break is reported.
"""

import json
import re
import types
import typing
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Text = Annotated[str, Field(min_length=1)]
TextList = list[Text]


class Strict(BaseModel):
    """Base of every guide model: unknown keys rejected, values immutable after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Career(Strict):
    title: Text = Field(description="Name of the career as students would search for it.")
    also_known_as: TextList = Field(default=[], description="Other job titles for the same work.")
    summary: str | None = Field(None, description="One to three sentences: what the job is.")
    tasks: TextList = Field(
        default=[], max_length=12, description="What they do day to day, 3-8 short items."
    )
    soc: str | None = Field(None, description="Occupation code (SOC), free text.")
    cluster: str | None = Field(None, description="Career cluster, e.g. Digital Technology.")
    interests: list[
        Literal["Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional"]
    ] = Field(default=[], description="Holland (RIASEC) interest codes that fit the work.")
    updated: date | None = Field(
        None, description="Date the facts were last checked (YYYY-MM-DD); printed in the footer."
    )
    language: Literal["en", "es"] = Field(
        "en", description="Language of the guide: labels, dates and money follow it."
    )
    data_releases: TextList = Field(
        default=[],
        description="Data releases the guide was drafted from by `careerguide import`; "
        "`check` then lists the sections still to write.",
    )


class Snapshot(Strict):
    where_they_work: TextList = Field(default=[], description="Kinds of employers.")
    hours: str | None = Field(None, description="Typical hours and work arrangement.")
    top_skills: TextList = Field(default=[], description="Three to five headline skills.")


class Slot(Strict):
    time: str = Field(
        pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description='Clock time "HH:MM" (24 h).'
    )
    activity: Text = Field(description="What happens at that time.")


class Day(Strict):
    intro: str | None = Field(None, description="A paragraph introducing a typical day.")
    schedule: list[Slot] = Field(default=[], description="Times and activities, in order.")
    cite: list[str] = Field(default=[], description="Ids of the sources behind this section.")


class Stage(Strict):
    stage: Text = Field(description="Name of the step, e.g. High school.")
    duration: str | None = Field(None, description="How long it takes, e.g. 4 years.")
    detail: str | None = Field(None, description="One sentence on what happens in this step.")


SCALE_LIMIT = 1000  # the largest rating scale a guide may use


class Skill(Strict):
    name: Text = Field(description="Skill name.")
    score: int = Field(
        ge=0,
        description="Importance rating, from 0 to the section's max.",
        json_schema_extra={"maximum": SCALE_LIMIT},
    )


def _scores_within_default_max(schema: dict[str, Any]) -> None:
    """JSON Schema cannot compare two values, so `score <= max` is stated for the usual case.

    When `max` is left out (or is the default), every score must be at most the default;
    with another `max`, the schema caps scores at SCALE_LIMIT and the exact rule is left to
    validation (`build`, `check`), so the schema never rejects a guide that builds.
    """
    default = Skills.model_fields["max"].default
    schema["if"] = {"properties": {"max": {"const": default}}}
    schema["then"] = {
        "properties": {"items": {"items": {"properties": {"score": {"maximum": default}}}}}
    }


class Skills(Strict):
    model_config = ConfigDict(json_schema_extra=_scores_within_default_max)

    note: str | None = Field(None, description="How the ratings were made.")
    max: int = Field(100, gt=0, le=SCALE_LIMIT, description="Top of the rating scale.")
    items: list[Skill] = Field(default=[], description="Skills with their ratings.")
    technologies: TextList = Field(
        default=[], description="Technologies employers ask for, e.g. O*NET Hot Technologies."
    )
    cite: list[str] = Field(default=[], description="Ids of the sources behind this section.")


class Route(Strict):
    route: Text = Field(description="The education route, e.g. 4-year degree in CS.")
    share: int | None = Field(
        None, ge=0, le=100, description="Percent of people in the job who took this route."
    )
    duration: str | None = Field(None, description="How long the route takes.")
    cost: int | None = Field(None, ge=1, le=3, description="Cost level: 1 ($), 2 ($$) or 3 ($$$).")
    detail: str | None = Field(None, description="One sentence about the route.")
    cite: list[str] = Field(default=[], description="Ids of the sources behind the share.")


class Salary(Strict):
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$", description="ISO currency code.")
    region: str | None = Field(None, description="Where the figures apply.")
    low: int = Field(ge=0, description="Low end of the typical yearly pay.")
    median: int = Field(ge=0, description="Median yearly pay.")
    high: int = Field(ge=0, description="High end of the typical yearly pay.")
    all_jobs_median: int | None = Field(
        None,
        ge=0,
        description="Median yearly pay of all occupations in the same source, marked on the "
        "chart for comparison.",
    )
    note: str | None = Field(None, description="Caveats: sources, spread, not a promise.")
    cite: list[str] = Field(default=[], description="Ids of the sources behind the figures.")


class Outlook(Strict):
    demand: str | None = Field(None, description="Demand in a few words, e.g. Very high.")
    growth: str | None = Field(None, description='Projected growth, e.g. "+40% by 2034".')
    text: str | None = Field(None, description="A paragraph on the job market.")
    cite: list[str] = Field(default=[], description="Ids of the sources behind this section.")


class Fit(Strict):
    threshold: int = Field(
        3, ge=1, description="How many good-fit statements should ring true for a likely fit."
    )
    good_fit: TextList = Field(default=[], description="Statements that suggest a good fit.")
    maybe_not: TextList = Field(default=[], description="Statements that suggest a poor fit.")


def _verdict_also_boolean(schema: dict[str, Any]) -> None:
    """Say in the schema what `Myth._yaml_booleans` accepts, so editors allow a bare `false`
    and the words with capitals (`Partly`, `FALSE`)."""
    words = schema["enum"]
    schema["type"] = ["string", "boolean"]
    schema["enum"] = [
        *words,
        *(word.capitalize() for word in words),
        *(word.upper() for word in words),
        True,
        False,
    ]


class Myth(Strict):
    myth: Text = Field(description="A common belief about the career.")
    verdict: Literal["true", "false", "partly"] = Field(
        description="Whether the belief holds: true, false or partly.",
        json_schema_extra=_verdict_also_boolean,
    )
    reality: Text = Field(description="What is actually the case.")

    @field_validator("verdict", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: object) -> object:
        """YAML reads a bare `false` as a boolean, and counselors write `Partly` at the start
        of a line as in a sentence; both mean the word."""
        if isinstance(value, bool):
            return "true" if value else "false"
        return value.lower() if isinstance(value, str) else value


class Tradeoffs(Strict):
    pros: TextList = Field(default=[], description="What people like about the job.")
    cons: TextList = Field(default=[], description="What people find hard.")
    myths: list[Myth] = Field(default=[], description="Beliefs with their verdicts.")


class ActionPlan(Strict):
    high_school: TextList = Field(default=[], description="Steps to take in high school.")
    college: TextList = Field(default=[], description="Steps to take in college.")
    first_job: TextList = Field(default=[], description="Steps toward a first job.")


class Level(Strict):
    level: Text = Field(description="Seniority level name.")
    years: str | None = Field(None, description="Typical years of experience.")
    duties: TextList = Field(default=[], description="What the level is responsible for.")


class Quote(Strict):
    text: Text = Field(description="A short first-hand lesson.")
    who: str | None = Field(None, description="Who says it, without a name if private.")
    paraphrased: bool = Field(
        False,
        description="true when the words are yours, not theirs: printed as paraphrased. "
        "Use their exact words where the source has them.",
    )


class Related(Strict):
    role: Text = Field(description="A related job title.")
    focus: str | None = Field(None, description="What that role centres on.")
    tools: str | None = Field(None, description="Typical tools.")
    pay: str | None = Field(None, description="Pay compared with this career.")
    entry: str | None = Field(None, description="How hard it is to get in.")


class Question(Strict):
    q: Text = Field(description="A question students ask.")
    a: Text = Field(description="The answer.")


_URL = r"^(https?://|mailto:)\S+$"


class Source(Strict):
    id: str = Field(pattern=r"^[A-Za-z][\w-]*$", description="Short id used in `cite` lists.")
    title: Text = Field(description="Title of the article or page.")
    publisher: str | None = Field(None, description="Who published it.")
    url: str | None = Field(None, pattern=_URL, description="Web address (http, https or mailto).")
    kind: str | None = Field(None, description="Kind of source: Government, Industry, Job board...")
    accessed: date | None = Field(None, description="Date the source was read (YYYY-MM-DD).")
    published: str | None = Field(
        None, description="Release or date of publication, e.g. May 2025."
    )
    credit: str | None = Field(None, description="Credit line the source's licence requires.")


class Link(Strict):
    label: Text = Field(description="What the link leads to.")
    url: str = Field(pattern=_URL, description="Web address (http, https or mailto).")


class Guide(Strict):
    """One career: every section but `career` is optional, and an absent one is not printed."""

    schema_version: Literal[1] = Field(1, alias="schema", description="Guide format version.")
    career: Career = Field(description="The career: its name, summary and key facts.")
    snapshot: Snapshot | None = Field(None, description="Quick facts box.")
    why_it_matters: str | None = Field(None, description="Why the work matters, a paragraph.")
    day: Day | None = Field(None, description="A day in the life, drawn as a vertical timeline.")
    pathway: list[Stage] = Field(
        default=[], description="Steps into the career, drawn as a horizontal timeline in order."
    )
    skills: Skills | None = Field(None, description="Skill ratings, drawn as bars.")
    education: list[Route] = Field(
        default=[], description="Education routes with their share, duration and cost."
    )
    salary: Salary | None = Field(None, description="Pay range, drawn as a low-median-high bar.")
    outlook: Outlook | None = Field(None, description="Job outlook.")
    fit: Fit | None = Field(None, description="Is it for me? A tick-box checklist.")
    tradeoffs: Tradeoffs | None = Field(None, description="Pros, cons and myths.")
    action_plan: ActionPlan | None = Field(None, description="What to do, and when.")
    seniority: list[Level] = Field(default=[], description="Career levels.")
    industries: TextList = Field(default=[], description="Industries that hire for this career.")
    growth: TextList = Field(default=[], description="Where the career can lead.")
    quotes: list[Quote] = Field(default=[], description="Short first-hand lessons.")
    related: list[Related] = Field(default=[], description="Related roles, drawn as a table.")
    faq: list[Question] = Field(default=[], description="Frequently asked questions.")
    links: list[Link] = Field(
        default=[], description="Links to print as QR codes; the first source is the fallback."
    )
    sources: list[Source] = Field(default=[], description="Sources, numbered in citation order.")

    def entry_route(self) -> str:
        """The education most people enter with: the route `import` marks as BLS's typical
        entry level, else the route most workers took, else the first route ("" if none)."""
        routes = self.education
        if not routes:
            return ""
        marked = [route for route in routes if "typical entry" in (route.detail or "").lower()]
        if marked:
            return marked[0].route
        shared = [route for route in routes if route.share is not None]
        if shared:
            return max(shared, key=lambda route: route.share or 0).route
        return routes[0].route

    def citations(self) -> list[tuple[str, list[str]]]:
        """(section key, cited source ids) for every section with a `cite` list.

        Education is a list of routes, each citing the sources of its own share; the
        section cites them all, in the order they first appear.
        """
        sections = ("day", "skills", "salary", "outlook")
        found = [
            (name, list(getattr(self, name).cite))
            for name in sections
            if getattr(self, name) is not None and getattr(self, name).cite
        ]
        routes = list(dict.fromkeys(ids for route in self.education for ids in route.cite))
        return found + ([("education", routes)] if routes else [])


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `X`, `X | None` or `list[X]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in {
        list,
        typing.Union,
    }:
        for arg in typing.get_args(annotation):
            found = inner_model(arg)
            if found is not None:
                return found
    return None


def slugify(title: str) -> str:
    """File-name slug of a title: lowercase ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "guide"


def guide_schema() -> str:
    """JSON Schema of the guide file as text, as `careerguide schema` prints it.

    The copy committed in `schema/guide.schema.json` (which `new` points editors at) is
    this text; a test fails when the two differ.
    """
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Guide.model_json_schema(by_alias=True),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
