"""BLS files as published: OEWS wages (spreadsheet or CSV) and Employment Projections (CSV).

OEWS: lower- or upper-case headers (`occ_code` or `OCC_CODE`), markers instead of figures
(`*` not available, `**` employment not released, `#` at or above the top-coded wage),
national and state rows told apart by `area_type` (1 nation, 2 state) and `prim_state`.
Only cross-industry, all-ownership rows are kept when the file also holds industry rows.
Each percentile keeps its own figure or marker: a top-coded 90th percentile leaves the
median standing. A cell that is neither a figure nor a marker is read as missing and
reported (`Wages.warnings`, naming the file, row and column), never taken as zero.

Projections: the CSV export of BLS's occupational projections; its title cell lists sample
job titles after `*` marks, numbers carry thousands separators and `N/A` where not published.

Codes: O*NET-SOC is finer than BLS in places. `Crosswalk` finds the row of a file that
covers an O*NET-SOC code (see its docstring); `NOT_COVERED` lists what BLS does not publish.

Years: BLS publishes the May OEWS figures the next spring, and a decade's projections the
year after their base year (2024-34 in 2025); `Wages.released` and `Projections.released`.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GuideError, Problem
from .tables import Cell, Table, number, read_table, text

ALL_OCCUPATIONS = "00-0000"
NATION = "US"
# SOC 2018 codes that BLS publishes for several O*NET-SOC codes (SOC 2010 detail that O*NET
# keeps). `Crosswalk` also derives these from a file's own rows; the table holds them for a
# file whose rows cannot tell (no `o_group` column to tell a broad group from a detailed
# row). Each title checked against OEWS May 2025 and Projections 2024-34, where they cover
# their members (tests/data/test_bls_real.py):
MERGED = {
    # Substance abuse, behavioral disorder, and mental health counselors
    "21-1011": "21-1018",
    "21-1014": "21-1018",
    # Special education teachers, kindergarten and elementary school
    "25-2055": "25-2052",
    "25-2056": "25-2052",
    # Teaching assistants, except postsecondary
    "25-9042": "25-9045",
    "25-9043": "25-9045",
    "25-9049": "25-9045",
    # Electrical, electronic, and electromechanical assemblers, except coil winders, tapers,
    # and finishers
    "51-2022": "51-2028",
    "51-2023": "51-2028",
    # First-line supervisors of transportation and material moving workers, except aircraft
    # cargo handling supervisors
    "53-1042": "53-1047",
    "53-1043": "53-1047",
    "53-1044": "53-1047",
    "53-1049": "53-1047",
}
# Occupations a BLS file has no row for (by code prefix), and why: OEWS surveys civilian
# employers' payrolls (no military, no self-employed); the projections have no military rows.
MILITARY = "military occupations: BLS surveys civilian employers"
NOT_COVERED = {
    "oews": {
        "55-": MILITARY,
        "45-3031": "most fishing and hunting workers are self-employed, and OEWS surveys employers",
        "11-1031": "the OEWS May 2025 file has no row for legislators",
    },
    "projections": {"55-": MILITARY},
}
# The top code: BLS's footnote to `#` in its OEWS tables ("a wage equal to or greater than
# $115.00 per hour or $239,200 per year"). A file that prints the footnote under its rows
# gives its own (`Wages.top_code`); these are for a file without one.
TOP_CODE = {"year": 239_200.0, "hour": 115.0}
FOOTNOTE = re.compile(
    r"equal to or greater than \$([\d,.]+) per hour or \$([\d,.]+) per year", re.IGNORECASE
)
MARKERS = ("*", "**", "#")
PERCENTILES = ("pct10", "pct25", "median", "pct75", "pct90")

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


def not_covered(code: str, kind: str) -> str | None:
    """Why a BLS file of `kind` ("oews", "projections") has nothing for `code`, when
    `NOT_COVERED` says."""
    own = soc(code)
    return next((why for start, why in NOT_COVERED[kind].items() if own.startswith(start)), None)


@dataclass(frozen=True)
class Match:
    """The row of a BLS file that covers an O*NET-SOC code, and how it was found."""

    code: str
    how: str  # "own", "merged" (several O*NET codes in one BLS row) or "group" (a broader row)


class Crosswalk:
    """Which row of one BLS file covers each O*NET-SOC code.

    In order: the code's own 6 digits; the SOC 2018 code that merged it (`MERGED`, else the
    one detailed row of its broad group that is no O*NET occupation's own code, e.g. 25-2052
    for 25-2055 and 25-2056); else the broader group row that contains it (its code ending
    in 0), which is only right when nothing finer exists. Related careers and the outlook
    use the same walk, so every figure comes from the finest row that covers it.
    """

    def __init__(self, onet_codes: Iterable[str], rows: Mapping[str, str]) -> None:
        """`rows`: the file's codes with their level (`o_group`; "" when the file has none)."""
        self.rows = rows
        owned = {soc(code) for code in onet_codes}
        spare: dict[str, list[str]] = {}
        for code, level in rows.items():
            if code not in owned and level in ("", "detailed"):
                spare.setdefault(code[:6], []).append(code)
        self.spare = {group: codes[0] for group, codes in spare.items() if len(codes) == 1}

    def find(self, code: str) -> Match | None:
        own = soc(code)
        if own in self.rows:
            return Match(own, "own")
        for merged in (MERGED.get(own), self.spare.get(own[:6])):
            if merged and merged in self.rows:
                return Match(merged, "merged")
        group = own[:6] + "0"
        return Match(group, "group") if group in self.rows else None


Figure = float | str  # a figure, or the marker BLS printed instead ("?" for an unreadable cell)


@dataclass(frozen=True)
class Wage:
    """One OEWS row: yearly and hourly wages at the 10th, 25th, 50th, 75th, 90th percentiles."""

    code: str
    title: str
    level: str  # o_group: "detailed", "broad", "minor"...; "" when the file has no such column
    yearly: tuple[Figure, ...]
    hourly: tuple[Figure, ...]

    def figure(self, percentile: str, per: str = "year") -> Figure:
        values = self.yearly if per == "year" else self.hourly
        return values[PERCENTILES.index(percentile)]

    def floor(self, percentile: str, per: str, top: float) -> float:
        """What a top-coded (`#`) percentile is at least: the top code `top`, or a lower
        percentile of the same row when the file prints one above it."""
        values = self.yearly if per == "year" else self.hourly
        below = values[: PERCENTILES.index(percentile)]
        return max([top, *(value for value in below if isinstance(value, float))])


@dataclass
class Wages:
    path: Path
    year: str  # "2025"
    published: str  # "May 2025"
    areas: dict[str, dict[str, Wage]] = field(default_factory=dict)  # "US"/"TX" -> code -> row
    area_names: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # cells neither a figure nor a marker
    top_code: dict[str, float] = field(default_factory=lambda: dict(TOP_CODE))  # per year, hour

    def area(self, region: str | None) -> dict[str, Wage]:
        return self.areas.get(region or NATION, {})

    @property
    def released(self) -> str:
        """The year BLS published the figures: May's survey comes out the next spring."""
        return str(int(self.year) + 1) if self.year.isdigit() else ""

    def crosswalk(self, onet_codes: Iterable[str]) -> Crosswalk:
        levels: dict[str, str] = {}
        for rows in self.areas.values():
            for code, row in rows.items():
                levels.setdefault(code, row.level)
        return Crosswalk(onet_codes, levels)


def read_wages(path: Path) -> Wages:
    """Read an OEWS file (the all-data, national or state layout; .xlsx or .csv) once."""
    table = read_table(path)
    yearly = [table.find(f"a_{name}") for name in PERCENTILES]
    hourly = [table.find(f"h_{name}") for name in PERCENTILES]
    for name, index in (("a_pct10", 0), ("a_median", 2), ("a_pct90", 4)):
        if yearly[index] is None:
            table.column(name)  # names the file and the column it lacks
    columns = (
        table.column("occ_code"),
        table.column("occ_title"),
        table.find("o_group"),
        table.find("area_type"),
        table.find("prim_state", "st", "state"),
        table.find("area_title"),
        table.find("i_group"),
        table.find("own_code"),
    )
    year = _year(path, table)
    wages = Wages(path, year, f"May {year}" if year else "")
    figures = [*yearly, *hourly]
    for line, (record, cells) in enumerate(
        zip(table.records(*columns), table.records(*figures), strict=True), start=2
    ):
        code, title, level, kind, state, area_title, group, owner = record
        if not text(code):
            _footnote(table.rows[line - 2], wages)
            continue
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
        read = [
            _figure(cell, wages, line, table.header[index]) if index is not None else "*"
            for cell, index in zip(cells, figures, strict=True)
        ]
        wages.areas.setdefault(area, {})[text(code)] = Wage(
            text(code), text(title), text(level).lower(), tuple(read[:5]), tuple(read[5:])
        )
    if not wages.areas:
        raise GuideError(Problem.about(path, "has no wage rows"))
    return wages


def _footnote(row: Sequence[Cell], wages: Wages) -> None:
    """The file's own top code, from BLS's footnote to `#` printed in a row without a code."""
    if found := FOOTNOTE.search(" ".join(text(cell) for cell in row)):
        hour, year = number(found[1]), number(found[2])
        if hour and year:
            wages.top_code = {"year": year, "hour": hour}


def _figure(cell: Cell, wages: Wages, line: int, column: str) -> Figure:
    """A wage cell as a figure or its marker; anything else is reported and read as missing."""
    value = number(cell)
    if value is not None:
        return value
    marker = text(cell)
    if marker in MARKERS:
        return marker
    message = f"{marker!r} is neither a figure nor a BLS marker ({' '.join(MARKERS)}); missing"
    problem = Problem(wages.path, message, line=line, col=None, field=column, level="warning")
    wages.warnings.append(str(problem))
    return "?"


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

    @property
    def released(self) -> str:
        """The year BLS released them: the year after their base year (2024-34 in 2025)."""
        base = self.years[0]
        return str(int(base) + 1) if base.isdigit() else ""

    def crosswalk(self, onet_codes: Iterable[str]) -> Crosswalk:
        return Crosswalk(onet_codes, dict.fromkeys(self.rows, ""))


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
