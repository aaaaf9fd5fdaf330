"""BLS files as published: OEWS wages (spreadsheet or CSV) and Employment Projections (CSV).

OEWS: lower- or upper-case headers (`occ_code` or `OCC_CODE`), markers instead of figures
(`*` not available, `**` employment not released, `#` at or above the top-coded wage),
national and state rows told apart by `area_type` (1 nation, 2 state) and `prim_state`.
Only cross-industry, all-ownership rows are kept when the file also holds industry rows.

Projections: the CSV export of BLS's occupational projections; its title cell lists sample
job titles after `*` marks, numbers carry thousands separators and `N/A` where not published.

Codes: OEWS and the projections sometimes publish a group where O*NET has its members
(13-1020 for 13-1021..13-1023). `containing` finds the code a file has for an O*NET-SOC
code: the same 6 digits, else the SOC 2018 code that merged it, else its broad group.
"""

import re
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GuideError, Problem
from .tables import Table, number, read_table, text

ALL_OCCUPATIONS = "00-0000"
NATION = "US"
# SOC 2018 merged these SOC 2010 codes, which O*NET still uses, into a new detailed code.
MERGED = {"21-1011": "21-1018", "21-1014": "21-1018"}

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "GU": "Guam", "PR": "Puerto Rico", "VI": "Virgin Islands",
}  # fmt: skip


def soc(code: str) -> str:
    """The 6-digit SOC part of an O*NET-SOC code: `29-1141.00` -> `29-1141`."""
    return code.strip()[:7]


def containing(code: str, known: Container[str]) -> str | None:
    """The code in `known` for the O*NET-SOC `code`: itself, its SOC 2018 merge, its group."""
    own = soc(code)
    for candidate in (own, MERGED.get(own), own[:6] + "0"):
        if candidate and candidate in known:
            return candidate
    return None


@dataclass(frozen=True)
class Wage:
    """One OEWS row: yearly wages at the 10th, 50th and 90th percentiles (None: a marker)."""

    code: str
    title: str
    low: float | None
    median: float | None
    high: float | None
    markers: tuple[str, ...] = ()  # the markers among the three, e.g. ("#",)


@dataclass
class Wages:
    path: Path
    year: str  # "2025"
    published: str  # "May 2025"
    areas: dict[str, dict[str, Wage]] = field(default_factory=dict)  # "US"/"TX" -> code -> row
    area_names: dict[str, str] = field(default_factory=dict)

    def area(self, region: str | None) -> dict[str, Wage]:
        return self.areas.get(region or NATION, {})


def read_wages(path: Path) -> Wages:
    """Read an OEWS file (the all-data, national or state layout; .xlsx or .csv) once."""
    table = read_table(path)
    columns = (
        table.column("occ_code"),
        table.column("occ_title"),
        table.column("a_pct10"),
        table.column("a_median"),
        table.column("a_pct90"),
        table.find("area_type"),
        table.find("prim_state", "st", "state"),
        table.find("area_title"),
        table.find("i_group"),
        table.find("own_code"),
    )
    year = _year(path, table)
    wages = Wages(path, year, f"May {year}" if year else "")
    for code, title, low, median, high, kind, state, area_title, group, owner in table.records(
        *columns
    ):
        if group is not None and text(group) and text(group).lower() != "cross-industry":
            continue
        if owner is not None and text(owner) and text(owner) not in ("1235", "1,235"):
            continue
        area_kind = text(kind)
        if area_kind in ("", "1"):
            area = NATION
        elif area_kind == "2":
            area = text(state).upper()
        else:
            continue  # metropolitan and other areas
        wages.area_names.setdefault(area, text(area_title) or STATES.get(area, area))
        cells = (low, median, high)
        wages.areas.setdefault(area, {})[text(code)] = Wage(
            text(code),
            text(title),
            number(low),
            number(median),
            number(high),
            markers=tuple(text(cell) for cell in cells if number(cell) is None),
        )
    if not wages.areas.get(NATION) and not wages.areas:
        raise GuideError(Problem.about(path, "has no wage rows"))
    return wages


def _year(path: Path, table: Table) -> str:
    """The survey year: from a `year` column, else the file name (`M2025`, `oesm25`)."""
    index = table.find("year")
    if index is not None and table.rows:
        value = text(table.rows[0][index])
        if re.fullmatch(r"\d{4}", value):
            return value
    name = path.name.lower()
    if m := re.search(r"m_?(20\d\d)", name):
        return m[1]
    if m := re.search(r"oesm(\d\d)", name):
        return f"20{m[1]}"
    return ""


@dataclass(frozen=True)
class Projection:
    code: str
    title: str
    change: float | None  # percent over the decade
    openings: float | None  # a year, in thousands
    employment: tuple[float | None, float | None]  # base and projected, in thousands
    education: str
    experience: str
    training: str


@dataclass
class Projections:
    path: Path
    years: tuple[str, str]  # ("2024", "2034")
    rows: dict[str, Projection]
    total_change: float | None  # percent, all occupations
    total_from_row: bool  # True: the file's own total row; False: summed from its rows

    @property
    def label(self) -> str:
        """`2024-34`, as BLS names the projections."""
        base, end = self.years
        return f"{base}-{end[2:]}" if base and end else ""


def read_projections(path: Path) -> Projections:
    """Read BLS's occupational projections CSV (or spreadsheet) once."""
    table = read_table(path)
    change = table.column("Employment Percent Change", prefix=True)
    years = tuple(re.findall(r"(\d{4})", table.header[change])[:2])
    employment = [
        index
        for index, header in enumerate(table.header)
        if re.fullmatch(r"employment\s*\d{4}", header.strip().lower())
    ]
    base, end = ([*employment, None, None])[:2]
    columns = (
        table.column("Occupation Code", "Matrix Code", "SOC Code"),
        table.column("Occupation Title", "Matrix Title"),
        change,
        table.find("Occupational Openings", prefix=True),
        base,
        end,
        table.find("Typical Entry-Level Education", "Typical Education Needed for Entry"),
        table.find("Work Experience in a Related Occupation"),
        table.find("Typical on-the-job Training"),
    )
    rows: dict[str, Projection] = {}
    for code, title, pct, openings, now, later, education, experience, training in table.records(
        *columns
    ):
        rows[text(code)] = Projection(
            text(code),
            text(title).split("*")[0].strip(),
            number(pct),
            number(openings),
            (number(now), number(later)),
            text(education),
            text(experience),
            text(training),
        )
    total = rows.pop(ALL_OCCUPATIONS, None)
    total_change: float | None
    if total is not None and total.change is not None:
        total_change, from_row = total.change, True
    else:
        pairs = [row.employment for row in rows.values() if None not in row.employment]
        first = sum(pair[0] or 0.0 for pair in pairs)
        total_change = (
            (sum(pair[1] or 0.0 for pair in pairs) - first) * 100 / first if first else None
        )
        from_row = False
    if len(years) < 2 and base is not None and end is not None:
        years = tuple(re.findall(r"\d{4}", table.header[base] + table.header[end]))
    return Projections(path, ((*years, "", ""))[:2], rows, total_change, from_row)
