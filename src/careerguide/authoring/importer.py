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
- education: O*NET's shares of surveyed workers saying each level is required (scale RL;
  `share_means: required`), grouped into routes, rounded so they sum to at most 100,
  each citing O*NET; BLS's typical entry-level education marked (`typical_entry`).
- pathway, pros and cons, fit, a day, why it matters: `drafting/` (each module says how).
- salary: OEWS 10th percentile, median and 90th percentile of the row that covers the
  occupation (`Crosswalk`), the state's or else national with a note naming the state;
  top-coded (`#`) figures as "or more", hourly figures where BLS has no yearly ones.
- outlook: BLS percent change and annual openings, national; the demand word compares
  the change with the change of all occupations in the same file (`demand_word`). What
  the BLS files lack (no pay, no projection) is said here too, not only on the terminal.
- related: O*NET related occupations, closest tier first, with pay relative to this one
  (OEWS medians, compared only within one area and unit; the area named when it is not
  this job's) and entry level (job zones, in words).
- sources: one per file, with the licence's credit line and the method notes, once
  (which BLS row stands for the occupation, how the demand word is chosen).
"""

import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
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
from .drafting import technologies as tech
from .drafting.action_plan import action_plan
from .drafting.day import day, why_it_matters
from .drafting.demand import DEMAND_WORDS, demand_word
from .drafting.fit import fit
from .drafting.pathway import pathway
from .drafting.tasks import order_tasks
from .drafting.titles import file_stem, plain_title
from .drafting.tradeoffs import PayComparison, tradeoffs
from .drafting.words import LANGUAGES, Words, half_up, words

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
    wage_rows: Crosswalk | None = None  # the OEWS row that covers each O*NET code
    projection_rows: Crosswalk | None = None

    @property
    def warnings(self) -> list[str]:
        """What reading the files found wrong but could go past (an unreadable wage cell)."""
        return self.wages.warnings if self.wages else []

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
    w = words(data.language)
    missing: list[str] = []
    guide: dict[str, Any] = {"schema": 1, "career": _career(data, code, today, w, missing)}
    pay, no_pay = _pay(data, code) if data.wages is not None else (None, "")
    projection, projected = _projection(data, code)
    guide |= _skills_section(data, code, w, missing)
    guide |= _drafted(data, code, projection, w)
    if data.onet.job_zones.get(code) is None:
        missing.append("job zone (O*NET Job Zones)")
    education = _education(data.onet, code, projection.education if projection else "", w)
    if education:
        guide["education"] = education
    else:
        missing.append("education levels (O*NET Education, Training, and Experience)")
    sources = {"onet": _onet_source(data.onet, today, code)}  # O*NET is used by every guide
    sources |= _bls(data, code, today, (pay, no_pay), (projection, projected), guide, missing)
    guide["tradeoffs"] = tradeoffs(
        data.onet, code, _compared(data, pay, w), data.projections, projection, w
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
    related = _related(data, code, pay, w)
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
    if field_name := major_group(code):  # the SOC major group, a field to filter by
        career["cluster"] = field_name
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
    return max(0, min(100, half_up((value - low) * 100 / (high - low))))


def _skills(onet: Onet, code: str, w: Words) -> dict[str, Any] | None:
    ratings = onet.skills.get(code, [])
    if not ratings:
        return None
    low, high = onet.scales.get("IM", (1.0, 5.0))
    ranked = sorted(ratings, key=lambda rating: (-rating.value, rating.name))[:SKILLS_SHOWN]
    items = [{"name": r.name, "score": rescale(r.value, low, high)} for r in ranked]
    return {"note": w["skills_note"], "max": 100, "items": items}


def _education(onet: Onet, code: str, entry: str, w: Words) -> list[dict[str, Any]]:
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
        name = w["routes"].get(route, route)
        item: dict[str, Any] = {"route": name, "share": share, "share_means": "required"}
        details = []
        if route == typical:
            item["typical_entry"] = True
            named = w["education_names"].get(entry, entry)
            details.append(w("typical_entry", entry=entry, education=named))
        if share > 0 and any(level in flagged and shares.get(level) for level in levels):
            details.append(w["less_reliable"])
        if details:
            item["detail"] = " ".join(details)
        item["cite"] = ["onet", "ep"] if route == typical else ["onet"]
        routes.append(item)
    return routes


@dataclass(frozen=True)
class Pay:
    """One occupation's pay as a guide prints it: the OEWS row, its area, per year or hour."""

    row: Wage
    area: str
    per: str  # "year", or "hour" where BLS publishes no yearly figures
    match: Match
    top: float  # the file's top code, per year or hour
    instead: str = ""  # why the guide's state's own figures are not used: a `Words` key

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
    """The pay `code`'s guide prints (its state's, else national) or why it has none, for
    the terminal (the guide says it in plain words)."""
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
            instead = _not_from(row)
    markers = " ".join(sorted({str(f) for f in row.yearly if isinstance(f, str)})) if row else ""
    return None, (
        f"{_oews_title(wages)} publishes no pay figures for {match.code}"
        + (f" (marked {markers})" if markers else "")
    )


def _not_from(row: Wage | None) -> str:
    """Why a state's own figures are not used, as the `Words` key of the sentence."""
    if row is None:
        return "state_no_row"
    if all(figure == "#" for figure in row.yearly):
        return "state_top_coded"
    return "state_unusable"


PERCENTILES = {"low": "pct10", "median": "median", "high": "pct90"}


def _salary(data: Data, pay: Pay, w: Words) -> dict[str, Any]:
    """The figures, and a note in plain words: where and when they are from, what the
    range means, what BLS does not publish; which BLS row they are is in the source."""
    assert data.wages is not None
    wages = data.wages
    name = wages.area_names.get(pay.area, STATES.get(pay.area, pay.area))
    region = "United States" if pay.area == NATION else name
    place = w["nation"] if pay.area == NATION else name
    per = w["per"][pay.per]
    when = f", {w.month(wages.published)}" if wages.published else ""
    parts = [w("pay_where", place=place, when=when)]
    if pay.match.how != "own":
        parts.append(w(f"figures_{pay.match.how}", title=plain_title(pay.row.title)))
    if pay.per == "hour":
        parts.append(w("pay_hourly", median=w.money(pay.value("median"), "hour")))
    for field_name, percentile in PERCENTILES.items():
        if pay.top_coded(percentile):
            amount = w.money(pay.value(percentile), pay.per)
            parts.append(w("pay_top_coded", name=w["ends"][field_name], amount=amount, per=per))
    if pay.instead:
        state = wages.area_names.get(data.region or "", STATES.get(data.region or "", ""))
        parts.append(w(pay.instead, state=state, top=w.money(wages.top_code["year"])))
    elif data.region:
        parts.append(w("pay_state", state=name))
    compare = _all_jobs_median(wages, pay)
    if compare is not None:
        parts.append(w("pay_all_jobs", place=place, median=w.money(compare, pay.per), per=per))
    parts.append(w["pay_varies"])
    top = [field_name for field_name, pct in PERCENTILES.items() if pay.top_coded(pct)]
    return {
        "currency": "USD",
        "region": region,
        **{key: half_up(pay.value(pct)) for key, pct in PERCENTILES.items()},
        **({"per": "hour"} if pay.per == "hour" else {}),
        **({"all_jobs_median": half_up(compare)} if compare is not None else {}),
        **({"or_more": top} if top else {}),
        "note": " ".join(parts),
        "cite": ["oews"],
    }


def _all_jobs_median(wages: Wages, pay: Pay) -> float | None:
    """All occupations' median in the area and unit of `pay`: like is compared with like."""
    total = wages.area(pay.area).get(ALL_OCCUPATIONS)
    figure = total.figure("median", pay.per) if total else None
    return figure if isinstance(figure, float) else None


def _compared(data: Data, pay: Pay | None, w: Words) -> PayComparison | None:
    """What a pay pro or con compares: this job's median and all jobs' median, both from
    the row, the area and the unit (a year, an hour) the guide's salary is from."""
    if data.wages is None or pay is None:
        return None
    total = _all_jobs_median(data.wages, pay)
    if not total:
        return None
    name = data.wages.area_names.get(pay.area, STATES.get(pay.area, pay.area))
    place = w["nation"] if pay.area == NATION else name
    return PayComparison(pay.value("median"), total, place, pay.per)


def _projection(data: Data, code: str) -> tuple[Projection | None, Match | None]:
    if data.projections is None or data.projection_rows is None:
        return None, None
    match = data.projection_rows.find(code)
    return (data.projections.rows[match.code], match) if match else (None, None)


def _no_projection(projections: Projections, code: str) -> str:
    why = not_covered(code, "projections")
    return f"{_ep_title(projections)} have no row for {soc(code)}" + (f" ({why})" if why else "")


def _outlook(data: Data, row: Projection, match: Match, w: Words) -> dict[str, Any]:
    """Growth, the demand word and a plain paragraph; BLS's projections are national, which
    a state guide says. How the word is chosen is in the source's note (`_ep_source`)."""
    projections = data.projections
    assert projections is not None
    base, end = projections.years
    outlook: dict[str, Any] = {"cite": ["ep"]}
    parts = []
    total = projections.total_change
    if row.change is not None:
        change = w.change(row.change)
        outlook["growth"] = w("growth", change=change, end=end) if end else change
        if data.region:
            outlook["growth"] += w["national_mark"]
        figures = {"change": w.change(row.change), "base": base, "end": end}
        if total is not None:
            outlook["demand"] = w["demand_words"][demand_word(row.change, total)]
            parts.append(w("outlook_change", total=w.change(total), **figures))
        else:
            parts.append(w("outlook_change_alone", **figures))
    if row.openings is not None:
        parts.append(w("outlook_openings", openings=w.number(row.openings * 1000)))
    if match.how != "own":
        parts.append(w(f"figures_{match.how}", title=plain_title(row.title)))
    if data.region:
        parts.append(w("outlook_national", state=STATES.get(data.region, data.region)))
    outlook["text"] = " ".join(parts) or None
    return {key: value for key, value in outlook.items() if value is not None}


def _say_absent(guide: dict[str, Any], absent: list[str], sources: dict[str, Any]) -> None:
    """What the BLS files lack, said in the guide's outlook, citing the files."""
    outlook = guide.setdefault("outlook", {"cite": []})
    outlook["text"] = " ".join([*filter(None, [outlook.get("text")]), *absent])
    outlook["cite"] += [key for key in ("oews", "ep") if key in sources]
    outlook["cite"] = list(dict.fromkeys(outlook["cite"]))


def _bls(
    data: Data,
    code: str,
    today: date,
    paid: tuple[Pay | None, str],
    projected: tuple[Projection | None, Match | None],
    guide: dict[str, Any],
    missing: list[str],
) -> dict[str, dict[str, Any]]:
    """Salary and outlook into `guide`, and their sources; what the BLS files lack is said
    in the guide's outlook (plain words) and in `missing` (for the terminal)."""
    w = words(data.language)
    (pay, no_pay), (row, match) = paid, projected
    sources: dict[str, dict[str, Any]] = {}
    absent = []
    if data.wages is not None:
        sources["oews"] = _oews_source(data, code, pay, today)
        if pay is None:
            missing.append(f"wages ({no_pay})")
            absent.append(w("no_pay"))
        else:
            guide["salary"] = _salary(data, pay, w)
    if data.projections is not None:
        sources["ep"] = _ep_source(data.projections, today, code, match)
        if row is None or match is None:
            missing.append(f"projections ({_no_projection(data.projections, code)})")
            absent.append(w("no_projection"))
        else:
            guide["outlook"] = _outlook(data, row, match, w)
    if absent:
        _say_absent(guide, absent, sources)
    return sources


def _demand_rule(word: str) -> str:
    return {
        "Much faster than average": "5 points or more above it",
        "Faster than average": "2 to 5 points above it",
        "About as fast as average": "within 2 points of it",
        "Slower than average": "more than 2 points below it, without a fall",
        "Declining": "a fall in employment, more than 2 points below it",
    }[word]


def _related(data: Data, code: str, pay: Pay | None, w: Words) -> list[dict[str, Any]]:
    onet = data.onet
    rows = []
    for other in onet.related.get(code, [])[:RELATED_SHOWN]:
        item: dict[str, Any] = {"role": plain_title(other.title)}
        theirs, _ = _pay(data, other.code) if data.wages else (None, "")
        if theirs is not None:
            item["pay"] = _related_pay(data, pay, theirs, w)
        zone = onet.zone_reference.get(onet.job_zones.get(other.code, 0))
        if zone:
            words_ = zone.name.split(":", 1)[-1].strip().capitalize()
            item["entry"] = w["zone_names"].get(zone.zone, words_)
        rows.append(item)
    return rows


def _related_pay(data: Data, pay: Pay | None, theirs: Pay, w: Words) -> str:
    """Their median, compared with this job's only when both come from one area and unit;
    in a state guide, the area is named when it is not the one this job's pay is from."""
    notes = []
    if data.region and theirs.area == NATION:
        notes.append(w["national"])
    elif data.region and pay is not None and pay.area == NATION:
        notes.append(STATES.get(theirs.area, theirs.area))
    if pay is not None and (theirs.row.code, theirs.area) == (pay.row.code, pay.area):
        return w["same_pay"] + "".join(f" ({note})" for note in notes)
    text = w.money(theirs.value("median"), theirs.per)
    if theirs.per == "hour":
        text += " " + w["per"]["hour"]
    if pay is not None and (pay.area, pay.per) == (theirs.area, theirs.per):
        mine = pay.value("median")
        ratio = (theirs.value("median") - mine) * 100 / mine
        if abs(ratio) >= 1:
            notes.append(f"{'+' if ratio > 0 else '-'}{half_up(abs(ratio))}%")
    return text + (f" ({', '.join(notes)})" if notes else "")


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


def _covering(match: Match, code: str, title: str) -> str:
    """Which BLS row stands for an O*NET occupation, for a source's note."""
    what = (
        "the BLS occupation that includes" if match.how == "merged" else "the group that contains"
    )
    return f"Figures for {soc(code)} are those of {match.code} {title}, {what} {soc(code)}."


def _oews_source(data: Data, code: str, pay: Pay | None, today: date) -> dict[str, Any]:
    """The wages file, with how its figures were read (once, here, not beside the figures)."""
    assert data.wages is not None
    title = _oews_title(data.wages)
    note = (
        "Pay: low, median and high are the 10th, 50th and 90th percentiles of workers' pay; "
        "a figure BLS top-codes (#) prints as its top code or more."
    )
    if pay is not None and pay.match.how != "own":
        note += " " + _covering(pay.match, code, pay.row.title)
    source = {
        "title": title,
        "publisher": BLS,
        "url": OEWS_URL,
        "kind": "Government",
        "accessed": today,
        "published": data.wages.released or None,
        "credit": f"{BLS}, {title}",
        "note": note,
    }
    return {key: value for key, value in source.items() if value is not None}


def _ep_source(
    projections: Projections, today: date, code: str, match: Match | None
) -> dict[str, Any]:
    """The projections file, with how the demand word is chosen and which row was used."""
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
    notes = []
    if projections.total_change is not None:
        how = "" if projections.total_from_row else ", summed from the file's rows"
        rules = "; ".join(f"{word.lower()}: {_demand_rule(word)}" for word in DEMAND_WORDS)
        notes.append(
            f"Demand compares the occupation's projected change with all occupations' "
            f"({projections.total_change:+.1f}%{how}) in points of percent: {rules}. Pros "
            "and cons compare annual openings with the median of all occupations in the file."
        )
    if match is not None and match.how != "own":
        notes.append(_covering(match, code, projections.rows[match.code].title))
    if notes:
        source["note"] = " ".join(notes)
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
        title = plain_title(data.onet.occupations[code].title)
        slug = slugify(name) if name else file_stem(title)
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
