"""`careerguide import`: the mapping rules one by one on made-up files, then the real data.

The made-up fixtures (tests/fixtures/data, README there) hold both O*NET editions and the
BLS layouts. Tests on the real files read ../shared/data and skip when it is absent; nothing
from there is copied into the project.
"""

import csv
import re
import shutil
from pathlib import Path

import pytest

from careerguide.authoring.check import check_guides
from careerguide.authoring.importer import (
    Data,
    demand_word,
    draft,
    find_occupation,
    import_guides,
    load_data,
    rescale,
)
from careerguide.core.errors import GuideError
from careerguide.guidefile.load import load_guide
from helpers import (
    MADE_UP_DAY,
    MADE_UP_ONET,
    MADE_UP_ONET_XLSX,
    MADE_UP_PROJECTIONS,
    MADE_UP_WAGES,
    REAL_ONET,
    REAL_PROJECTIONS,
    REAL_WAGES,
    build,
    careerguide,
    needs_real_data,
    pdf_text,
)


def guide_of(data: Data, code: str = "91-1011.00") -> dict:
    return draft(data, code, MADE_UP_DAY).guide


def test_both_editions_draft_the_same_guide(data: Data) -> None:
    excel = load_data(MADE_UP_ONET_XLSX, MADE_UP_WAGES, MADE_UP_PROJECTIONS)
    for code in data.onet.occupations:
        assert draft(data, code, MADE_UP_DAY) == draft(excel, code, MADE_UP_DAY), code


def test_career_from_occupation_data(data: Data) -> None:
    career = guide_of(data)["career"]
    assert career["title"] == "Cloud Gardeners"
    assert career["summary"].startswith("Tend gardens grown on cloud platforms.")
    assert r"\*sky\*" in career["summary"]  # Markdown marks in the source print as written
    assert career["also_known_as"] == [  # most sources first; "Cloud Gardener" is not the title
        "Sky Farmer",
        "Cumulus Crop Tender",
        "Cloud Gardener",
        "Nimbus Horticulturist",
    ]
    assert career["tasks"] == [
        "Water sky crops at dawn.",
        "Prune cloud vines.",
        "Harvest rain melons.",
    ]
    assert career["soc"] == "91-1011.00"
    assert career["interests"] == ["Realistic", "Social"]
    assert career["updated"] == MADE_UP_DAY
    assert career["data_releases"] == [
        "O*NET 91.9 Database (March 2099)",
        "Occupational Employment and Wage Statistics, May 2099",
        "Employment Projections 2099-09",
    ]


def test_skills_rescaled_like_onet_online_and_suppressed_left_out(data: Data) -> None:
    skills = guide_of(data)["skills"]
    scores = {item["name"]: item["score"] for item in skills["items"]}
    assert scores == {
        "Active Listening": 88,  # (4.5 - 1) * 100 / 4 = 87.5
        "Reading Comprehension": 50,
        "Writing": 28,  # 28.0
        "Critical Thinking": 0,
    }
    assert list(scores) == sorted(scores, key=lambda name: -scores[name])
    assert "Speaking" not in scores  # Recommend Suppress = Y
    # The method and the licence's full credit are said once, in the source; the note
    # under the chart keeps a short credit line.
    assert skills["note"].startswith("How much each skill matters in this job, from 0 to 100.")
    assert "CC BY 4.0" in skills["note"] and "rescaled" not in skills["note"]
    onet = guide_of(data)["sources"][0]
    assert "1 marked unreliable by O\\*NET are left out" in onet["note"]
    assert "rescaled to 0-100" in onet["note"]
    # Only what O*NET marks In Demand: Spreadsheet software is Hot but not In Demand.
    assert skills["technologies"] == ["Cloud Atlas Pro", "SkyCalc", "Rain Gauge Studio"]
    assert skills["cite"] == ["onet"]
    assert rescale(1, 1, 5) == 0 and rescale(5, 1, 5) == 100 and rescale(3.5, 0, 7) == 50


def test_education_shares_grouped_and_at_most_100(data: Data) -> None:
    routes = guide_of(data)["education"]
    shares = {route["route"]: route["share"] for route in routes}
    assert shares == {
        "High school or less": 10,  # 0 + 10.4
        "Certificate or some college": 21,  # 20.3 + 0.3 = 20.6
        "Associate's degree": 9,  # 9.2
        "Bachelor's degree": 51,  # 50.4 + 0.3 = 50.7
        "Master's degree": 9,  # 9.1, flagged by O*NET
    }
    assert sum(shares.values()) <= 100
    detail = {route["route"]: route.get("detail", "") for route in routes}
    assert (
        "Typical education to enter the job (BLS): Associate's degree"
        in detail["Associate's degree"]
    )
    # O*NET's shares are of workers saying a level is required, and say so
    assert {route["share_means"] for route in routes} == {"required"}
    assert [route["route"] for route in routes if route.get("typical_entry")] == [
        "Associate's degree"
    ]
    assert "less reliable" in detail["Master's degree"]
    thirds = guide_of(data, "91-1012.00")["education"]
    assert sum(route["share"] for route in thirds) == 100  # 33.34 + 33.33 + 33.33


def test_pathway_from_projections_and_training_spans(data: Data) -> None:
    stages = [(s["stage"], s.get("duration"), s.get("cite", [])) for s in guide_of(data)["pathway"]]
    assert stages == [
        ("High school", "4 years", []),
        ("Associate's degree", "About 2 years", ["ep"]),
        ("Work experience", "1 to 2 years", ["onet"]),  # RW: 40% none, 5% up to 3 months
        ("Training on the job", "3 to 6 months", ["onet"]),  # OJ: 10% none, 60% 3-6 months
        ("Classes at work", "Up to 1 month", ["onet"]),  # PT: 30% none, 70% up to 1 month
    ]
    details = [stage["detail"] for stage in guide_of(data)["pathway"]]
    assert details[2].endswith("Most workers (100%) report 2 years or less.")
    assert details[3].endswith("Most workers (70%) report 6 months or less.")


def test_salary_percentiles_with_the_all_occupations_median(data: Data) -> None:
    salary = guide_of(data)["salary"]
    assert (salary["low"], salary["median"], salary["high"]) == (41110, 61120, 91130)
    assert salary["region"] == "United States"
    assert "most workers (8 in 10) earn between low and high." in salary["note"]
    assert "percentile" not in salary["note"]  # the method is said once, in the source
    assert "May 2099" in salary["note"]
    assert "For all jobs in the United States, the median is $50,020 a year" in salary["note"]
    assert salary["cite"] == ["oews"]
    oews = next(source for source in guide_of(data)["sources"] if source["id"] == "oews")
    assert "the 10th, 50th and 90th percentiles" in oews["note"]


def test_outlook_demand_compared_with_all_occupations(data: Data) -> None:
    outlook = guide_of(data)["outlook"]
    assert outlook["growth"] == "+12.0% by 2109"
    assert outlook["demand"] == "Much faster than average"  # 12% against 4.7%
    assert "for all jobs the change is +4.7%" in outlook["text"]
    assert "About 1,234,500 openings a year" in outlook["text"]
    ep = guide_of(data)["sources"][2]
    assert "(+4.7%, summed from the file's rows)" in ep["note"]
    assert outlook["cite"] == ["ep"]


@pytest.mark.parametrize(
    ("change", "word"),
    [
        (8.0, "Much faster than average"),
        (5.0, "Faster than average"),
        (3.0, "About as fast as average"),
        (1.1, "About as fast as average"),
        (0.5, "Slower than average"),
        (-0.5, "Declining"),
    ],
)
def test_demand_words(change: float, word: str) -> None:
    assert demand_word(change, total=3.0) == word


def test_codes_oews_groups_resolve_to_the_group(data: Data) -> None:
    guide = guide_of(data, "91-1012.00")
    assert guide["salary"]["median"] == 72220
    assert (
        "the wider group Lunar Survey Workers" in guide["salary"]["note"]  # plain words
    )
    assert "91-1010 Lunar Survey Workers, the group that contains 91-1012" in (
        next(source["note"] for source in guide["sources"] if source["id"] == "oews")
    )
    assert guide["outlook"]["demand"] == "Declining"
    assert (
        "Lunar survey workers, which BLS counts together with this job"
        in (guide["outlook"]["text"])
    )


def test_related_closest_tier_first_with_pay_and_entry(data: Data) -> None:
    related = guide_of(data)["related"]
    assert [row["role"] for row in related] == [
        "Lunar Surveyors",
        "Cloud Orchard Keepers",
        "Aurora Forecasters",
    ]
    assert related[0]["pay"] == "$72,220 (+18%)"
    assert related[1]["pay"] == "Same pay figures"
    assert related[2]["pay"] == "$150,000 (+145%)"  # only its 90th percentile is top-coded
    assert [row["entry"] for row in related] == [  # the job zone in words, not its number
        "Considerable preparation needed",
        "Some preparation needed",
        "Extensive preparation needed",
    ]


def test_sources_one_per_file_with_credit_lines(data: Data) -> None:
    sources = {source["id"]: source for source in guide_of(data)["sources"]}
    assert list(sources) == ["onet", "oews", "ep"]
    assert sources["onet"]["credit"].startswith(
        "This page includes information from the O*NET 91.9 Database by the U.S. Department"
    )
    assert "USDOL/ETA has not approved, endorsed, or tested" in sources["onet"]["credit"]
    assert sources["oews"]["title"].endswith("May 2099")
    assert sources["oews"]["published"] == "2100"  # May's figures come out the next spring
    assert sources["ep"]["published"] == "2100"  # the year after the base year, not the day read
    assert (
        sources["ep"]["credit"] == "U.S. Bureau of Labor Statistics, Employment Projections 2099-09"
    )
    assert all(source["url"].startswith("https://") for source in sources.values())


def test_missing_files_leave_their_sections_out() -> None:
    bare = load_data(MADE_UP_ONET)
    guide = draft(bare, "91-1011.00", MADE_UP_DAY)
    assert "salary" not in guide.guide and "outlook" not in guide.guide
    assert [source["id"] for source in guide.guide["sources"]] == ["onet"]
    assert "pay" not in guide.guide["related"][0]
    assert guide.missing == []  # a file not given is not a warning per guide
    assert guide.guide["pathway"][0]["stage"] == "High school"


def test_missing_rows_are_named(data: Data) -> None:
    missing = draft(data, "91-2021.00", MADE_UP_DAY).missing
    assert [item.split(" (")[0] for item in missing] == [
        "tasks",
        "skill ratings",
        "job zone",
        "education levels",
        "wages",
        "projections",
    ]
    top_coded = draft(data, "91-3031.00", MADE_UP_DAY).guide["salary"]
    assert (top_coded["median"], top_coded["high"], top_coded["or_more"]) == (
        150000,
        239200,
        ["high"],
    )
    assert (
        "The high figure is $239,200 a year or more: BLS publishes no exact figures above that."
        in (top_coded["note"])
    )


def test_region_takes_state_wages_and_says_so() -> None:
    state = load_data(MADE_UP_ONET, MADE_UP_WAGES, MADE_UP_PROJECTIONS, region="vt")
    salary = guide_of(state)["salary"]
    assert (salary["low"], salary["median"], salary["high"]) == (43310, 63320, 93330)
    assert salary["region"] == "Vermont"
    assert "These are Vermont figures, not national ones." in salary["note"]
    assert "For all jobs in Vermont, the median is $51,000 a year" in salary["note"]
    national = guide_of(state, "91-1012.00")["salary"]
    assert (
        "BLS publishes no Vermont figures for this job; these are national figures."
        in (national["note"])
    )
    with pytest.raises(GuideError, match="no state 'ZZ'"):
        load_data(MADE_UP_ONET, MADE_UP_WAGES, region="ZZ")
    with pytest.raises(GuideError, match="needs --wages"):
        load_data(MADE_UP_ONET, region="VT")


def test_codes_and_titles(data: Data) -> None:
    onet = data.onet
    assert find_occupation(onet, "91-1011") == "91-1011.00"
    assert find_occupation(onet, "91-1011.01") == "91-1011.01"
    assert find_occupation(onet, "lunar surveyors") == "91-1012.00"
    assert find_occupation(onet, "tide clock") == "91-2021.00"
    with pytest.raises(GuideError) as ambiguous:
        find_occupation(onet, "lunar")
    lines = [str(problem) for problem in ambiguous.value.problems]
    assert lines[0] == "'lunar' matches 2 occupations; give one of their codes:"
    assert lines[1:] == ["  91-1012.00  Lunar Surveyors", "  91-1013.00  Lunar Survey Technicians"]
    with pytest.raises(GuideError) as unknown:
        find_occupation(onet, "Cloud Gardners")
    lines = [str(problem) for problem in unknown.value.problems]
    assert lines[:2] == [
        "no occupation titled 'Cloud Gardners'; the closest titles:",
        "  91-1011.00  Cloud Gardeners",
    ]
    assert not any("Aurora" in line for line in lines)
    with pytest.raises(GuideError, match="no occupation 91-7777"):
        find_occupation(onet, "91-7777")


def test_titles_as_people_type_them(data: Data) -> None:
    """Singular for plural, any case, a code without its dash or dot, whole words first."""
    onet = data.onet
    assert find_occupation(onet, "cloud gardener") == "91-1011.00"
    assert find_occupation(onet, "LUNAR SURVEYOR") == "91-1012.00"  # not the technicians
    assert find_occupation(onet, "911011") == "91-1011.00"
    assert find_occupation(onet, "91101101") == "91-1011.01"
    assert find_occupation(onet, "tide-clock repairer") == "91-2021.00"
    with pytest.raises(GuideError, match=r"no occupation titled 'zzzz'$"):
        find_occupation(onet, "zzzz")  # nothing alike: no suggestion at all


@needs_real_data
def test_real_titles_as_a_counselor_types_them() -> None:
    onet = load_data(REAL_ONET).onet
    assert find_occupation(onet, "electrician") == "47-2111.00"
    assert find_occupation(onet, "291141") == "29-1141.00"
    assert find_occupation(onet, "registered nurse") == "29-1141.00"
    with pytest.raises(GuideError) as typo:
        find_occupation(onet, "nurce")
    suggested = [str(problem) for problem in typo.value.problems[1:]]
    assert suggested and all("Nurse" in line for line in suggested), suggested
    assert "29-1141.00  Registered Nurses" in suggested[0]


def test_imported_guides_validate_and_check_lists_what_to_write(data: Data, tmp_path: Path) -> None:
    results = list(import_guides(data, list(data.onet.occupations), tmp_path, today=MADE_UP_DAY))
    assert [result.status for result in results] == ["wrote"] * len(data.onet.occupations)
    paths = [result.path for result in results]
    for path in paths:
        load_guide(path)
    text = paths[0].read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert "O*NET®" in text and "&id" not in text  # plain UTF-8, no YAML aliases
    report = check_guides(paths)
    assert report.errors == []
    to_write = [str(p) for p in report.warnings if "to write:" in p.message]
    assert len(to_write) == len(paths)  # one line per guide, not one per field
    assert "to write: myths, quotes" in to_write[0]


def test_imported_guide_builds(data: Data, tmp_path: Path) -> None:
    [result] = import_guides(data, ["91-1011.00"], tmp_path / "guide", today=MADE_UP_DAY)
    build(result.path, tmp_path / "out", formats=("pdf",))
    text = pdf_text(tmp_path / "out" / "cloud-gardeners.pdf")
    for figure in ("$41,110", "$61,120", "$91,130", "O*NET Importance"):
        assert figure in text


def test_command_never_overwrites_without_force(tmp_path: Path) -> None:
    args = [
        "import",
        "91-1011",
        "--onet",
        str(MADE_UP_ONET),
        "--wages",
        str(MADE_UP_WAGES),
        "--dir",
        str(tmp_path),
    ]
    first = careerguide(*args)
    assert first.returncode == 0, first.stderr
    written = tmp_path / "cloud-gardeners.yaml"
    assert first.stdout == f"wrote {written}\n"
    assert re.search(
        r"imported 1 of 1 occupations \(0 with warnings\), kept 0 existing", first.stderr
    )
    written.write_text(written.read_text() + "why_it_matters: My own words.\n")
    again = careerguide(*args)
    assert again.returncode == 2
    assert f"{written}: exists; --force replaces it" in again.stderr
    assert "My own words." in written.read_text()
    forced = careerguide(*args, "--force")
    assert forced.returncode == 0 and "My own words." not in written.read_text()


def test_command_all_and_errors(tmp_path: Path) -> None:
    every = careerguide(
        "import",
        "--all",
        "--onet",
        str(MADE_UP_ONET_XLSX),
        "--projections",
        str(MADE_UP_PROJECTIONS),
        "--dir",
        str(tmp_path),
    )
    assert every.returncode == 0, every.stderr
    assert len(every.stdout.splitlines()) == 6
    assert (
        "imported 6 of 6 occupations (3 with warnings), kept 0 existing, failed 0" in every.stderr
    )
    warning = f"{tmp_path / 'tide-clock-repairers.yaml'}: warning: missing tasks"
    assert warning in every.stderr
    ambiguous = careerguide("import", "lunar", "--onet", str(MADE_UP_ONET), "--dir", str(tmp_path))
    assert ambiguous.returncode == 2
    assert "91-1013.00  Lunar Survey Technicians" in ambiguous.stderr
    nothing = careerguide("import", "--onet", str(MADE_UP_ONET))
    assert nothing.returncode == 2 and "give --all" in nothing.stderr
    region = careerguide(
        "import",
        "91-1011",
        "--onet",
        str(MADE_UP_ONET),
        "--wages",
        str(MADE_UP_WAGES),
        "--region",
        "VT",
        "--dir",
        str(tmp_path / "vt"),
    )
    assert region.returncode == 0 and "wages for VT, not the nation" in region.stderr


@needs_real_data
def test_real_guide_builds_with_the_wages_of_the_file(tmp_path: Path) -> None:
    data = load_data(REAL_ONET, REAL_WAGES, REAL_PROJECTIONS)
    results = list(import_guides(data, ["29-1141.00", "13-1023.00", "15-1252.00"], tmp_path / "g"))
    assert [result.status for result in results] == ["wrote"] * 3
    with REAL_WAGES.open(encoding="utf-8-sig") as file:
        rows = {
            (row["area_type"], row["occ_code"]): row
            for row in csv.DictReader(file)
            if row["occ_code"] in ("29-1141", "13-1020")
        }
    for path, code in ((results[0].path, "29-1141"), (results[1].path, "13-1020")):
        build(path, tmp_path / "out", formats=("pdf",))
        text = pdf_text(tmp_path / "out" / f"{path.stem}.pdf")
        row = rows[("1", code)]
        for column in ("a_pct10", "a_median", "a_pct90"):
            assert f"${row[column]}" in text or f"${int(row[column]):,}" in text, column
    assert "skill ratings" in results[2].missing[0]  # 15-1252.00 has no Skills rows


@needs_real_data
def test_real_import_all(tmp_path: Path) -> None:
    done = careerguide(
        "import", "--all", "--onet", str(REAL_ONET), "--wages", str(REAL_WAGES),
        "--projections", str(REAL_PROJECTIONS), "--dir", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    summary = done.stderr.splitlines()[-1]
    print(summary)
    counts = re.fullmatch(
        r"imported (\d+) of (\d+) occupations \((\d+) with warnings\), kept 0 existing, "
        r"failed 0 in [\d.]+ s",
        summary,
    )
    assert counts and counts[1] == counts[2] == "1016", summary
    guides = sorted(tmp_path.glob("*.yaml"))
    assert len(guides) == 1016
    for path in guides[::10]:
        load_guide(path)


def test_the_data_files_can_be_named_once_in_the_settings_file(tmp_path: Path) -> None:
    shutil.copytree(MADE_UP_ONET, tmp_path / "data" / "onet")
    shutil.copy(MADE_UP_WAGES, tmp_path / "data" / "wages.csv")
    (tmp_path / "careerguide.yaml").write_text(
        "data:\n  onet: data/onet\n  wages: data/wages.csv\n", encoding="utf-8"
    )
    result = careerguide("import", "91-1011", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "salary:" in (tmp_path / "guide" / "cloud-gardeners.yaml").read_text()
    (tmp_path / "careerguide.yaml").write_text("data:\n  onet: ../elsewhere\n", encoding="utf-8")
    outside = careerguide("import", "91-1011", cwd=tmp_path)
    assert outside.returncode == 2
    assert "careerguide.yaml:2:9: data.onet: " in outside.stderr
    assert "is outside the project folder" in outside.stderr


def test_the_region_is_kept_in_the_settings_file(tmp_path: Path) -> None:
    (tmp_path / "careerguide.yaml").write_text(
        "data: {onet: onet, wages: wages.csv, region: VT}\n", encoding="utf-8"
    )
    shutil.copytree(MADE_UP_ONET, tmp_path / "onet")
    shutil.copy(MADE_UP_WAGES, tmp_path / "wages.csv")
    result = careerguide("import", "911011", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wages for VT, not the nation" in result.stderr
    assert "region: Vermont" in (tmp_path / "guide" / "cloud-gardeners.yaml").read_text()


def test_name_chooses_the_file(tmp_path: Path) -> None:
    named = careerguide(
        "import",
        "cloud gardener",
        "--onet",
        str(MADE_UP_ONET),
        "--name",
        "gardener",
        "--dir",
        str(tmp_path),
    )
    assert named.returncode == 0, named.stderr
    assert named.stdout == f"wrote {tmp_path / 'gardener.yaml'}\n"
    two = careerguide(
        "import",
        "91-1011",
        "91-1012",
        "--onet",
        str(MADE_UP_ONET),
        "--name",
        "x",
        "--dir",
        str(tmp_path),
    )
    assert two.returncode == 2
    assert two.stderr.startswith("--name: names the file of one occupation only")


def test_a_linked_data_folder_names_the_link_and_the_ways_forward(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "onet").symlink_to(MADE_UP_ONET.resolve(), target_is_directory=True)
    (project / "careerguide.yaml").write_text("data: {onet: data/onet}\n", encoding="utf-8")
    refused = careerguide("import", "91-1011", cwd=project)
    assert refused.returncode == 2
    line = refused.stderr.splitlines()[0]
    assert line.startswith(f"{project / 'careerguide.yaml'}:1:14: data.onet: ")
    assert (
        f"data.onet: data/onet is a link to {MADE_UP_ONET.resolve()}, outside the project" in line
    )
    assert f"name it on the command line (--onet {MADE_UP_ONET.resolve()}), or copy it" in line
    (project / "careerguide.yaml").write_text("", encoding="utf-8")
    typed = careerguide("import", "91-1011", "--onet", str(MADE_UP_ONET.resolve()), cwd=project)
    assert typed.returncode == 0, typed.stderr


def test_a_missing_onet_folder_is_not_found(tmp_path: Path) -> None:
    result = careerguide("import", "91-1011", "--onet", "db_29_3_excel", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("db_29_3_excel: not found;")


def test_without_an_onet_folder_the_command_says_where_to_name_it(tmp_path: Path) -> None:
    result = careerguide("import", "91-1011", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("--onet: name the O*NET folder, or set data:")
