"""O*NET and BLS readers: columns found by header name in both O*NET editions and BLS layouts.

The fixtures in tests/fixtures/data are made up (see their README); the real files are used
by tests/authoring/test_import.py when ../shared/data is present.
"""

from pathlib import Path

import pytest

from careerguide.core.errors import GuideError
from careerguide.data.bls import TOP_CODE, Crosswalk, read_projections, read_wages
from careerguide.data.onet import read_onet
from careerguide.data.tables import Table, number, read_table, text
from helpers import MADE_UP_DATA, MADE_UP_MARKED_WAGES, MADE_UP_PROJECTIONS, MADE_UP_WAGES


@pytest.mark.parametrize("edition", ["onet-txt", "onet-xlsx"])
def test_both_onet_editions_read_alike(edition: str) -> None:
    onet = read_onet(MADE_UP_DATA / edition)
    assert onet.release == "O*NET 91.9 Database"
    assert onet.published == "March 2099"
    assert onet.occupations["91-1011.00"].title == "Cloud Gardeners"
    assert [rating.name for rating in onet.skills["91-1011.00"]] == [
        "Reading Comprehension",
        "Active Listening",
        "Writing",
        "Critical Thinking",
    ]  # Speaking is marked Recommend Suppress = Y; Level (LV) rows are not importance
    assert onet.suppressed_skills["91-1011.00"] == 1
    assert onet.interests["91-1011.00"] == ["Realistic", "Social"]
    assert onet.job_zones["91-1012.00"] == 4
    assert onet.education["91-1011.00"][6] == pytest.approx(50.4)
    assert onet.education_suppressed["91-1011.00"] == {8}
    assert [other.tier for other in onet.related["91-1011.00"]] == [
        "Primary-Short",
        "Primary-Long",
        "Supplemental",
    ]
    assert onet.in_demand["91-1011.00"] == [  # Spreadsheet software is Hot, not In Demand
        ("Cloud Atlas Pro", "Map software"),
        ("Rain Gauge Studio", "Map software"),
        ("SkyCalc", "Spreadsheet software"),
    ]
    assert onet.work_styles["91-1011.00"][0].name == "Stress Tolerance"
    assert "Independence" not in [s.name for s in onet.work_styles["91-1011.00"]]  # suppressed
    assert onet.training["91-1011.00"]["OJ"] == {1: 10.0, 4: 60.0, 6: 30.0}
    assert onet.training_categories[("RW", 6)] == "Over 1 year, up to and including 2 years"
    assert onet.supplemental_tasks["91-1011.00"] == ["Sell cloud berries at markets."]
    assert onet.unrated_tasks == {"91-1013.00"}
    assert onet.tasks["91-1011.00"] == [
        "Water sky crops at dawn.",
        "Prune cloud vines.",
        "Harvest rain melons.",
    ]  # core tasks only
    assert onet.scales["IM"] == (1.0, 5.0)


def test_editions_hold_the_same_values() -> None:
    txt, xlsx = read_onet(MADE_UP_DATA / "onet-txt"), read_onet(MADE_UP_DATA / "onet-xlsx")
    parts = ("occupations", "skills", "interests", "job_zones", "education", "related")
    parts += ("work_styles", "training", "training_categories", "in_demand", "unrated_tasks")
    for part in parts:
        assert getattr(txt, part) == getattr(xlsx, part), part


def test_columns_are_found_by_header_not_position(tmp_path: Path) -> None:
    (tmp_path / "Occupation Data.txt").write_text(
        "Description\tExtra\to*net-soc code\tTITLE\nMade-up work.\tx\t91-9999.00\tMade-up Job\n"
    )
    onet = read_onet(tmp_path)
    assert onet.occupations["91-9999.00"].title == "Made-up Job"
    assert "Skills" in onet.missing


def test_a_missing_column_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "Occupation Data.txt").write_text("O*NET-SOC Code\tTitle\n91-9999.00\tJob\n")
    with pytest.raises(GuideError, match=r"Occupation Data.txt: no column 'Description'"):
        read_onet(tmp_path)


def test_a_folder_without_occupation_data_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match=r"no 'Occupation Data\.xlsx' or 'Occupation Data\.txt'"):
        read_onet(tmp_path)
    with pytest.raises(GuideError, match="absent: not found; give the folder of the O"):
        read_onet(tmp_path / "absent")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(GuideError, match="is not a folder"):
        read_onet(tmp_path / "file.txt")


def test_wages_markers_states_and_industry_rows() -> None:
    wages = read_wages(MADE_UP_WAGES)
    assert wages.published == "May 2099"
    nation = wages.area("US")
    # the cross-industry row, not the industry one
    assert nation["91-1011"].figure("median") == 61120
    assert nation["91-3031"].figure("median") == 150000
    assert nation["91-3031"].figure("pct90") == "#" and nation["91-3031"].figure("pct75") == "*"
    assert wages.area("VT")["91-1011"].figure("pct10") == 43310
    assert wages.area_names["VT"] == "Vermont"


def test_wages_headers_in_lower_case(tmp_path: Path) -> None:
    lower = tmp_path / "oes_M2099.csv"
    lower.write_text(
        MADE_UP_WAGES.read_text().splitlines()[0].lower()
        + "\n"
        + MADE_UP_WAGES.read_text().split("\n", 1)[1]
    )
    assert read_wages(lower).area("US")["91-1011"].figure("median") == 61120


def test_projections_titles_numbers_and_total() -> None:
    projections = read_projections(MADE_UP_PROJECTIONS)
    assert projections.years == ("2099", "2109")
    assert projections.label == "2099-09"
    gardeners = projections.rows["91-1011"]
    assert gardeners.title == "Cloud gardeners"  # sample titles after * dropped
    assert gardeners.openings == pytest.approx(1234.5)  # thousands separator read
    assert projections.rows["91-3031"].openings is None  # N/A
    # no all-occupations row: the change of the file's rows summed, (3140 - 3000) / 3000
    assert projections.total_change == pytest.approx(140 / 3000 * 100)
    assert projections.total_from_row is False


def test_codes_resolve_to_the_finest_row_that_covers_them() -> None:
    onet = ["91-1011.00", "91-1011.01", "91-1012.00", "91-1021.00", "91-1022.00", "91-1023.00"]
    rows = {
        "91-1011": "detailed",
        "91-1010": "broad",
        "91-1020": "broad",  # the group of 91-1021..91-1023
        "91-1021": "detailed",
        "91-1028": "detailed",  # no O*NET occupation's own code: it covers 91-1022 and 91-1023
        "21-1018": "detailed",
        "13-1020": "detailed",
    }
    crosswalk = Crosswalk(onet, rows)
    found = {code: crosswalk.find(code) for code in [*onet, "13-1023.00", "21-1014.00"]}
    assert {code: (m.code, m.how) for code, m in found.items() if m} == {
        "91-1011.00": ("91-1011", "own"),
        "91-1011.01": ("91-1011", "own"),
        "91-1012.00": ("91-1010", "group"),  # nothing finer
        "91-1021.00": ("91-1021", "own"),
        "91-1022.00": ("91-1028", "merged"),  # not the broad 91-1020
        "91-1023.00": ("91-1028", "merged"),
        "13-1023.00": ("13-1020", "merged"),
        "21-1014.00": ("21-1018", "merged"),  # SOC 2018 merged 21-1011 and 21-1014
    }
    assert crosswalk.find("55-1011.00") is None
    two_spare = Crosswalk(onet, {**rows, "91-1029": "detailed"})
    found_two = two_spare.find("91-1022.00")
    assert found_two is not None and found_two.code == "91-1020"  # ambiguous: the group


def test_wage_markers_are_kept_percentile_by_percentile() -> None:
    wages = read_wages(MADE_UP_MARKED_WAGES)
    gardeners = wages.area("US")["91-1011"]
    assert gardeners.figure("median") == 166400 and gardeners.figure("pct90") == "#"
    assert wages.top_code == TOP_CODE  # the file prints no footnote of its own
    assert gardeners.floor("pct90", "year", 239200) == 239200  # above the 75th's 228,800
    hampshire = wages.area("NH")["91-1011"]
    assert hampshire.floor("pct90", "year", 239200) == 239200
    actors = wages.area("US")["91-3031"]
    assert actors.figure("median") == "*" and actors.figure("median", "hour") == 29.05
    assert wages.area("VT")["91-1011"].yearly == ("#",) * 5


def test_a_wage_cell_that_is_no_figure_or_marker_is_a_warning_not_a_zero() -> None:
    wages = read_wages(MADE_UP_MARKED_WAGES)
    assert wages.area("US")["91-2021"].figure("pct25") == "?"
    assert wages.area("US")["91-2021"].figure("median") == 52000
    assert wages.warnings == [
        f"{MADE_UP_MARKED_WAGES}:5: warning: a_pct25: 'about 45k' is neither a figure nor a BLS marker "
        "(* ** #); missing"
    ]


def test_top_coded_floor_is_a_lower_percentile_when_the_file_prints_one_above_the_code(
    tmp_path: Path,
) -> None:
    rows = MADE_UP_MARKED_WAGES.read_text().splitlines()
    rows[2] = rows[2].replace('"228,800"', '"300,000"')
    high = tmp_path / "oews_M2099.csv"
    high.write_text("\n".join(rows) + "\n")
    assert read_wages(high).area("US")["91-1011"].floor("pct90", "year", 239200) == 300000


def test_the_files_own_top_code_from_its_footnote(tmp_path: Path) -> None:
    footnote = (
        '"# = indicates a wage equal to or greater than $125.00 per hour or $260,000 per year"'
    )
    noted = tmp_path / "oews_M2099.csv"
    noted.write_text(MADE_UP_MARKED_WAGES.read_text() + footnote + "\n")
    wages = read_wages(noted)
    assert wages.top_code == {"year": 260000, "hour": 125}
    assert "" not in wages.area("US")  # the footnote is no wage row


def test_cells() -> None:
    assert [number(cell) for cell in ("1,579.80", "N/A", "*", "**", "#", 3.0, "")] == [
        1579.8,
        None,
        None,
        None,
        None,
        3.0,
        None,
    ]
    assert text(8823.0) == "8823"
    table = Table(Path("x"), ("O*NET-SOC Code", "Title"), [["1", "a"]])
    assert table.find("onet soc code") == 0


def test_unreadable_workbook_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "Occupation Data.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(GuideError, match="is not a readable Excel workbook"):
        read_table(bad)


def workbook(path: Path, sheet: str, **more: bytes) -> Path:
    """A workbook of one sheet (made up: only what the bounds look at)."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in more.items():
            archive.writestr(name, data)
    return path


SHEET = '<worksheet><dimension ref="{ref}"/><sheetData>{cells}</sheetData></worksheet>'


@pytest.mark.parametrize(
    ("ref", "cells", "grid"),
    [
        ("A1:XFD1048576", "", "16,384 columns by 1,048,576 rows"),
        ("A1", '<row r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"/></row>', "16,384"),
    ],
    ids=["declared", "used"],
)
def test_a_workbook_spanning_a_huge_grid_is_refused_before_reading(tmp_path, ref, cells, grid):
    path = workbook(tmp_path / "Occupation Data.xlsx", SHEET.format(ref=ref, cells=cells))
    with pytest.raises(GuideError) as raised:
        read_table(path)
    assert "more than 20,000,000 cells to read" in str(raised.value) and grid in str(raised.value)


def test_a_workbook_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch):
    from careerguide.data import tables

    monkeypatch.setattr(tables, "MAX_UNPACKED", 4_000_000)
    bomb = SHEET.format(ref="A1", cells="<!--" + " " * 5_000_000 + "-->")
    for name, more in (("sheet", {}), ("strings", {"xl/sharedStrings.xml": b" " * 5_000_000})):
        sheet = bomb if name == "sheet" else SHEET.format(ref="A1", cells="")
        path = workbook(tmp_path / f"{name}.xlsx", sheet, **more)
        assert path.stat().st_size < 50_000
        with pytest.raises(GuideError, match="unpacks to more than 3 MB; not read"):
            read_table(path)
