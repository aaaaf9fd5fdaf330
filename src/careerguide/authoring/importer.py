"""`careerguide import`: a cited draft guide per occupation from O*NET and BLS files.

The files are read once per run (`load_data`); each occupation is then drafted from what
they hold (`draft`), every value taken from a row of a file and every figure citing the
source it came from. What needs a person (why it matters, a day, fit, pros and cons,
myths, quotes) is left out; `career.data_releases` marks the guide as drafted, so `check`
lists those sections as still to write.

Mapping rules, one per section:

- career: O*NET title, description, core tasks (most important first), a few alternate
  titles (those most sources reported), RIASEC high points, the SOC code.
- skills: O*NET Importance (1-5) rescaled to 0-100 as O*NET OnLine shows it,
  `(value - min) * 100 / (max - min)`; estimates marked Recommend Suppress = Y left out.
  Hot Technologies as a short list.
- education: O*NET's shares of surveyed workers saying each level is required (scale RL;
  `share_means: required`), grouped into routes, rounded so they sum to at most 100,
  each citing O*NET; BLS's typical entry-level education marked (`typical_entry`).
- pathway: entry education, related work experience and on-the-job training (BLS
  projections) or, without them, the job zone's own words; then the O*NET job zone.
- salary: OEWS 10th percentile, median and 90th percentile of the row that covers the
  occupation (`Crosswalk`), the state's or else national with a note naming the state;
  top-coded (`#`) figures as "or more", hourly figures where BLS has no yearly ones.
- outlook: BLS percent change and annual openings, national; the demand word compares
  the change with the change of all occupations in the same file (`demand_word`). What
  the BLS files lack (no pay, no projection) is said here too, not only on the terminal.
- related: O*NET related occupations, closest tier first, with pay relative to this one
  (OEWS medians, compared only within one area; "national" in a state guide when theirs
  are) and entry level (job zones).
"""

import math
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from ..core.errors import GuideError, Problem
from ..core.words import has_words, same_words, suggestions
from ..data.bls import (
    ALL_OCCUPATIONS,
    NATION,
    STATES,
    Crosswalk,
    Match,
    Projection,
    Projections,
    Wage,
    Wages,
    not_covered,
    read_projections,
    read_wages,
    soc,
)
from ..data.onet import Onet, read_onet
from ..data.soc import major_group
from ..guidefile.model import Guide, slugify
from ..render.write import write_atomic
from .check import ITEM_LIMIT

SKILLS_SHOWN = 8
TASKS_SHOWN = 6
TITLES_SHOWN = 4
TECHNOLOGIES_SHOWN = 8
RELATED_SHOWN = 6
TOP_SKILLS = 3

ONET_URL = "https://www.onetcenter.org/database.html"
OEWS_URL = "https://www.bls.gov/oes/tables.htm"
EP_URL = "https://data.bls.gov/projections/occupationProj"
ONET_PUBLISHER = "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)"
BLS = "U.S. Bureau of Labor Statistics"
MODIFIER = "careerguide"

# O*NET's 12 education levels (scale RL), grouped into routes a student recognises.
ROUTES: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("High school or less", (1, 2)),
    ("Certificate or some college", (3, 4)),
    ("Associate's degree", (5,)),
    ("Bachelor's degree", (6, 7)),
    ("Master's degree", (8, 9)),
    ("Doctoral or professional degree", (10, 11, 12)),
)
# BLS typical entry-level education -> the route above it falls in.
ENTRY_ROUTE = {
    "No formal educational credential": "High school or less",
    "High school diploma or equivalent": "High school or less",
    "Postsecondary nondegree award": "Certificate or some college",
    "Some college, no degree": "Certificate or some college",
    "Associate's degree": "Associate's degree",
    "Bachelor's degree": "Bachelor's degree",
    "Master's degree": "Master's degree",
    "Doctoral or professional degree": "Doctoral or professional degree",
}


@dataclass
class Data:
    """The files of one run, each read once."""

    onet: Onet
    wages: Wages | None = None
    projections: Projections | None = None
    region: str | None = None  # a state's postal code, or None for the nation
    wage_rows: Crosswalk | None = None  # the OEWS row that covers each O*NET code
    projection_rows: Crosswalk | None = None

    @property
    def warnings(self) -> list[str]:
        """What reading the files found wrong but could go past (an unreadable wage cell)."""
        return self.wages.warnings if self.wages else []

    def releases(self) -> list[str]:
        found = [_onet_release(self.onet)]
        if self.wages:
            found.append(_oews_title(self.wages))
        if self.projections:
            found.append(_ep_title(self.projections))
        return found


def load_data(
    onet: Path,
    wages: Path | None = None,
    projections: Path | None = None,
    region: str | None = None,
) -> Data:
    """Read the O*NET folder and the optional BLS files; check `region` against the wages."""
    data = Data(read_onet(onet))
    if wages is not None:
        data.wages = read_wages(wages)
        data.wage_rows = data.wages.crosswalk(data.onet.occupations)
    if projections is not None:
        data.projections = read_projections(projections)
        data.projection_rows = data.projections.crosswalk(data.onet.occupations)
    if region is not None:
        code = region.strip().upper()
        if data.wages is None:
            raise GuideError(Problem.about("--region", "needs --wages (a state's wages file)"))
        if code not in data.wages.areas or code == NATION:
            states = ", ".join(sorted(set(data.wages.areas) - {NATION})) or "none"
            raise GuideError(
                Problem.about(
                    "--region",
                    f"no state {region!r} in {data.wages.path}; its states: {states}",
                )
            )
        data.region = code
    return data


def select(onet: Onet, queries: list[str]) -> list[str]:
    """The O*NET-SOC codes named by codes (`29-1141.00`, `29-1141`) or title searches."""
    codes: list[str] = []
    for query in queries:
        code = find_occupation(onet, query)
        if code not in codes:
            codes.append(code)
    return codes


def find_occupation(onet: Onet, query: str) -> str:
    """One occupation's code for a code or a title; several matches are an error listing them.

    A code may be typed without its dash (`291141`). A title is looked for as typed (up to
    case, accents and plurals: "electrician" is Electricians), then as a title holding every
    word typed, then holding them inside words; with no match, the titles most alike are
    suggested.
    """
    wanted = query.strip()
    if digits := re.fullmatch(r"(\d\d)-?(\d{4})(?:\.?(\d\d))?", wanted):
        code = f"{digits[1]}-{digits[2]}.{digits[3] or '00'}"
        if code in onet.occupations:
            return code
        raise GuideError(Problem.about("", f"no occupation {code} in {onet.files['occupations']}"))
    jobs = onet.occupations
    folded = wanted.casefold()
    for matches in (
        [code for code, job in jobs.items() if job.title.casefold() == folded],
        [code for code, job in jobs.items() if same_words(wanted, job.title)],
        [code for code, job in jobs.items() if has_words(wanted, job.title)],
        [
            code
            for code, job in jobs.items()
            if folded.split() and all(word in job.title.casefold() for word in folded.split())
        ],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            _ambiguous(onet, wanted, matches)
    by_title = {job.title: code for code, job in jobs.items()}
    close = suggestions(wanted, by_title)
    if not close:
        raise GuideError(Problem.about("", f"no occupation titled {wanted!r}"))
    lines = [Problem.about("", f"no occupation titled {wanted!r}; the closest titles:")]
    lines += [Problem.about("", f"  {by_title[title]}  {title}") for title in close]
    raise GuideError(lines)


def _ambiguous(onet: Onet, wanted: str, matches: list[str]) -> NoReturn:
    """Raise the error that lists the occupations `wanted` matches, to choose one."""
    lines = [
        Problem.about(
            "", f"{wanted!r} matches {len(matches)} occupations; give one of their codes:"
        )
    ]
    lines += [Problem.about("", f"  {code}  {onet.occupations[code].title}") for code in matches]
    raise GuideError(lines)


@dataclass
class Draft:
    code: str
    title: str
    guide: dict[str, Any]
    missing: list[str] = field(default_factory=list)  # what the files lacked, in words


def draft(data: Data, code: str, today: date) -> Draft:
    """The guide for one occupation as plain data, and what the files did not have."""
    onet = data.onet
    job = onet.occupations[code]
    missing: list[str] = []
    guide: dict[str, Any] = {"schema": 1}
    career: dict[str, Any] = {"title": job.title}
    titles = _alternate_titles(onet, code, job.title)
    if titles:
        career["also_known_as"] = titles
    if job.description:
        career["summary"] = job.description
    # Tasks longer than a list item's place on the page are left for the counselor to shorten.
    tasks = [task for task in onet.tasks.get(code, []) if len(task) <= ITEM_LIMIT][:TASKS_SHOWN]
    if tasks:
        career["tasks"] = tasks
    elif onet.tasks.get(code):
        missing.append(f"tasks (all longer than {ITEM_LIMIT} characters)")
    else:
        missing.append("tasks (O*NET Task Statements)")
    career["soc"] = code
    if field_name := major_group(code):  # the SOC major group, a field to filter by
        career["cluster"] = field_name
    if onet.interests.get(code):
        career["interests"] = onet.interests[code]
    career["updated"] = today
    career["data_releases"] = data.releases()
    guide["career"] = career

    pay, no_pay = _pay(data, code) if data.wages is not None else (None, "")
    projection, projected = _projection(data, code)
    sources: dict[str, dict[str, Any]] = {}

    # The skills section is always there: it carries O*NET's credit line, printed under it.
    skills = _skills(onet, code)
    if skills is None:
        missing.append("skill ratings (O*NET Skills)")
        skills = {"note": f"{onet.release} has no skill ratings for this occupation."}
    else:
        guide["snapshot"] = {"top_skills": [item["name"] for item in skills["items"][:TOP_SKILLS]]}
    technologies = onet.hot_technologies.get(code, [])[:TECHNOLOGIES_SHOWN]
    if technologies:
        skills["technologies"] = technologies
    skills["note"] += " " + _onet_credit(onet)
    skills["cite"] = ["onet"]
    guide["skills"] = skills

    entry = projection.education if projection else ""
    pathway = _pathway(onet, code, projection)
    if pathway:
        guide["pathway"] = pathway
    if onet.job_zones.get(code) is None:
        missing.append("job zone (O*NET Job Zones)")
    education = _education(onet, code, entry)
    if education:
        guide["education"] = education
    else:
        missing.append("education levels (O*NET Education, Training, and Experience)")

    absent = []  # what the BLS files lack, said in the guide's outlook as well as here
    if data.wages is not None:
        sources["oews"] = _oews_source(data.wages, today)
        if pay is None:
            missing.append(f"wages ({no_pay})")
            absent.append(f"{no_pay}.")
        else:
            guide["salary"] = _salary(data, code, pay)
    if data.projections is not None:
        sources["ep"] = _ep_source(data.projections, today)
        if projection is None or projected is None:
            why = not_covered(code, "projections")
            no_row = f"{_ep_title(data.projections)} have no row for {soc(code)}" + (
                f" ({why})" if why else ""
            )
            missing.append(f"projections ({no_row})")
            absent.append(f"{no_row}.")
        else:
            guide["outlook"] = _outlook(data, code, projection, projected)
    if absent:
        outlook = guide.setdefault("outlook", {"cite": []})
        outlook["text"] = " ".join([*filter(None, [outlook.get("text")]), *absent])
        outlook["cite"] += [key for key in ("oews", "ep") if key in sources]
        outlook["cite"] = list(dict.fromkeys(outlook["cite"]))

    related = _related(data, code, pay)
    if related:
        guide["related"] = related
    sources = {"onet": _onet_source(onet, today), **sources}  # O*NET is used by every guide
    guide["sources"] = [{"id": key, **source} for key, source in sources.items()]
    _markdown(guide)
    return Draft(code, job.title, guide, missing)


def md(text: str) -> str:
    """Text for a field printed as Markdown, its marks escaped: `O*NET` stays `O*NET`."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def _markdown(guide: dict[str, Any]) -> None:
    """Escape the texts the layouts print as Markdown (the rest print as written)."""
    career = guide["career"]
    if "summary" in career:
        career["summary"] = md(career["summary"])
    if "tasks" in career:
        career["tasks"] = [md(task) for task in career["tasks"]]
    for section in ("skills", "salary"):
        if section in guide and "note" in guide[section]:
            guide[section]["note"] = md(guide[section]["note"])
    if "outlook" in guide and "text" in guide["outlook"]:
        guide["outlook"]["text"] = md(guide["outlook"]["text"])
    for item in guide.get("pathway", []) + guide.get("education", []):
        if "detail" in item:
            item["detail"] = md(item["detail"])


def _alternate_titles(onet: Onet, code: str, title: str) -> list[str]:
    """The alternate titles most O*NET sources reported (ties in file order), a few."""
    listed = onet.alternate_titles.get(code, [])
    ranked = sorted(enumerate(listed), key=lambda item: (-item[1][1], item[0]))
    chosen: list[str] = []
    for _, (name, _count) in ranked:
        if name.casefold() != title.casefold() and name not in chosen and len(name) <= 60:
            chosen.append(name)
        if len(chosen) == TITLES_SHOWN:
            break
    return chosen


def half_up(value: float) -> int:
    """`value` rounded to a whole number, halves up (62.5 -> 63) as people round, not to even
    as Python's `round` does (62.5 -> 62); float error past 9 decimals is dropped first."""
    return math.floor(round(value, 9) + 0.5)


def rescale(value: float, low: float, high: float) -> int:
    """An O*NET rating on 0-100 as O*NET OnLine shows it: (value - min) * 100 / (max - min)."""
    return max(0, min(100, half_up((value - low) * 100 / (high - low))))


def _skills(onet: Onet, code: str) -> dict[str, Any] | None:
    ratings = onet.skills.get(code, [])
    if not ratings:
        return None
    low, high = onet.scales.get("IM", (1.0, 5.0))
    ranked = sorted(ratings, key=lambda rating: (-rating.value, rating.name))[:SKILLS_SHOWN]
    suppressed = onet.suppressed_skills.get(code, 0)
    left_out = f" ({suppressed} marked unreliable by O*NET left out)" if suppressed else ""
    note = (
        f"The {len(ranked)} most important of {len(ratings)} rated skills{left_out}: "
        f"O*NET Importance ({low:g}-{high:g}) rescaled to 0-100 as O*NET OnLine shows it, "
        f"(rating - {low:g}) x 100 / {high - low:g}."
    )
    items = [{"name": r.name, "score": rescale(r.value, low, high)} for r in ranked]
    return {"note": note, "max": 100, "items": items}


def _education(onet: Onet, code: str, entry: str) -> list[dict[str, Any]]:
    """Per route, the share of workers O*NET surveyed who say that level is required (not
    the share who took it); rounded down, then the largest remainders get the rest."""
    shares = onet.education.get(code)
    if not shares:
        return []
    exact = [sum(shares.get(level, 0.0) for level in levels) for _, levels in ROUTES]
    target = min(100, half_up(sum(exact)))
    rounded = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: -(exact[i] - rounded[i]))
    for index in by_remainder[: max(0, target - sum(rounded))]:
        rounded[index] += 1
    typical = ENTRY_ROUTE.get(entry)
    flagged = onet.education_suppressed.get(code, set())
    routes = []
    for (route, levels), share in zip(ROUTES, rounded, strict=True):
        if share <= 0 and route != typical:
            continue
        item: dict[str, Any] = {"route": route, "share": share, "share_means": "required"}
        details = []
        if route == typical:
            item["typical_entry"] = True
            details.append(f"Typical education to enter the job (BLS): {entry}.")
        if share > 0 and any(level in flagged and shares.get(level) for level in levels):
            details.append("O*NET marks this share as a less reliable estimate.")
        if details:
            item["detail"] = " ".join(details)
        item["cite"] = ["onet", "ep"] if route == typical else ["onet"]
        routes.append(item)
    return routes


def _pathway(onet: Onet, code: str, projection: Projection | None) -> list[dict[str, Any]]:
    zone = onet.zone_reference.get(onet.job_zones.get(code, 0))
    stages: list[dict[str, Any]] = []
    if projection and projection.education:
        stages.append(
            {"stage": "Education", "detail": f"Typical for entry: {projection.education}."}
        )
    elif zone and zone.education:
        stages.append({"stage": "Education", "detail": zone.education})
    if projection and projection.experience and projection.experience != "None":
        stages.append(
            {"stage": "Related experience", "detail": f"{projection.experience} in a related job."}
        )
    if projection and projection.training and projection.training != "None":
        stages.append({"stage": "Training on the job", "detail": f"{projection.training}."})
    elif zone and zone.training and not projection:
        stages.append({"stage": "Training on the job", "detail": zone.training})
    if zone:
        words = zone.name.split(":", 1)[-1].strip()
        stages.append(
            {
                "stage": f"Job Zone {zone.zone} of 5",
                "detail": f"O*NET: {words.lower().capitalize()}.",
            }
        )
    return stages


@dataclass(frozen=True)
class Pay:
    """One occupation's pay as a guide prints it: the OEWS row, its area, per year or hour."""

    row: Wage
    area: str
    per: str  # "year", or "hour" where BLS publishes no yearly figures
    match: Match
    top: float  # the file's top code, per year or hour
    instead: str = ""  # why the guide's state's own figures are not used

    def value(self, percentile: str) -> float:
        """The figure, or what a top-coded one is at least."""
        figure = self.row.figure(percentile, self.per)
        if isinstance(figure, float):
            return figure
        return self.row.floor(percentile, self.per, self.top)

    def top_coded(self, percentile: str) -> bool:
        return self.row.figure(percentile, self.per) == "#"


def _usable(row: Wage, per: str) -> bool:
    """A median to print, and a 10th and 90th percentile that are figures or top-coded."""
    ends = (row.figure("pct10", per), row.figure("pct90", per))
    return isinstance(row.figure("median", per), float) and all(
        isinstance(end, float) or end == "#" for end in ends
    )


def _pay(data: Data, code: str) -> tuple[Pay | None, str]:
    """The pay `code`'s guide prints (its state's, else national) or why it has none."""
    wages, crosswalk = data.wages, data.wage_rows
    assert wages is not None and crosswalk is not None
    match = crosswalk.find(code)
    if match is None:
        why = not_covered(code, "oews")
        return None, (
            f"{_oews_title(wages)} has no pay figures for {soc(code)} or an occupation that "
            f"covers it" + (f" ({why})" if why else "")
        )
    instead = ""
    row = None
    for area in ([data.region] if data.region else []) + [NATION]:
        row = wages.area(area).get(match.code)
        for per in ("year", "hour"):
            if row is not None and _usable(row, per):
                return Pay(row, area, per, match, wages.top_code[per], instead), ""
        if area != NATION:
            instead = _not_from(wages, area, row)
    markers = " ".join(sorted({str(f) for f in row.yearly if isinstance(f, str)})) if row else ""
    return None, (
        f"{_oews_title(wages)} publishes no pay figures for {match.code}"
        + (f" (marked {markers})" if markers else "")
    )


def _not_from(wages: Wages, area: str, row: Wage | None) -> str:
    """Why a state's own figures are not used, naming the state."""
    state = wages.area_names.get(area, STATES.get(area, area))
    if row is None:
        return f"{_oews_title(wages)} has no {state} figures for this occupation"
    if all(figure == "#" for figure in row.yearly):
        return (
            f"BLS top-codes every {state} figure for this occupation (each is "
            f"{_money(wages.top_code['year'])} or more)"
        )
    return f"BLS publishes no usable {state} figures for this occupation"


def _money(value: float, per: str = "year") -> str:
    return f"${half_up(value):,}" if per == "year" else f"${value:,.2f}"


def _covering(match: Match, code: str, title: str) -> str:
    """How a BLS row relates to the O*NET occupation it stands for, for a note."""
    if match.how == "own":
        return f"{match.code} {title}"
    what = (
        "the BLS occupation that includes" if match.how == "merged" else "the group that contains"
    )
    return f"{match.code} {title}, {what} {soc(code)}"


PERCENTILE_NAMES = {"pct10": "10th percentile", "median": "median", "pct90": "90th percentile"}
SALARY_FIELDS = {"low": "pct10", "median": "median", "high": "pct90"}


def _salary(data: Data, code: str, pay: Pay) -> dict[str, Any]:
    assert data.wages is not None
    wages = data.wages
    region = (
        "United States"
        if pay.area == NATION
        else wages.area_names.get(pay.area, STATES.get(pay.area, pay.area))
    )
    when = f", {wages.published}" if wages.published else ""
    place = "the United States" if pay.area == NATION else region
    kind = "Yearly" if pay.per == "year" else "Hourly"
    parts = [
        f"{kind} pay in {place}{when}, for {_covering(pay.match, code, pay.row.title)}: "
        "half of workers earn more than the median; most workers (8 in 10) earn between low "
        "and high, the 10th and 90th percentiles."
    ]
    if pay.per == "hour":
        parts.append(
            "BLS publishes no yearly figures for this work, often not full-time and "
            f"year-round: the median is {_money(pay.value('median'), 'hour')} an hour."
        )
    for percentile, name in PERCENTILE_NAMES.items():
        if pay.top_coded(percentile):
            parts.append(
                f"BLS prints no {name} above its top code: it is "
                f"{_money(pay.value(percentile), pay.per)} or more."
            )
    if pay.instead:
        parts.append(f"{pay.instead}; these are national figures.")
    elif data.region:
        parts.append(f"These are {region} ({pay.area}) wages, not national ones.")
    total = wages.area(pay.area).get(ALL_OCCUPATIONS)
    compare = total.figure("median", pay.per) if total else None
    if isinstance(compare, float):
        parts.append(f"All occupations in {place}: median {_money(compare, pay.per)}.")
    parts.append("Pay varies with employer, place and experience.")
    top = [name for name, pct in SALARY_FIELDS.items() if pay.top_coded(pct)]
    return {
        "currency": "USD",
        "region": region,
        **{name: half_up(pay.value(pct)) for name, pct in SALARY_FIELDS.items()},
        **({"per": "hour"} if pay.per == "hour" else {}),
        **({"all_jobs_median": half_up(compare)} if isinstance(compare, float) else {}),
        **({"or_more": top} if top else {}),
        "note": " ".join(parts),
        "cite": ["oews"],
    }


def _projection(data: Data, code: str) -> tuple[Projection | None, Match | None]:
    if data.projections is None or data.projection_rows is None:
        return None, None
    match = data.projection_rows.find(code)
    return (data.projections.rows[match.code], match) if match else (None, None)


def demand_word(change: float, total: float) -> str:
    """The change compared with all occupations' change, in points of percent."""
    if change >= total + 5:
        return "Much faster than average"
    if change >= total + 2:
        return "Faster than average"
    if change > total - 2:
        return "About as fast as average"
    if change >= 0:
        return "Slower than average"
    return "Declining"


def _outlook(data: Data, code: str, row: Projection, match: Match) -> dict[str, Any]:
    """BLS's national projection; a state guide says the figures are national."""
    projections = data.projections
    assert projections is not None
    base, end = projections.years
    outlook: dict[str, Any] = {"cite": ["ep"]}
    parts = []
    if row.change is not None:
        outlook["growth"] = f"{row.change:+.1f}% by {end}" if end else f"{row.change:+.1f}%"
        if data.region:
            outlook["growth"] += " (national)"
        parts.append(
            f"BLS projects employment in the United States to change by {row.change:+.1f}% "
            f"from {base} to {end}"
        )
        if projections.total_change is not None:
            total = projections.total_change
            outlook["demand"] = demand_word(row.change, total)
            how = "" if projections.total_from_row else ", summed from the file's rows"
            parts[-1] += f", against {total:+.1f}% for all occupations{how}."
            parts.append(
                f"Demand compares the two: {outlook['demand'].lower()} means "
                + _demand_rule(outlook["demand"])
                + "."
            )
        else:
            parts[-1] += "."
    if row.openings is not None:
        parts.append(f"About {half_up(row.openings * 1000):,} openings a year on average.")
    if match.how != "own":
        parts.append(f"Figures are for {_covering(match, code, row.title)}.")
    if data.region:
        state = STATES.get(data.region, data.region)
        parts.append(f"These are national projections, not figures for {state}.")
    outlook["text"] = " ".join(parts) or None
    return {key: value for key, value in outlook.items() if value is not None}


def _demand_rule(word: str) -> str:
    return {
        "Much faster than average": "5 points or more above it",
        "Faster than average": "2 to 5 points above it",
        "About as fast as average": "within 2 points of it",
        "Slower than average": "more than 2 points below it, without a fall",
        "Declining": "a fall in employment, more than 2 points below it",
    }[word]


def _related(data: Data, code: str, pay: Pay | None) -> list[dict[str, Any]]:
    onet = data.onet
    rows = []
    for other in onet.related.get(code, [])[:RELATED_SHOWN]:
        item: dict[str, Any] = {"role": other.title}
        theirs, _ = _pay(data, other.code) if data.wages else (None, "")
        if theirs is not None:
            item["pay"] = _related_pay(data, pay, theirs)
        zone = onet.job_zones.get(other.code)
        if zone:
            item["entry"] = f"Job Zone {zone} of 5"
        rows.append(item)
    return rows


def _related_pay(data: Data, pay: Pay | None, theirs: Pay) -> str:
    """Their median, compared with this job's only when both come from one area and unit;
    in a state guide, the area is named when it is not the one this job's pay is from."""
    national = ""
    if data.region and theirs.area == NATION:
        national = " national"
    elif data.region and pay is not None and pay.area == NATION:
        national = f" {STATES.get(theirs.area, theirs.area)}"
    if pay is not None and (theirs.row.code, theirs.area) == (pay.row.code, pay.area):
        return f"the same{national} OEWS figures ({pay.row.code})"
    money = _money(theirs.value("median"), theirs.per)
    text = (
        f"{money}{national} median"
        if theirs.per == "year"
        else f"{national} median {money} an hour".lstrip()
    )
    if pay is not None and (pay.area, pay.per) == (theirs.area, theirs.per):
        mine = pay.value("median")
        ratio = (theirs.value("median") - mine) * 100 / mine
        text += (
            " (about the same)"
            if abs(ratio) < 1
            else f" ({half_up(abs(ratio))}% {'more' if ratio > 0 else 'less'})"
        )
    return text


def _onet_release(onet: Onet) -> str:
    return f"{onet.release} ({onet.published})" if onet.published else onet.release


def _oews_title(wages: Wages) -> str:
    return f"Occupational Employment and Wage Statistics, {wages.published}".rstrip(", ")


def _ep_title(projections: Projections) -> str:
    return f"Employment Projections {projections.label}".strip()


def _onet_credit(onet: Onet) -> str:
    return (
        f"This page includes information from the {onet.release} by the U.S. Department of "
        "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
        "license. O*NET® is a trademark of USDOL/ETA. "
        f"{MODIFIER} has modified all or some of this information. USDOL/ETA has not "
        "approved, endorsed, or tested these modifications."
    )


def _onet_source(onet: Onet, today: date) -> dict[str, Any]:
    source = {
        "title": onet.release,
        "publisher": ONET_PUBLISHER,
        "url": ONET_URL,
        "kind": "Government",
        "accessed": today,
        "published": onet.published or None,
        "credit": _onet_credit(onet),
    }
    return {key: value for key, value in source.items() if value is not None}


def _oews_source(wages: Wages, today: date) -> dict[str, Any]:
    title = _oews_title(wages)
    source = {
        "title": title,
        "publisher": BLS,
        "url": OEWS_URL,
        "kind": "Government",
        "accessed": today,
        "published": wages.released or None,
        "credit": f"{BLS}, {title}",
    }
    return {key: value for key, value in source.items() if value is not None}


def _ep_source(projections: Projections, today: date) -> dict[str, Any]:
    title = _ep_title(projections)
    source = {
        "title": title,
        "publisher": BLS,
        "url": EP_URL,
        "kind": "Government",
        "accessed": today,
        "published": projections.released or None,
        "credit": f"{BLS}, {title}",
    }
    return {key: value for key, value in source.items() if value is not None}


@dataclass
class Imported:
    """What became of one occupation."""

    code: str
    path: Path
    status: str  # "wrote", "kept" (exists; no --force) or "failed"
    missing: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class Tally:
    wrote: int = 0
    warned: int = 0
    kept: int = 0
    failed: int = 0
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def add(self, imported: Imported) -> None:
        if imported.status == "wrote":
            self.wrote += 1
            self.warned += bool(imported.missing)
        elif imported.status == "kept":
            self.kept += 1
        else:
            self.failed += 1
        self.seconds = time.perf_counter() - self.started

    def summary(self) -> str:
        total = self.wrote + self.kept + self.failed
        return (
            f"imported {self.wrote} of {total} occupations ({self.warned} with warnings), "
            f"kept {self.kept} existing, failed {self.failed} in {self.seconds:.1f} s"
        )


def import_guides(
    data: Data,
    codes: list[str],
    folder: Path,
    force: bool = False,
    today: date | None = None,
    name: str | None = None,
) -> Iterator[Imported]:
    """Draft, validate and write `folder/<slug>.yaml` per code; never replace a file unless
    `force`. Two occupations with one slug get the code in the second file name. `name`
    (`import --name`, one occupation) is the file's name, as short as a class list needs."""
    from .scaffold import _schema_reference

    today = today or date.today()
    header = [
        f"# yaml-language-server: $schema={_schema_reference(folder)}",
        f"# Drafted by `careerguide import` on {today.isoformat()} from: "
        + "; ".join(data.releases())
        + ".",
        "# Every figure cites its source. `careerguide check` lists the sections still to write.",
    ]
    used: set[str] = set()
    for code in codes:
        title = data.onet.occupations[code].title
        slug = slugify(name or title)
        if slug in used:
            slug = f"{slug}-{code.replace('.', '-')}"
        used.add(slug)
        path = folder / f"{slug}.yaml"
        if path.exists() and not force:
            yield Imported(code, path, "kept", error="exists; --force replaces it")
            continue
        try:
            result = draft(data, code, today)
            Guide.model_validate(result.guide)
            text = "\n".join(header) + "\n" + _dump(result.guide)
            write_atomic(path, text.encode("utf-8"))
        except GuideError as error:
            yield Imported(code, path, "failed", error="; ".join(p.message for p in error.problems))
            continue
        except ValueError as error:  # pydantic's ValidationError: a mapping rule broke the model
            yield Imported(code, path, "failed", error=str(error).splitlines()[0])
            continue
        yield Imported(code, path, "wrote", result.missing)


def _dump(guide: dict[str, Any]) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # the same date in several places is written out each time

    return yaml.dump(guide, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
