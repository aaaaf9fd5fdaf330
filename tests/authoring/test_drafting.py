"""What `import` drafts for students: pathway, pros and cons, fit, a day, plain words, links.

The made-up fixtures (tests/fixtures/data, README there) test each rule; the real files in
../shared/data test ten varied occupations end to end and skip when absent.
"""

import re
from pathlib import Path
from typing import Any

import pytest

from careerguide.authoring.check import check_guides
from careerguide.authoring.drafting.titles import file_stem, plain_title
from careerguide.authoring.drafting.words import duration, words
from careerguide.authoring.importer import Data, draft, import_guides, load_data
from careerguide.core.errors import GuideError
from careerguide.guidefile.model import Guide
from helpers import (
    MADE_UP_DAY,
    MADE_UP_ONET,
    MADE_UP_PROJECTIONS,
    MADE_UP_WAGES,
    REAL_ONET,
    REAL_PROJECTIONS,
    REAL_WAGES,
    build,
    needs_real_data,
    pdf_text,
)

# Words of the data files and their methods that must not reach a student.
BANNED = re.compile(
    r"OEWS|Job Zone|\brating|x 100|summed from|file's rows|rescaled|Recommend Suppress",
    re.IGNORECASE,
)


def guide_of(data: Data, code: str = "91-1011.00") -> dict[str, Any]:
    return draft(data, code, MADE_UP_DAY).guide


def student_texts(guide: dict[str, Any]) -> list[str]:
    """Every text a student reads: all but the sources, source ids and the drafting marks."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "cite":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk({key: value for key, value in guide.items() if key != "sources"})
    return [text for text in found if text not in guide["career"].get("data_releases", [])]


def test_pros_and_cons_are_cited_facts_with_comparisons(data: Data) -> None:
    tradeoffs = guide_of(data)["tradeoffs"]
    pros, cons = tradeoffs["pros"], tradeoffs["cons"]
    # Pay 61,120 against all jobs' 50,020: 22% above; growth 12% against 4.7%.
    assert pros[0].startswith("Pays more than most jobs") and "$61,120" in pros[0]
    assert "$50,020 for all jobs in the United States" in pros[0]
    assert "grow 12.0% from 2099 to 2109, faster than the 4.7% for all jobs" in pros[1]
    assert any("Shorter schooling" in pro and "associate's degree" in pro for pro in pros)
    # Over a year of related work for the middle worker: 55% report over 1 year.
    assert any(
        con.startswith("Experience first: 55% of workers report over 1 year") for con in cons
    )
    # The top work style as what the job asks of a person, with its rank among all styles.
    assert any("stay calm under pressure" in con and "1 of 5" in con for con in cons)
    assert tradeoffs["cite"] == ["oews", "ep", "onet"]
    assert len(pros) >= 2 and len(cons) >= 2


def test_pros_and_cons_without_bls_files_come_from_onet_alone() -> None:
    bare = guide_of(load_data(MADE_UP_ONET))["tradeoffs"]
    assert bare["cite"] == ["onet"]
    assert not any("$" in item or "BLS" in item for item in bare["pros"] + bare["cons"])
    assert bare["pros"] == [
        "Teamwork: you work closely with others (O\\*NET ranks cooperation 3 of 5 work "
        "styles for this job).",
        "Room for new ideas and new ways of doing things (O\\*NET ranks innovation 4 of 5 "
        "work styles for this job).",
    ]


def test_fit_from_interests_then_work_styles(data: Data) -> None:
    fit = guide_of(data)["fit"]
    assert fit["good_fit"] == [
        "You like working with your hands, tools or machines",  # Realistic, first high point
        "You like helping, teaching or caring for people",  # Social
        "You stay calm when things get hectic",  # work styles, most important first
        "You notice small mistakes and like getting details right",
        "You get along with others and like teamwork",
    ]
    assert fit["maybe_not"][0] == "You would rather not work with tools, machines or your hands"
    assert fit["threshold"] == 3 and fit["cite"] == ["onet"]
    # Independence (4.8) is marked unreliable by O*NET, so it is not the top style.
    assert not any("own" in item for item in fit["good_fit"])


def test_day_from_core_tasks_then_supplemental(data: Data) -> None:
    day = guide_of(data)["day"]
    assert day["intro"] == (
        "Most workdays center on the job's core tasks, such as: water sky crops at dawn; "
        "prune cloud vines; harvest rain melons. Some days also bring other tasks: sell "
        "cloud berries at markets."
    )
    assert day["cite"] == ["onet"]


def test_unrated_tasks_follow_the_description_not_the_alphabet(data: Data) -> None:
    tasks = guide_of(data, "91-1013.00")["career"]["tasks"]
    assert tasks[0] == "Help surveyors measure craters on the Moon."
    assert guide_of(data)["career"]["tasks"][0] == "Water sky crops at dawn."  # O*NET's order


def test_action_plan_from_skills_education_titles_and_related_jobs(data: Data) -> None:
    plan = guide_of(data)["action_plan"]
    assert plan["high_school"] == [
        "Finish high school or earn a GED",
        "Practice active listening, reading comprehension and writing in classes, clubs or a "
        "part-time job: the skills O\\*NET rates most important for this job",
    ]
    assert plan["college"] == [
        "Earn an associate's degree (about 2 years), what employers usually ask for (BLS)"
    ]
    assert plan["first_job"] == [
        "Search job ads for titles such as Sky Farmer, Cumulus Crop Tender and Cloud Gardener "
        "(O\\*NET)",
        "Related jobs that need less preparation: Cloud Orchard Keepers (O\\*NET)",  # zone 2 < 3
    ]


def test_link_opens_the_occupations_own_page(data: Data) -> None:
    links = guide_of(data)["links"]
    assert links == [
        {
            "label": "Cloud Gardeners on O*NET OnLine",
            "url": "https://www.onetonline.org/link/summary/91-1011.00",
        }
    ]


def test_why_it_matters_names_its_source(data: Data) -> None:
    why = guide_of(data)["why_it_matters"]
    assert why.startswith("About 1,000,000 people in the United States work in this job (2099)")
    assert "about 1,234,500 openings a year until 2109" in why
    assert "Source: U.S. Bureau of Labor Statistics, Employment Projections 2099-09." in why


def test_no_data_words_in_student_text(data: Data) -> None:
    for code in data.onet.occupations:
        guide = guide_of(data, code)
        for text in student_texts(guide):
            assert not BANNED.search(text), (code, text)
        credits = [s for s in guide["sources"] if "credit" in s and "CC BY" in s["credit"]]
        assert len(credits) == 1  # the licence text once, in the sources


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ("Cooks, Restaurant", "Restaurant Cooks"),
        ("Helpers--Electricians", "Electrician Helpers"),
        ("Helpers--Painters, Paperhangers, Plasterers, and Stucco Masons", "Helpers for Painters, Paperhangers, Plasterers, and Stucco Masons"),
        ("Engineers, All Other", "Other Engineers"),
        ("Bus Drivers, School", "School Bus Drivers"),
        ("Fraud Examiners, Investigators and Analysts", "Fraud Examiners, Investigators and Analysts"),
        ("Architects, Except Landscape and Naval", "Architects, Except Landscape and Naval"),
        ("Physicians, Pathologists", "Physicians, Pathologists"),
        ("Registered Nurses", "Registered Nurses"),
    ],
)  # fmt: skip
def test_titles_as_people_say_them(title: str, plain: str) -> None:
    assert plain_title(title) == plain


def test_file_names_short_without_broken_apostrophes() -> None:
    assert (
        file_stem("Police and Sheriff's Patrol Officers") == "police-and-sheriffs-patrol-officers"
    )
    long = file_stem("First-Line Supervisors of Food Preparation and Serving Workers")
    assert long == "first-line-supervisors-of-food-preparation-and"
    assert len(long) <= 48 and not long.endswith("-")


def test_durations_in_plain_words() -> None:
    en, es = words("en"), words("es")
    assert duration("Over 1 year, up to and including 2 years", en) == "1 to 2 years"
    assert duration("Over 6 months, up to and including 1 year", en) == "6 months to 1 year"
    assert duration("Up to and including 1 month", en) == "Up to 1 month"
    assert duration("Over 10 years", en) == "Over 10 years"
    assert duration("Over 6 months, up to and including 1 year", es) == "6 meses a 1 año"


def test_spanish_drafts_the_same_sections_and_marks_onet_english() -> None:
    spanish = load_data(MADE_UP_ONET, MADE_UP_WAGES, MADE_UP_PROJECTIONS, language="es")
    guide = guide_of(spanish)
    english = guide_of(load_data(MADE_UP_ONET, MADE_UP_WAGES, MADE_UP_PROJECTIONS))
    drafted = ("why_it_matters", "day", "pathway", "fit", "tradeoffs", "links")
    assert all(section in guide for section in drafted)
    assert guide["career"]["language"] == "es"
    assert guide["career"]["summary"].endswith(
        "*(Descripción y tareas en inglés, tal como las publica O\\*NET.)*"
    )
    assert guide["career"]["tasks"] == english["career"]["tasks"]  # O*NET's texts stay English
    assert [stage["stage"] for stage in guide["pathway"]][:3] == [
        "Escuela secundaria",
        "Título técnico (associate)",
        "Experiencia laboral",
    ]
    assert guide["tradeoffs"]["pros"][0].startswith("Paga más que la mayoría de los empleos")
    assert guide["fit"]["good_fit"][0] == "Te gusta trabajar con las manos, herramientas o máquinas"
    assert guide["outlook"]["demand"] == "Mucho más rápido que el promedio"
    assert guide["related"][0]["entry"] == "Bastante preparación"  # job zone 4, in words
    assert len(guide["tradeoffs"]["pros"]) == len(english["tradeoffs"]["pros"])
    # the figures' notes and the education routes are in Spanish too, in plain words
    assert "la mayoría (8 de cada 10) gana entre la cifra baja y la alta" in guide["salary"]["note"]
    assert "percentile" not in guide["salary"]["note"]
    assert guide["salary"]["note"].startswith("Salarios en Estados Unidos, mayo de 2099.")
    typical = next(route for route in guide["education"] if route.get("typical_entry"))
    assert typical["route"] == "Título técnico (associate)"
    assert typical["detail"].startswith("Educación típica para empezar en este trabajo (BLS):")
    Guide.model_validate(guide)
    with pytest.raises(GuideError, match="no language 'fr'"):
        load_data(MADE_UP_ONET, language="fr")


def test_spanish_guide_builds(tmp_path: Path) -> None:
    spanish = load_data(MADE_UP_ONET, MADE_UP_WAGES, MADE_UP_PROJECTIONS, language="es")
    [result] = import_guides(spanish, ["91-1011.00"], tmp_path / "guide", today=MADE_UP_DAY)
    build(result.path, tmp_path / "out", formats=("pdf",))
    text = " ".join(pdf_text(tmp_path / "out" / "cloud-gardeners.pdf").split())
    for words_ in ("Ventajas", "Escuela secundaria", "Paga más que la mayoría"):
        assert words_ in text


# Health, trades, office, food, transport, tech, management, arts, production, protection.
VARIED = {
    "29-1141.00": "Registered Nurses",
    "47-2111.00": "Electricians",
    "43-4051.00": "Customer Service Representatives",
    "35-2014.00": "Restaurant Cooks",
    "53-3032.00": "Heavy and Tractor-Trailer Truck Drivers",
    "15-1252.00": "Software Developers",
    "11-9111.00": "Medical and Health Services Managers",
    "27-1024.00": "Graphic Designers",
    "51-4121.00": "Welders, Cutters, Solderers, and Brazers",
    "33-3051.00": "Police and Sheriff's Patrol Officers",
    "47-3013.00": "Electrician Helpers",
}


@pytest.fixture(scope="module")
def real_data() -> Data:
    return load_data(REAL_ONET, REAL_WAGES, REAL_PROJECTIONS)


@needs_real_data
@pytest.mark.parametrize("code", list(VARIED))
def test_real_occupations_get_every_drafted_section(real_data: Data, code: str) -> None:
    result = draft(real_data, code, MADE_UP_DAY)
    guide = result.guide
    Guide.model_validate(guide)
    assert guide["career"]["title"] == VARIED[code]
    stages = guide["pathway"]
    assert len(stages) >= 3 and all(stage.get("duration") for stage in stages[:3])
    assert not any("Job Zone" in stage["stage"] for stage in stages)
    tradeoffs = guide["tradeoffs"]
    # Two of each where the data has them: 15-1252.00 has no work styles in O*NET 29.3, and
    # its only con in the facts is the preparation.
    cons = 2 if real_data.onet.work_styles.get(code) else 1
    assert len(tradeoffs["pros"]) >= 2 and len(tradeoffs["cons"]) >= cons, tradeoffs
    assert len(guide["fit"]["good_fit"]) >= 3
    assert guide["day"]["intro"]
    assert guide["action_plan"]["high_school"] and guide["action_plan"]["first_job"]
    for section in ("day", "fit", "tradeoffs", "skills", "salary", "outlook"):
        assert guide[section]["cite"], section
    assert any(stage.get("cite") for stage in stages)
    for text in student_texts(guide):
        assert not BANNED.search(text), text
    assert guide["links"][0]["url"] == f"https://www.onetonline.org/link/summary/{code}"


@needs_real_data
def test_real_technologies_only_in_demand_and_central_tasks(real_data: Data) -> None:
    nurses = guide_of(real_data, "29-1141.00")
    assert "technologies" not in nurses["skills"]  # none In Demand: none rather than unrelated
    developers = guide_of(real_data, "15-1252.00")
    assert {"Python", "JavaScript"} <= set(developers["skills"]["technologies"])
    assert any(
        task.startswith("Design, develop and modify software")
        for task in developers["career"]["tasks"]
    )
    designers = guide_of(real_data, "27-1024.00")
    assert designers["skills"]["technologies"][0] == "Adobe Photoshop"


@needs_real_data
def test_real_fresh_import_leaves_only_quotes_and_myths(real_data: Data, tmp_path: Path) -> None:
    results = list(import_guides(real_data, list(VARIED), tmp_path, today=MADE_UP_DAY))
    names = sorted(result.path.name for result in results)
    assert "police-and-sheriffs-patrol-officers.yaml" in names
    assert "electrician-helpers.yaml" in names
    report = check_guides([result.path for result in results])
    assert report.errors == []
    messages = [problem.message for problem in report.warnings]
    assert all(message.startswith("to write: myths, quotes") for message in messages), messages


def test_the_middle_workers_span_said_the_way_that_is_true() -> None:
    from careerguide.authoring.drafting.pathway import middle
    from careerguide.data.onet import Occupation, Onet

    onet = Onet(Path("."), "O*NET 91.9 Database", "", {"91-1011.00": Occupation("", "", "")})
    onet.training_categories = {
        ("OJ", 1): "None or short demonstration",
        ("OJ", 8): "Over 4 years, up to and including 10 years",
        ("OJ", 9): "Over 10 years",
    }
    en = words("en")

    def said(shares: dict[int, float]) -> str:
        onet.training["91-1011.00"] = {"OJ": shares}
        span = middle(onet, "91-1011.00", "OJ", en)
        assert span is not None
        return f"{span.words}: {span.most(en)}"

    assert said({1: 70.0, 8: 30.0}) == "None: Most workers (70%) report none."
    assert said({1: 20.0, 8: 50.0, 9: 30.0}) == (
        "4 to 10 years: Most workers (70%) report 10 years or less."
    )
    assert said({1: 10.0, 9: 90.0}) == "Over 10 years: Most workers (90%) report over 10 years."
    assert said({1: 50.3, 8: 49.7}) == "None: Half of workers report none."  # not "most (50%)"


def test_command_language_option(tmp_path: Path) -> None:
    from helpers import careerguide

    args = ["import", "91-1011", "--onet", str(MADE_UP_ONET), "--dir", str(tmp_path)]
    spanish = careerguide(*args, "--language", "es")
    assert spanish.returncode == 0, spanish.stderr
    assert "  language: es\n" in (tmp_path / "cloud-gardeners.yaml").read_text(encoding="utf-8")
    french = careerguide(*args, "--language", "fr", "--force")
    assert french.returncode == 2
    assert french.stderr.strip() == "--language: no language 'fr'; known: en, es"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_step_bls_says_is_not_needed_reads_as_such(language):
    """BLS's "None" for experience or training is a step a student can skip: said in words,
    never a bare "None" beside a sentence that says the opposite."""
    from careerguide.authoring.drafting.pathway import _bls_steps
    from careerguide.data.bls import Projection

    none = Projection("15-9999", "Made-up developers", 15.0, 10.0, (100.0, 115.0),
                      "Bachelor's degree", "None", "None")  # fmt: skip
    w = words(language)
    steps = _bls_steps(none, w)
    assert [step["duration"] for step in steps] == [
        w["bls_experience"]["None"],
        w["bls_training"]["None"],
    ]
    assert [step["detail"] for step in steps] == [
        w["bls_no_experience_detail"],
        w["bls_no_training_detail"],
    ]
    assert all(step["duration"] not in ("None", "Ninguna") for step in steps)


def test_entry_education_reads_the_bls_step_of_a_guide_without_education_routes():
    from careerguide.guidefile.education import entry_education

    guide = Guide.model_validate(
        {
            "career": {"title": "Made-up developers"},
            "pathway": [
                {"stage": "High school", "detail": "Finish high school."},
                {"stage": "Bachelor's degree", "detail": "What employers usually ask for (BLS)."},
            ],
        }
    )
    assert entry_education(guide) == "Bachelor's degree"


def test_a_spanish_sentence_names_a_degree_without_two_brackets_in_a_row():
    """ "una licenciatura (bachelor's) (unos 4 años)" read as two asides; the sentence names
    the degree in words and keeps one bracket for its length."""
    w = words("es")
    for name in w["education_names"].values():
        sentence = w("start_long", education=name, time="unos 4 años")
        assert ") (" not in sentence, sentence
