"""The figures `import` writes: the right row, the right area, markers, years, rounding and
labels. First on made-up files (tests/fixtures/data, README there), then on the real files
in ../shared/data, skipped when they are absent; nothing from there is copied here.
"""

import dataclasses
import re
from pathlib import Path

import pytest

from careerguide.authoring.importer import Data, draft, half_up, import_guides, load_data, rescale
from helpers import (
    MADE_UP_DAY,
    MADE_UP_MARKED_WAGES,
    MADE_UP_ONET,
    MADE_UP_PROJECTIONS,
    REAL_ONET,
    REAL_PROJECTIONS,
    REAL_WAGES,
    build,
    careerguide,
    needs_real_data,
    pdf_text,
)


@pytest.fixture(scope="module")
def marked() -> Data:
    return load_data(MADE_UP_ONET, MADE_UP_MARKED_WAGES, MADE_UP_PROJECTIONS)


def in_region(data: Data, region: str | None) -> Data:
    return dataclasses.replace(data, region=region)


def salary(data: Data, code: str) -> dict:
    return draft(data, code, MADE_UP_DAY).guide["salary"]


def test_scores_round_half_up() -> None:
    assert [half_up(value) for value in (62.5, 63.5, 0.5, 2.4999, 99.5)] == [63, 64, 1, 2, 100]
    assert rescale(3.5, 1, 5) == 63  # (3.5 - 1) x 100 / 4 = 62.5; Python's round gives 62
    assert rescale(1.7, 1, 5) == 18  # 17.5 -> 18 (round: 18); 0.1 float error does not flip it


def test_a_top_coded_90th_percentile_keeps_the_median(marked: Data) -> None:
    pay = salary(marked, "91-1011.00")
    assert (pay["low"], pay["median"], pay["high"], pay["or_more"]) == (
        83200,
        166400,
        239200,
        ["high"],
    )
    assert (
        "The high figure is $239,200 a year or more: BLS publishes no exact figures above that."
        in (pay["note"])
    )
    state = salary(in_region(marked, "NH"), "91-1011.00")  # its 75th is top-coded too
    assert (state["region"], state["median"], state["high"]) == ("New Hampshire", 187200, 239200)


def test_the_files_own_top_code_is_the_one_printed(tmp_path: Path) -> None:
    noted = tmp_path / "oews_M2099.csv"
    noted.write_text(
        MADE_UP_MARKED_WAGES.read_text()
        + '"# = indicates a wage equal to or greater than $125.00 per hour '
        'or $260,000 per year"\n'
    )
    pay = salary(load_data(MADE_UP_ONET, noted), "91-1011.00")
    assert (pay["high"], pay["or_more"]) == (260000, ["high"])
    assert "is $260,000 a year or more" in pay["note"]


def test_a_state_with_every_figure_top_coded_falls_back_to_national_naming_it(
    marked: Data,
) -> None:
    pay = salary(in_region(marked, "VT"), "91-1011.00")
    assert (pay["region"], pay["median"]) == ("United States", 166400)
    assert (
        "BLS gives every Vermont figure for this job only as $239,200 a year or more; "
        "these are national figures."
    ) in pay["note"]


def test_no_yearly_figures_gives_the_hourly_ones(marked: Data) -> None:
    pay = salary(marked, "91-3031.00")
    assert (pay["per"], pay["low"], pay["median"], pay["high"]) == ("hour", 17, 29, 144)
    assert pay["all_jobs_median"] == 24  # the hourly median of all occupations, like with like
    assert "the median is $29.05 an hour" in pay["note"]


def test_pros_and_cons_compare_pay_in_one_unit_and_area(marked: Data) -> None:
    hourly = draft(marked, "91-3031.00", MADE_UP_DAY).guide["tradeoffs"]["pros"]
    # $29.05 an hour against all jobs' hourly median, never against a yearly figure
    assert any("is $29.05 an hour, against $24" in pro for pro in hourly), hourly
    national = draft(in_region(marked, "VT"), "91-1011.00", MADE_UP_DAY).guide  # Vermont falls back
    pay = next(pro for pro in national["tradeoffs"]["pros"] if pro.startswith("Pays more"))
    assert "$166,400 a year" in pay and pay.endswith("for all jobs in the United States.")


def test_a_missing_row_is_said_in_the_guide(marked: Data) -> None:
    result = draft(marked, "91-1012.00", MADE_UP_DAY)
    assert "salary" not in result.guide
    assert "BLS publishes no pay figures for this job." in result.guide["outlook"]["text"]
    assert "oews" in result.guide["outlook"]["cite"]
    said = "Occupational Employment and Wage Statistics, May 2099 has no pay figures for 91-1012"
    assert any(said in item for item in result.missing)  # the terminal names the file and code


def test_a_bad_wage_cell_is_a_warning_on_the_terminal(tmp_path: Path) -> None:
    args = ["import", "91-2021", "--onet", str(MADE_UP_ONET), "--wages", str(MADE_UP_MARKED_WAGES)]
    done = careerguide(*args, "--dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (
        f"{MADE_UP_MARKED_WAGES}:5: warning: a_pct25: 'about 45k' is neither a figure nor a BLS marker"
        in (done.stderr)
    )
    assert "Traceback" not in done.stderr
    assert "median: 52000" in (tmp_path / "tide-clock-repairers.yaml").read_text()


def test_top_coded_and_hourly_pay_print_as_such(marked: Data, tmp_path: Path) -> None:
    state = in_region(marked, "NH")
    for code, slug, said in (
        ("91-1011.00", "cloud-gardeners", "High $239,200 or more"),
        ("91-3031.00", "aurora-forecasters", "per hour"),
    ):
        [result] = import_guides(state, [code], tmp_path / "guide", today=MADE_UP_DAY)
        build(result.path, tmp_path / "out", formats=("pdf",))
        text = re.sub(r"\s+", " ", pdf_text(tmp_path / "out" / f"{slug}.pdf")).lower()
        assert said.lower() in text, slug  # labels print in capitals
        assert "workers saying it is required" in text or code == "91-3031.00"


@pytest.fixture(scope="module")
def real_data() -> Data:
    return load_data(REAL_ONET, REAL_WAGES, REAL_PROJECTIONS)


def related_pay(data: Data, code: str, role: str) -> str:
    rows = draft(data, code, MADE_UP_DAY).guide["related"]
    return next(row["pay"] for row in rows if row["role"] == role)


@needs_real_data
def test_related_pay_comes_from_the_finest_row(real_data: Data) -> None:
    # 51-2022's BLS row is 51-2028 ($45,850), not the broad 51-2020 ($45,930)
    assert related_pay(
        real_data, "51-2021.00", "Electrical and Electronic Equipment Assemblers"
    ).startswith("$45,850")
    # elementary special education teachers: 25-2052 ($65,120), not all of 25-2050 ($67,170)
    assert related_pay(
        real_data, "25-2021.00", "Elementary School Special Education Teachers"
    ).startswith("$65,120")


@needs_real_data
@pytest.mark.parametrize(
    ("code", "row", "growth"),
    [
        ("25-2055.00", "25-2052", "-1.8% by 2034"),
        ("53-1042.00", "53-1047", None),
        ("53-1049.00", "53-1047", None),
    ],
)
def test_split_codes_get_their_rows_outlook(real_data: Data, code, row, growth) -> None:
    guide = draft(real_data, code, MADE_UP_DAY).guide
    outlook = guide["outlook"]
    projection = real_data.projections.rows[row]  # type: ignore[union-attr]
    assert outlook["growth"] == (growth or f"{projection.change:+.1f}% by 2034")
    assert "These figures are for " in outlook["text"] and row not in outlook["text"]
    ep = next(source for source in guide["sources"] if source["id"] == "ep")
    assert f"are those of {row} " in ep["note"]  # the BLS row is named once, in the source


@needs_real_data
def test_a_state_surgeon_keeps_the_median_beside_a_top_coded_90th(real_data: Data) -> None:
    pay = salary(in_region(real_data, "MN"), "29-1242.00")
    assert (pay["region"], pay["median"], pay["or_more"]) == ("Minnesota", 537830, ["high"])
    # this file prints the 75th percentile above BLS's $239,200 top code: the 90th is at least it
    assert pay["high"] == 809530 and "is $809,530 a year or more" in pay["note"]


@needs_real_data
def test_a_state_with_every_figure_top_coded_gets_national_figures(real_data: Data) -> None:
    guide = draft(in_region(real_data, "AK"), "29-1242.00", MADE_UP_DAY).guide
    assert (guide["salary"]["region"], guide["salary"]["median"]) == ("United States", 358550)
    assert "every Alaska figure" in guide["salary"]["note"]
    assert guide["outlook"]["growth"].endswith("(national)")
    assert "not figures for Alaska" in guide["outlook"]["text"]
    pays = [row["pay"] for row in guide["related"] if "pay" in row]
    # each says where it is from: national, or Alaska's own (not compared with national pay)
    assert "$559,030 (national, +56%)" in pays
    assert [pay for pay in pays if "national" not in pay] == ["$355,100 (Alaska)"]


@needs_real_data
def test_actors_get_the_hourly_median(real_data: Data) -> None:
    pay = salary(real_data, "27-2011.00")
    assert (pay["per"], pay["median"]) == ("hour", 29)
    assert "the median is $29.05 an hour" in pay["note"]


@needs_real_data
def test_source_years_and_education_labels(real_data: Data) -> None:
    guide = draft(real_data, "25-2021.00", MADE_UP_DAY).guide
    sources = {source["id"]: source for source in guide["sources"]}
    assert (sources["ep"]["title"], sources["ep"]["published"]) == (
        "Employment Projections 2024-34",
        "2025",
    )
    assert (sources["oews"]["title"], sources["oews"]["published"]) == (
        "Occupational Employment and Wage Statistics, May 2025",
        "2026",
    )
    routes = guide["education"]
    assert {route["share_means"] for route in routes} == {"required"}
    typical = [route for route in routes if route.get("typical_entry")]
    assert [route["route"] for route in typical] == ["Bachelor's degree"]
    assert typical[0]["cite"] == ["onet", "ep"]


def test_the_site_index_shows_the_typical_entry_education(marked: Data) -> None:
    from careerguide.guidefile.education import entry_education
    from careerguide.guidefile.model import Guide

    guide = Guide.model_validate(draft(marked, "91-1011.00", MADE_UP_DAY).guide)
    assert entry_education(guide) == "Associate's degree"  # BLS's, not the largest share


@needs_real_data
def test_a_real_importance_of_3_5_scores_63(real_data: Data) -> None:
    items = draft(real_data, "11-2011.00", MADE_UP_DAY).guide["skills"]["items"]
    assert {"name": "Complex Problem Solving", "score": 63} in items  # (3.5 - 1) x 25 = 62.5
