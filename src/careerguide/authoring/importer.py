"""`careerguide import`: a cited draft guide per occupation from O*NET and BLS files.

The files are read once per run (`load_data`); each occupation is then drafted from what
they hold (`draft`), every value taken from a row of a file and every figure citing the
source it came from. The sections a person writes from experience (quotes, myths) are
left out; `career.data_releases` marks the guide as drafted, so `check` lists them as
still to write. The drafted sections are in `drafting/`, one module per section, in
plain words and in the guide's language (`--language`).

Mapping rules, one per section:

- career: O*NET's title as people say it (`drafting.titles`), description, core tasks in
  O*NET's order (`drafting.tasks`), a few alternate titles (those most sources reported),
  RIASEC high points, the SOC code; a link to the occupation's page on O*NET OnLine.
- skills: O*NET Importance (1-5) rescaled to 0-100 as O*NET OnLine shows it,
  `(value - min) * 100 / (max - min)`; estimates marked Recommend Suppress = Y left out.
  Technologies O*NET marks In Demand for the occupation (`drafting.technologies`).
- education: O*NET's shares of workers at each level (scale RL), grouped into routes,
  rounded so they sum to at most 100, each citing O*NET; the BLS typical entry-level
  education marked.
- pathway, pros and cons, fit, a day, why it matters: `drafting/` (each module says how).
- salary: OEWS 10th percentile, median and 90th percentile, nation or one state.
- outlook: BLS percent change and annual openings; the demand word compares the change
  with the change of all occupations in the same file (`demand_word`).
- related: O*NET related occupations, closest tier first, with pay relative to this one
  (OEWS medians) and entry level (job zones, in words).
- sources: one per file, with the licence's credit line and the method notes, once.
"""

import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from ..core.errors import GuideError, Problem
from ..core.messages import did_you_mean
from ..core.model import Guide
from ..data.bls import (
    NATION,
    STATES,
    Projection,
    Projections,
    Wage,
    Wages,
    containing,
    read_projections,
    read_wages,
    soc,
)
from ..data.onet import Onet, read_onet
from ..render.write import write_atomic
from .check import ITEM_LIMIT
from .drafting import technologies as tech
from .drafting.action_plan import action_plan
from .drafting.day import day, why_it_matters
from .drafting.demand import DEMAND_WORDS, demand_word
from .drafting.fit import fit
from .drafting.pathway import pathway
from .drafting.tasks import order_tasks
from .drafting.titles import file_stem, plain_title
from .drafting.tradeoffs import Pay, tradeoffs
from .drafting.words import LANGUAGES, Words, words

SKILLS_SHOWN = 8
TASKS_SHOWN = 6
TITLES_SHOWN = 4
RELATED_SHOWN = 6
TOP_SKILLS = 3

ONET_URL = "https://www.onetcenter.org/database.html"
OCCUPATION_URL = "https://www.onetonline.org/link/summary/{code}"
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
    language: str = "en"  # the language the drafted sentences are written in

    @cached_property
    def asked(self) -> Counter[str]:
        """How many occupations have each technology In Demand (`drafting.technologies`)."""
        return tech.popularity(self.onet)

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
    language: str = "en",
) -> Data:
    """Read the O*NET folder and the optional BLS files; check `region` against the wages."""
    if language not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise GuideError(Problem.about("--language", f"no language {language!r}; known: {known}"))
    data = Data(read_onet(onet), language=language)
    if wages is not None:
        data.wages = read_wages(wages)
    if projections is not None:
        data.projections = read_projections(projections)
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
    """One occupation's code for a code or a title; several matches are an error listing them."""
    wanted = query.strip()
    if re.fullmatch(r"\d\d-\d{4}(\.\d\d)?", wanted):
        code = wanted if "." in wanted else f"{wanted}.00"
        if code in onet.occupations:
            return code
        raise GuideError(
            Problem.about("", f"no occupation {wanted} in {onet.files['occupations']}")
        )
    folded = wanted.casefold()
    exact = [code for code, job in onet.occupations.items() if job.title.casefold() == folded]
    if len(exact) == 1:
        return exact[0]
    words = folded.split()
    matches = [
        code
        for code, job in onet.occupations.items()
        if words and all(word in job.title.casefold() for word in words)
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        titles = {job.title for job in onet.occupations.values()}
        raise GuideError(
            Problem.about("", f"no occupation titled {wanted!r}{did_you_mean(wanted, titles)}")
        )
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
    w = words(data.language)
    missing: list[str] = []
    guide: dict[str, Any] = {"schema": 1, "career": _career(data, code, today, w, missing)}
    wage, wage_area, wage_note = _wage(data, code)
    projection = _projection(data, code)
    guide |= _skills_section(data, code, w, missing)
    guide |= _drafted(data, code, projection, w)
    if data.onet.job_zones.get(code) is None:
        missing.append("job zone (O*NET Job Zones)")
    education = _education(data.onet, code, projection.education if projection else "")
    if education:
        guide["education"] = education
    else:
        missing.append("education levels (O*NET Education, Training, and Experience)")
    sources = {"onet": _onet_source(data.onet, today, code)}  # O*NET is used by every guide
    if data.wages is not None:
        if wage is None:
            missing.append(f"wages ({wage_note})")
        else:
            guide["salary"] = _salary(data, code, wage, wage_area, wage_note)
            sources["oews"] = _oews_source(data.wages, today)
    if data.projections is not None:
        if projection is None:
            missing.append(f"projections (no row for {soc(code)} in {data.projections.path.name})")
        else:
            guide["outlook"] = _outlook(data.projections, code, projection, w)
            sources["ep"] = _ep_source(data.projections, today)
    guide["tradeoffs"] = tradeoffs(
        data.onet, code, _pay(guide.get("salary"), wage, w), data.projections, projection, w
    )
    plan = action_plan(
        data.onet,
        code,
        guide.get("snapshot", {}).get("top_skills", []),
        guide["career"].get("also_known_as", []),
        projection,
        w,
    )
    if plan:
        guide["action_plan"] = plan
    related = _related(data, code, wage, w)
    if related:
        guide["related"] = related
    title = guide["career"]["title"]
    guide["links"] = [{"label": w("link_label", title=title), "url": occupation_url(code)}]
    guide["sources"] = [{"id": key, **source} for key, source in sources.items()]
    _markdown(guide)
    if w["onet_english"] and "summary" in guide["career"]:  # O*NET's texts stay in English
        guide["career"]["summary"] += " " + w["onet_english"]
    return Draft(code, title, guide, missing)


def occupation_url(code: str) -> str:
    """The occupation's own page on O*NET OnLine, for the QR code and "learn more"."""
    return OCCUPATION_URL.format(code=code)


def _career(data: Data, code: str, today: date, w: Words, missing: list[str]) -> dict[str, Any]:
    onet = data.onet
    job = onet.occupations[code]
    title = plain_title(job.title)
    career: dict[str, Any] = {"title": title}
    titles = _alternate_titles(onet, code, title)
    if titles:
        career["also_known_as"] = titles
    if job.description:
        career["summary"] = job.description
    # Tasks longer than a list item's place on the page are left for the counselor to shorten.
    ordered = order_tasks(onet, code)
    tasks = [task for task in ordered if len(task) <= ITEM_LIMIT][:TASKS_SHOWN]
    if tasks:
        career["tasks"] = tasks
    elif ordered:
        missing.append(f"tasks (all longer than {ITEM_LIMIT} characters)")
    else:
        missing.append("tasks (O*NET Task Statements)")
    career["soc"] = code
    if onet.interests.get(code):
        career["interests"] = onet.interests[code]
    career["updated"] = today
    if data.language != "en":
        career["language"] = data.language
    career["data_releases"] = data.releases()
    return career


def _skills_section(data: Data, code: str, w: Words, missing: list[str]) -> dict[str, Any]:
    """Skills (always there: its note carries O*NET's short credit line) and the snapshot."""
    onet = data.onet
    found: dict[str, Any] = {}
    skills = _skills(onet, code, w)
    if skills is None:
        missing.append("skill ratings (O*NET Skills)")
        skills = {"note": ""}
    else:
        found["snapshot"] = {"top_skills": [item["name"] for item in skills["items"][:TOP_SKILLS]]}
    technologies = tech.technologies(onet, code, data.asked)
    if technologies:
        skills["technologies"] = technologies
    skills["note"] = (skills["note"] + " " + w["short_credit"]).strip()
    skills["cite"] = ["onet"]
    return found | {"skills": skills}


def _drafted(data: Data, code: str, projection: Projection | None, w: Words) -> dict[str, Any]:
    """The sections a person used to write: why it matters, a day, pathway, fit."""
    onet = data.onet
    found: dict[str, Any] = {}
    if data.projections is not None and projection is not None:
        why = why_it_matters(data.projections, projection, w)
        if why:
            found["why_it_matters"] = why
    shown = len([task for task in order_tasks(onet, code) if len(task) <= ITEM_LIMIT][:TASKS_SHOWN])
    drafted_day = day(order_tasks(onet, code), shown, onet.supplemental_tasks.get(code, []), w)
    if drafted_day:
        found["day"] = drafted_day
    stages = pathway(onet, code, projection, w)
    if len(stages) > 1:
        found["pathway"] = stages
    checklist = fit(onet, code, w)
    if checklist:
        found["fit"] = checklist
    return found


def _pay(salary: dict[str, Any] | None, wage: Wage | None, w: Words) -> Pay | None:
    """The figures a pay pro or con compares: this job's median and all jobs' median."""
    if salary is None or wage is None or not salary.get("all_jobs_median"):
        return None
    place = salary.get("region") or "United States"
    place = w["nation"] if place == "United States" else place
    return Pay(salary["median"], salary["all_jobs_median"], place)


def md(text: str) -> str:
    """Text for a field printed as Markdown, its marks escaped: `O*NET` stays `O*NET`."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


# The drafted fields the layouts print as Markdown: (section, field) in a section, and
# (list, field) in each item of a list. The rest print as written.
MARKDOWN_FIELDS = (
    ("career", "summary"),
    ("career", "tasks"),
    ("skills", "note"),
    ("salary", "note"),
    ("outlook", "text"),
    ("day", "intro"),
    ("fit", "good_fit"),
    ("fit", "maybe_not"),
    ("tradeoffs", "pros"),
    ("tradeoffs", "cons"),
    ("action_plan", "high_school"),
    ("action_plan", "college"),
    ("action_plan", "first_job"),
)
MARKDOWN_ITEMS = (("pathway", "detail"), ("education", "detail"), ("sources", "note"))


def _markdown(guide: dict[str, Any]) -> None:
    """Escape the texts the layouts print as Markdown, so `O*NET` prints as written."""
    if "why_it_matters" in guide:
        guide["why_it_matters"] = md(guide["why_it_matters"])
    places = [(guide.get(section), name) for section, name in MARKDOWN_FIELDS]
    places += [(item, name) for part, name in MARKDOWN_ITEMS for item in guide.get(part, [])]
    for place, name in places:
        if place and name in place:
            value = place[name]
            place[name] = md(value) if isinstance(value, str) else [md(text) for text in value]


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


def rescale(value: float, low: float, high: float) -> int:
    """An O*NET rating on 0-100 as O*NET OnLine shows it: (value - min) * 100 / (max - min)."""
    return max(0, min(100, round((value - low) * 100 / (high - low))))


def _skills(onet: Onet, code: str, w: Words) -> dict[str, Any] | None:
    ratings = onet.skills.get(code, [])
    if not ratings:
        return None
    low, high = onet.scales.get("IM", (1.0, 5.0))
    ranked = sorted(ratings, key=lambda rating: (-rating.value, rating.name))[:SKILLS_SHOWN]
    items = [{"name": r.name, "score": rescale(r.value, low, high)} for r in ranked]
    return {"note": w["skills_note"], "max": 100, "items": items}


def _education(onet: Onet, code: str, entry: str) -> list[dict[str, Any]]:
    """Shares of workers by route; rounded down, then the largest remainders get the rest."""
    shares = onet.education.get(code)
    if not shares:
        return []
    exact = [sum(shares.get(level, 0.0) for level in levels) for _, levels in ROUTES]
    target = min(100, round(sum(exact)))
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
        item: dict[str, Any] = {"route": route, "share": share, "cite": ["onet"]}
        details = []
        if route == typical:
            details.append(f"Typical entry-level education (BLS): {entry}.")
        if share > 0 and any(level in flagged and shares.get(level) for level in levels):
            details.append("O*NET marks this share as a less reliable estimate.")
        if details:
            item["detail"] = " ".join(details)
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


def _wage(data: Data, code: str) -> tuple[Wage | None, str, str]:
    """(the OEWS row for `code`, its area, what the note says about it or why it is missing)."""
    if data.wages is None:
        return None, NATION, ""
    areas = [data.region] if data.region else []
    areas.append(NATION)
    for area in areas:
        rows = data.wages.area(area)
        found = containing(code, rows)
        if found is None:
            continue
        wage = rows[found]
        if None in (wage.low, wage.median, wage.high):
            markers = " ".join(sorted(set(wage.markers))) or "blank"
            return (
                None,
                area,
                (
                    f"OEWS {found} has no yearly 10th/50th/90th percentiles "
                    f"(marked {markers}) in {data.wages.path.name}"
                ),
            )
        group = "" if found == soc(code) else f", the wider group that contains {soc(code)}"
        return wage, area, group
    return (
        None,
        NATION,
        f"no row for {soc(code)} or a group containing it in {data.wages.path.name}",
    )


def _money(value: float) -> str:
    return f"${value:,.0f}"


def _salary(data: Data, code: str, wage: Wage, area: str, group: str) -> dict[str, Any]:
    assert data.wages is not None
    wages = data.wages
    region = (
        "United States" if area == NATION else wages.area_names.get(area, STATES.get(area, area))
    )
    when = f", {wages.published}" if wages.published else ""
    place = "the United States" if area == NATION else region
    parts = [
        f"Yearly pay in {place}{when}: low is the 10th percentile, median the 50th and high "
        f"the 90th percentile of workers in {wage.code} {wage.title}{group}."
    ]
    if data.region and area == NATION:
        parts.append(
            f"The file has no {data.region} figures for this occupation; these are national."
        )
    elif data.region:
        parts.append(f"These are {region} ({area}) wages, not national ones.")
    total = wages.area(area).get("00-0000")
    if total and total.median:
        parts.append(f"All occupations in {place}: median {_money(total.median)}.")
    parts.append("Pay varies with employer, place and experience.")
    return {
        "currency": "USD",
        "region": region,
        "low": round(wage.low or 0),
        "median": round(wage.median or 0),
        "high": round(wage.high or 0),
        **({"all_jobs_median": round(total.median)} if total and total.median else {}),
        "note": " ".join(parts),
        "cite": ["oews"],
    }


def _projection(data: Data, code: str) -> Projection | None:
    if data.projections is None:
        return None
    found = containing(code, data.projections.rows)
    return data.projections.rows.get(found) if found else None


def _outlook(projections: Projections, code: str, row: Projection, w: Words) -> dict[str, Any]:
    """Growth, the demand word and a plain paragraph; how the word is chosen is in the
    source's note (`_ep_source`)."""
    base, end = projections.years
    outlook: dict[str, Any] = {"cite": ["ep"]}
    parts = []
    total = projections.total_change
    if row.change is not None:
        change = w.change(row.change)
        outlook["growth"] = w("growth", change=change, end=end) if end else change
        figures = {"change": w.change(row.change), "base": base, "end": end}
        if total is not None:
            outlook["demand"] = w["demand_words"][demand_word(row.change, total)]
            parts.append(w("outlook_change", total=w.change(total), **figures))
        else:
            parts.append(w("outlook_change_alone", **figures))
    if row.openings is not None:
        parts.append(w("outlook_openings", openings=w.number(row.openings * 1000)))
    if row.code != soc(code):
        parts.append(w("outlook_group", title=row.title))
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


def _related(data: Data, code: str, wage: Wage | None, w: Words) -> list[dict[str, Any]]:
    onet = data.onet
    rows = []
    for other in onet.related.get(code, [])[:RELATED_SHOWN]:
        item: dict[str, Any] = {"role": plain_title(other.title)}
        theirs, _, _ = _wage(data, other.code) if data.wages else (None, "", "")
        if theirs is not None and wage is not None and theirs.code == wage.code:
            item["pay"] = w["same_pay"]
        elif theirs is not None and theirs.median:
            pay = f"{w.money(theirs.median)}"
            if wage is not None and wage.median:
                ratio = (theirs.median - wage.median) * 100 / wage.median
                pay += f" ({ratio:+.0f}%)" if abs(ratio) >= 1 else ""
            item["pay"] = pay
        zone = onet.zone_reference.get(onet.job_zones.get(other.code, 0))
        if zone:
            words_ = zone.name.split(":", 1)[-1].strip().capitalize()
            item["entry"] = w["zone_names"].get(zone.zone, words_)
        rows.append(item)
    return rows


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


def _onet_note(onet: Onet, code: str) -> str:
    """How the guide used O*NET, said once with the source rather than beside each figure."""
    low, high = onet.scales.get("IM", (1.0, 5.0))
    suppressed = onet.suppressed_skills.get(code, 0)
    left_out = f"; {suppressed} marked unreliable by O*NET are left out" if suppressed else ""
    return (
        f"Skills: O*NET Importance ({low:g}-{high:g}) rescaled to 0-100 as O*NET OnLine shows "
        f"it, (value - {low:g}) x 100 / {high - low:g}{left_out}. Pathway, pros and cons: the "
        "span of related work experience and training (Education, Training, and Experience) "
        "half of the workers have reached; work styles ranked by Importance. Tasks in "
        "O*NET's order, core tasks first. Technologies: those O*NET marks In Demand for this "
        "occupation."
    )


def _onet_source(onet: Onet, today: date, code: str) -> dict[str, Any]:
    source = {
        "title": onet.release,
        "publisher": ONET_PUBLISHER,
        "url": ONET_URL,
        "kind": "Government",
        "accessed": today,
        "published": onet.published or None,
        "credit": _onet_credit(onet),
        "note": _onet_note(onet, code),
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
        "published": wages.published or None,
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
        "published": projections.label,
        "credit": f"{BLS}, {title}",
    }
    if projections.total_change is not None:
        how = "" if projections.total_from_row else ", summed from the file's rows"
        rules = "; ".join(f"{word.lower()}: {_demand_rule(word)}" for word in DEMAND_WORDS)
        source["note"] = (
            f"Demand compares the occupation's projected change with all occupations' "
            f"({projections.total_change:+.1f}%{how}) in points of percent: {rules}. Pros "
            "and cons compare annual openings with the median of all occupations in the file."
        )
    return source


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
    data: Data, codes: list[str], folder: Path, force: bool = False, today: date | None = None
) -> Iterator[Imported]:
    """Draft, validate and write `folder/<slug>.yaml` per code; never replace a file unless
    `force`. Two occupations with one slug get the code in the second file name."""
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
        slug = file_stem(plain_title(data.onet.occupations[code].title))
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

    # libyaml's emitter when PyYAML has it: the pure-Python one is most of `import --all`'s time.
    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True  # the same date in several places is written out each time

    return yaml.dump(guide, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
