"""The O*NET-SOC to BLS crosswalk on the real files: every one of O*NET 29.3's 1,016
occupations is covered by a row of OEWS May 2025 and of Projections 2024-34, or is one BLS
does not publish (`NOT_COVERED`); and the row is the finest there is, never a broad group.

Reads ../shared/data and skips when it is absent; nothing from there is copied here.
"""

import pytest

from careerguide.data.bls import (
    MERGED,
    Crosswalk,
    Projections,
    Wages,
    not_covered,
    read_projections,
    read_wages,
    soc,
)
from careerguide.data.tables import read_table, text
from helpers import REAL_ONET, REAL_PROJECTIONS, REAL_WAGES, needs_real_data

OCCUPATIONS = REAL_ONET / "Occupation Data.xlsx"
pytestmark = needs_real_data
# What the two files do not cover, by O*NET-SOC code prefix: every military occupation, and
# in OEWS legislators (no row) and fishing and hunting workers (self-employed).
UNCOVERED = {"oews": ("55-", "11-1031", "45-3031"), "projections": ("55-",)}


@pytest.fixture(scope="module")
def codes() -> list[str]:
    table = read_table(OCCUPATIONS)
    return [text(code) for (code,) in table.records(table.column("O*NET-SOC Code"))]


@pytest.fixture(scope="module")
def wages() -> Wages:
    return read_wages(REAL_WAGES)


@pytest.fixture(scope="module")
def projections() -> Projections:
    return read_projections(REAL_PROJECTIONS)


def walk(crosswalk: Crosswalk, codes: list[str], kind: str) -> dict[str, str]:
    """Every code's row; fails on a code neither matched nor documented as uncovered."""
    found = {}
    uncovered = UNCOVERED[kind]
    for code in codes:
        match = crosswalk.find(code)
        if match is None:
            assert soc(code).startswith(uncovered), f"{code} has no row and is not documented"
            assert not_covered(code, kind), f"{code}: NOT_COVERED does not say why"
        else:
            assert not soc(code).startswith(uncovered), f"{code} is covered after all"
            found[code] = match.code
    return found


def test_every_occupation_is_covered_or_documented(codes, wages, projections) -> None:
    assert len(codes) == 1016
    paid = walk(wages.crosswalk(codes), codes, "oews")
    projected = walk(projections.crosswalk(codes), codes, "projections")
    assert len(codes) - len(paid) == 21  # 19 military, legislators, fishing and hunting
    assert len(codes) - len(projected) == 19  # military


def test_the_row_is_the_finest_not_a_broad_group(codes, wages) -> None:
    crosswalk = wages.crosswalk(codes)
    national = wages.area("US")
    levels = {national[match.code].level for code in codes if (match := crosswalk.find(code))}
    assert levels == {"detailed"}


@pytest.mark.parametrize(
    ("codes_", "row", "words"),
    [
        (("25-2055.00", "25-2056.00"), "25-2052", "Kindergarten and Elementary"),
        (("25-9042.00", "25-9043.00", "25-9049.00"), "25-9045", "Except Postsecondary"),
        (("51-2022.00", "51-2023.00"), "51-2028", "Electromechanical"),
        (
            ("53-1042.00", "53-1042.01", "53-1043.00", "53-1044.00", "53-1049.00"),
            "53-1047",
            "Except Aircraft Cargo",
        ),
        (("21-1011.00", "21-1014.00"), "21-1018", "Mental Health"),
        (("13-1021.00", "13-1022.00", "13-1023.00"), "13-1020", "Buyers and Purchasing"),
    ],
)
def test_split_codes_take_the_row_whose_title_covers_them(
    codes, wages, projections, codes_, row, words
) -> None:
    for crosswalk, rows in (
        (wages.crosswalk(codes), wages.area("US")),
        (projections.crosswalk(codes), projections.rows),
    ):
        for code in codes_:
            match = crosswalk.find(code)
            assert match is not None and match.code == row, code
            assert words.lower() in rows[row].title.lower()


def test_the_merges_table_is_what_the_files_own_rows_give(codes, wages, projections) -> None:
    """Each `MERGED` entry is also the one spare detailed row of its broad group in both
    files, so the table only matters for a file (or a state) that cannot tell."""
    for crosswalk in (wages.crosswalk(codes), projections.crosswalk(codes)):
        for code, merged in MERGED.items():
            assert crosswalk.spare.get(code[:6]) == merged, code


def test_release_years_as_bls_gives_them(wages, projections) -> None:
    assert (wages.published, wages.released) == ("May 2025", "2026")
    assert (projections.label, projections.released) == ("2024-34", "2025")
