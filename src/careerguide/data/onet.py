"""The O*NET database as published: the Excel edition (.xlsx) or the text edition (.txt).

Each file is read once per run and indexed by O*NET-SOC code. Only `Occupation Data` is
required; a file that is absent leaves empty what it would fill, and `missing` names it.
Ratings keep O*NET's own scale (Importance 1-5); rescaling is the importer's job.
"""

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GuideError, Problem
from .tables import Cell, Table, find_table, number, read_table, text

CODE = ("O*NET-SOC Code",)
RIASEC = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
TIERS = ("Primary-Short", "Primary-Long", "Supplemental")
# Scales as O*NET's `Scales Reference` gives them, for a folder without that file.
SCALES = {"IM": (1.0, 5.0), "LV": (0.0, 7.0), "OI": (1.0, 7.0)}

FILES = {
    "occupations": "Occupation Data",
    "alternate_titles": "Alternate Titles",
    "tasks": "Task Statements",
    "task_ratings": "Task Ratings",
    "skills": "Skills",
    "interests": "Interests",
    "job_zones": "Job Zones",
    "job_zone_reference": "Job Zone Reference",
    "education": "Education, Training, and Experience",
    "education_categories": "Education, Training, and Experience Categories",
    "related": "Related Occupations",
    "technology": "Technology Skills",
    "scales": "Scales Reference",
    "work_styles": "Work Styles",
}
# The Education, Training, and Experience scales read besides RL: the duration of related
# work experience, of on-site or in-plant training and of on-the-job training.
TRAINING_SCALES = ("RW", "PT", "OJ")


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    description: str


@dataclass(frozen=True)
class Rating:
    name: str
    value: float


@dataclass(frozen=True)
class JobZone:
    zone: int
    name: str  # "Job Zone Four: Considerable Preparation Needed"
    education: str
    experience: str
    training: str


@dataclass(frozen=True)
class RelatedOccupation:
    code: str
    title: str
    tier: str
    index: float


@dataclass
class Onet:
    """What an O*NET folder holds, by occupation code."""

    folder: Path
    release: str  # "O*NET 29.3 Database"
    published: str  # "May 2025"
    occupations: dict[str, Occupation]
    files: dict[str, Path] = field(default_factory=dict)  # the files read, by FILES key
    alternate_titles: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    tasks: dict[str, list[str]] = field(default_factory=dict)  # core tasks, most important first
    skills: dict[str, list[Rating]] = field(default_factory=dict)  # importance, suppressed left out
    suppressed_skills: dict[str, int] = field(default_factory=dict)
    interests: dict[str, list[str]] = field(default_factory=dict)  # high points, first first
    job_zones: dict[str, int] = field(default_factory=dict)
    zone_reference: dict[int, JobZone] = field(default_factory=dict)
    education: dict[str, dict[int, float]] = field(default_factory=dict)  # RL category -> %
    education_suppressed: dict[str, set[int]] = field(default_factory=dict)  # flagged Y
    education_categories: dict[int, str] = field(default_factory=dict)
    related: dict[str, list[RelatedOccupation]] = field(default_factory=dict)
    # In Demand examples (example, commodity title) in file order.
    in_demand: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    supplemental_tasks: dict[str, list[str]] = field(default_factory=dict)  # in file order
    unrated_tasks: set[str] = field(default_factory=set)  # codes whose tasks have no Task Type
    work_styles: dict[str, list[Rating]] = field(default_factory=dict)  # importance, file order
    # code -> scale (RW, PT, OJ) -> category -> share of workers (percent)
    training: dict[str, dict[str, dict[int, float]]] = field(default_factory=dict)
    training_categories: dict[tuple[str, int], str] = field(default_factory=dict)
    scales: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(SCALES))

    @property
    def missing(self) -> list[str]:
        """Names of the optional files not in the folder (Task Ratings is extra, not expected)."""
        return [
            name
            for part, name in FILES.items()
            if part not in self.files and part != "task_ratings"
        ]


def read_onet(folder: Path) -> Onet:
    """Read every O*NET file the importer uses from `folder`, once."""
    if not folder.exists():
        raise GuideError(Problem.about(folder, "not found; give the folder of the O*NET database"))
    if not folder.is_dir():
        raise GuideError(Problem.about(folder, "is not a folder of O*NET files"))
    found = {part: find_table(folder, name) for part, name in FILES.items()}
    if found["occupations"] is None:
        raise GuideError(
            Problem.about(
                folder,
                "has no 'Occupation Data.xlsx' or 'Occupation Data.txt'; give the folder of "
                "the O*NET database (Excel or text edition)",
            )
        )
    tables = {part: read_table(path) for part, path in found.items() if path is not None}
    release, published = _release(folder)
    onet = Onet(
        folder,
        release,
        published,
        _occupations(tables["occupations"]),
        files={part: table.path for part, table in tables.items()},
    )
    readers = {
        "alternate_titles": _alternate_titles,
        "tasks": _tasks,
        "skills": _skills,
        "interests": _interests,
        "job_zones": _job_zones,
        "job_zone_reference": _zone_reference,
        "education": _education,
        "education_categories": _education_categories,
        "related": _related,
        "technology": _technology,
        "work_styles": _work_styles,
    }
    if "scales" in tables:
        _scales(tables["scales"], onet)
    for part, reader in readers.items():
        if part in tables:
            reader(tables[part], onet)
    if "education" in tables:
        _training(tables["education"], onet)
    if "education_categories" in tables:
        _training_categories(tables["education_categories"], onet)
    if "task_ratings" in tables and "tasks" in tables:
        _order_tasks(tables["tasks"], tables["task_ratings"], onet)
    return onet


def _release(folder: Path) -> tuple[str, str]:
    """("O*NET 29.3 Database", "May 2025") from the release's `Read Me.txt`, else the folder name."""
    readme = folder / "Read Me.txt"
    name, published = "", ""
    if readme.is_file():
        from .. import gate

        try:
            lines = gate.read_text(readme, [folder], 1_000_000).splitlines()[:5]
        except gate.Refused:
            lines = []
        for line in lines:
            if m := re.match(r"\s*(O\*NET\s+[\d.]+\s+Database)", line):
                name = m[1]
            if m := re.match(r"\s*(\w+ \d{4}) Release", line):
                published = m[1]
    if not name:
        version = re.search(r"(\d+)[._](\d+)", folder.resolve().name)
        name = f"O*NET {version[1]}.{version[2]} Database" if version else "O*NET Database"
    return name, published


def _occupations(table: Table) -> dict[str, Occupation]:
    columns = table.column(*CODE), table.column("Title"), table.column("Description")
    return {
        text(code): Occupation(text(code), text(title), text(description))
        for code, title, description in table.records(*columns)
        if text(code)
    }


def _alternate_titles(table: Table, onet: Onet) -> None:
    """Alternate titles with the number of O*NET sources that reported each."""
    columns = (
        table.column(*CODE),
        table.column("Alternate Title"),
        table.find("Source(s)", "Sources"),
    )
    for code, title, sources in table.records(*columns):
        count = len([part for part in text(sources).split(",") if part.strip()])
        onet.alternate_titles.setdefault(text(code), []).append((text(title), count))


def _tasks(table: Table, onet: Onet) -> None:
    """Core tasks in file order (Task Ratings, when present, reorders them by importance).

    O*NET lists a rated occupation's tasks most important first; an occupation whose tasks
    were never rated has no Task Type, and its tasks are in alphabetical order, so it is
    marked (`unrated_tasks`) for the importer to order them another way.
    """
    columns = table.column(*CODE), table.column("Task"), table.find("Task Type")
    for code, task, kind in table.records(*columns):
        if not text(task):
            continue
        if text(kind) in ("Core", ""):
            onet.tasks.setdefault(text(code), []).append(text(task))
        else:
            onet.supplemental_tasks.setdefault(text(code), []).append(text(task))
        if not text(kind):
            onet.unrated_tasks.add(text(code))


def _order_tasks(tasks: Table, ratings: Table, onet: Onet) -> None:
    ids = dict(
        ((text(code), text(task)), text(task_id))
        for code, task, task_id in tasks.records(
            tasks.column(*CODE), tasks.column("Task"), tasks.find("Task ID")
        )
    )
    importance: dict[tuple[str, str], float] = {}
    columns = ratings.column(*CODE), ratings.find("Task ID"), ratings.column("Scale ID")
    value = ratings.column("Data Value")
    for (code, task_id, scale), (rating,) in zip(
        ratings.records(*columns), ratings.records(value), strict=True
    ):
        if text(scale) == "IM" and number(rating) is not None:
            importance[(text(code), text(task_id))] = number(rating) or 0.0
    for code, listed in onet.tasks.items():
        listed.sort(key=lambda task: -importance.get((code, ids.get((code, task), "")), 0.0))


def _suppressed(cell: Cell) -> bool:
    return text(cell).upper() == "Y"


def _importance(table: Table) -> Iterator[tuple[str, Rating, bool]]:
    """(code, its Importance rating of an element, whether O*NET marks it unreliable) for
    each IM row with a value: Skills and Work Styles share this layout."""
    columns = (
        table.column(*CODE),
        table.column("Element Name"),
        table.column("Scale ID"),
        table.column("Data Value"),
        table.find("Recommend Suppress"),
    )
    for code, name, scale, value, suppress in table.records(*columns):
        rating = number(value)
        if text(scale) == "IM" and rating is not None:
            yield text(code), Rating(text(name), rating), _suppressed(suppress)


def _skills(table: Table, onet: Onet) -> None:
    for code, rating, suppressed in _importance(table):
        if suppressed:
            onet.suppressed_skills[code] = onet.suppressed_skills.get(code, 0) + 1
            continue
        onet.skills.setdefault(code, []).append(rating)


def _interests(table: Table, onet: Onet) -> None:
    """RIASEC high points (scale IH: 1-6 name the interest, 0 none), first high point first."""
    columns = (
        table.column(*CODE),
        table.column("Element Name"),
        table.column("Scale ID"),
        table.column("Data Value"),
    )
    points: dict[str, dict[str, str]] = defaultdict(dict)
    for code, name, scale, value in table.records(*columns):
        index = int(number(value) or 0)
        if text(scale) == "IH" and 1 <= index <= len(RIASEC):
            points[text(code)][text(name)] = RIASEC[index - 1]
    for code, found in points.items():
        order = ("First", "Second", "Third")
        onet.interests[code] = [
            found[name] for rank in order for name in found if name.startswith(rank) and found[name]
        ]


def _job_zones(table: Table, onet: Onet) -> None:
    for code, zone in table.records(table.column(*CODE), table.column("Job Zone")):
        if number(zone) is not None:
            onet.job_zones[text(code)] = int(number(zone) or 0)


def _zone_reference(table: Table, onet: Onet) -> None:
    columns = (
        table.column("Job Zone"),
        table.column("Name"),
        table.find("Education"),
        table.find("Experience"),
        table.find("Job Training"),
    )
    for zone, name, education, experience, training in table.records(*columns):
        if number(zone) is not None:
            number_ = int(number(zone) or 0)
            onet.zone_reference[number_] = JobZone(
                number_, text(name), text(education), text(experience), text(training)
            )


def _education(table: Table, onet: Onet) -> None:
    """Share of workers (percent) at each Required Level of Education category (scale RL).

    Shares are kept when O*NET flags them (Recommend Suppress = Y): leaving one out would
    misstate every other share; the importer says which it kept.
    """
    columns = (
        table.column(*CODE),
        table.column("Scale ID"),
        table.column("Category"),
        table.column("Data Value"),
        table.find("Recommend Suppress"),
    )
    for code, scale, category, value, suppress in table.records(*columns):
        if text(scale) != "RL" or number(category) is None or number(value) is None:
            continue
        level = int(number(category) or 0)
        onet.education.setdefault(text(code), {})[level] = number(value) or 0.0
        if _suppressed(suppress):
            onet.education_suppressed.setdefault(text(code), set()).add(level)


def _education_categories(table: Table, onet: Onet) -> None:
    columns = (
        table.column("Scale ID"),
        table.column("Category"),
        table.column("Category Description"),
    )
    for scale, category, description in table.records(*columns):
        if text(scale) == "RL" and number(category) is not None:
            onet.education_categories[int(number(category) or 0)] = text(description)


def _related(table: Table, onet: Onet) -> None:
    columns = (
        table.column(*CODE),
        table.column("Related O*NET-SOC Code"),
        table.column("Related Title"),
        table.find("Relatedness Tier"),
        table.find("Index"),
    )
    for code, other, title, tier, index in table.records(*columns):
        onet.related.setdefault(text(code), []).append(
            RelatedOccupation(text(other), text(title), text(tier), number(index) or 0.0)
        )
    rank = {tier: place for place, tier in enumerate(TIERS)}
    for listed in onet.related.values():
        listed.sort(key=lambda item: (rank.get(item.tier, len(TIERS)), item.index))


def _technology(table: Table, onet: Onet) -> None:
    """The examples O*NET marks In Demand for the occupation (in its job postings), with
    their commodity title, in file order. Hot Technology is a flag across all occupations
    (Apache Spark is hot, but not for nurses), so it is not what a guide lists."""
    columns = (
        table.column(*CODE),
        table.column("Example"),
        table.find("In Demand"),  # older releases have none: no technologies
        table.find("Commodity Title"),
    )
    for code, example, demand, kind in table.records(*columns):
        if text(demand).upper() == "Y" and text(example):
            onet.in_demand.setdefault(text(code), []).append((text(example), text(kind)))


def _scales(table: Table, onet: Onet) -> None:
    columns = table.column("Scale ID"), table.column("Minimum"), table.column("Maximum")
    for scale, low, high in table.records(*columns):
        if number(low) is not None and number(high) is not None:
            onet.scales[text(scale)] = (number(low) or 0.0, number(high) or 0.0)


def _work_styles(table: Table, onet: Onet) -> None:
    """Work styles with their Importance (1-5), in file order; unreliable estimates left out."""
    for code, rating, suppressed in _importance(table):
        if not suppressed:
            onet.work_styles.setdefault(code, []).append(rating)


def _training(table: Table, onet: Onet) -> None:
    """Share of workers at each duration of related work experience (RW), on-site or
    in-plant training (PT) and on-the-job training (OJ), as for education (RL)."""
    columns = (
        table.column(*CODE),
        table.column("Scale ID"),
        table.column("Category"),
        table.column("Data Value"),
    )
    for code, scale, category, value in table.records(*columns):
        if text(scale) in TRAINING_SCALES and None not in (number(category), number(value)):
            scales = onet.training.setdefault(text(code), {})
            scales.setdefault(text(scale), {})[int(number(category) or 0)] = number(value) or 0.0


def _training_categories(table: Table, onet: Onet) -> None:
    columns = (
        table.column("Scale ID"),
        table.column("Category"),
        table.column("Category Description"),
    )
    for scale, category, description in table.records(*columns):
        if text(scale) in TRAINING_SCALES and number(category) is not None:
            onet.training_categories[(text(scale), int(number(category) or 0))] = text(description)
