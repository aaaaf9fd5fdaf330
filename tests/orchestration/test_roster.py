"""A handout per student: one PDF each, their name on page 1, mistakes by CSV line."""

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from careerguide.core.errors import GuideError, Problem
from careerguide.orchestration.roster import Student, read_roster, student_file_name
from helpers import BUNDLED, FIXTURES, careerguide, page_texts

ROSTER = """\
student,careers,note
Ana Ruiz,machine-learning-engineer; park-ranger,Ask Ms. Lee about the robotics club.
Ben Ode,park-rangr,
"Chloé Martin",park-ranger,"Two lines:
the second one"

Dan Roe,,
Eve,park-ranger|machine-learning-engineer,
Eve,park-ranger;machine-learning-engineer,
Ana Ruiz,park-ranger,
Finn,broken,
"""


@pytest.fixture(scope="module")
def roster(tmp_path_factory):
    """Six students' rows, three of them with mistakes, built by the command."""
    folder = tmp_path_factory.mktemp("roster")
    guides = folder / "guide"
    guides.mkdir()
    shutil.copy(BUNDLED, guides)
    shutil.copy(FIXTURES / "minimal.yaml", guides / "park-ranger.yaml")
    (guides / "broken.yaml").write_text("career: {title: X, colour: red}\n")
    csv = folder / "students.csv"
    csv.write_text(ROSTER, encoding="utf-8")
    result = careerguide("roster", "students.csv", "guide", "-o", "out", cwd=folder)
    return {"result": result, "out": folder / "out"}


def test_one_pdf_per_student_named_after_them(roster):
    assert roster["result"].returncode == 1
    assert sorted(path.name for path in roster["out"].iterdir()) == [
        "ana-ruiz.pdf",
        "chloe-martin.pdf",
        "eve.pdf",
    ]


def test_mistakes_are_reported_with_the_roster_line(roster):
    assert roster["result"].stderr.splitlines() == [
        "students.csv:3:1: careers: no guide named 'park-rangr' (did you mean 'park-ranger'?)",
        "students.csv:7:1: careers: no career for Dan Roe",
        "students.csv:8:1: careers: no guide named 'park-ranger|machine-learning-engineer'"
        " (separate careers with ;)",
        "students.csv:10:1: student: Ana Ruiz would overwrite ana-ruiz.pdf, written for line 2;"
        " make the names differ",
        "students.csv:11:1: careers: the guide 'broken' has errors",
        "guide/broken.yaml:1:20: career.colour: unknown key (did you mean 'cluster'?)",
        "5 of 8 roster rows failed",
    ]


def test_page_one_is_prepared_for_the_student_with_the_note(roster):
    texts = page_texts(roster["out"] / "ana-ruiz.pdf")
    assert texts[0].startswith(
        "Prepared for Ana Ruiz\nA note from your counselor: Ask Ms. Lee about the robotics club."
    )
    assert "Machine Learning Engineer" in texts[0]
    assert all("Prepared for" not in text for text in texts[1:])
    chloe = page_texts(roster["out"] / "chloe-martin.pdf")[0]
    assert "Prepared for Chloé Martin" in chloe and "Two lines: the second one" in chloe


def test_each_career_is_a_handout_starting_on_a_right_hand_page(roster):
    ana = page_texts(roster["out"] / "ana-ruiz.pdf")
    assert len(ana) == 3 and ana[2].startswith("Park Ranger")
    eve = page_texts(roster["out"] / "eve.pdf")
    assert len(eve) == 4 and "Park Ranger" in eve[0] and eve[1] == ""
    assert "Machine Learning Engineer" in eve[2] and "Prepared for" not in eve[2]
    info = PdfReader(roster["out"] / "eve.pdf").metadata
    assert info.title == "Prepared for Eve: Park Ranger, Machine Learning Engineer"


def test_reading_rows(tmp_path: Path):
    csv = tmp_path / "r.csv"
    csv.write_text(
        "\ufeffName , Career\n\n,nurse\nZoë, nurse ; welder.yaml ;nurse\n", encoding="utf-8"
    )
    assert list(read_roster(csv)) == [
        Problem(csv, "student: the name is empty", line=3),
        Student("Zoë", ("nurse", "welder"), None, 4),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "r.csv:1:1: the roster is empty; it needs a header row"),
        (
            "name,notes\n",
            "r.csv:1:1: the header row needs the columns student (or first name and last name) and careers",
        ),
    ],
)
def test_an_unusable_roster_is_one_error(tmp_path: Path, text: str, message: str):
    csv = tmp_path / "r.csv"
    csv.write_text(text, encoding="utf-8")
    with pytest.raises(GuideError) as error:
        list(read_roster(csv))
    assert str(error.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_file_names_for_names_without_latin_letters():
    assert student_file_name(Student("王芳", ("nurse",), None, 12)) == "student-12.pdf"
    assert student_file_name(Student("José Núñez", ("nurse",), None, 2)) == "jose-nunez.pdf"


def test_a_missing_roster_exits_2(tmp_path: Path):
    result = careerguide("roster", str(tmp_path / "none.csv"), str(BUNDLED))
    assert result.returncode == 2
    assert "cannot read the roster" in result.stderr and "Traceback" not in result.stderr


def test_a_semicolon_csv_from_excel_with_a_byte_order_mark_is_read(tmp_path: Path):
    roster = tmp_path / "class.csv"
    roster.write_bytes('\ufeffStudent;Careers;Note\r\nAna Ruiz;"nurse; welder";Hola\r\n'.encode())
    rows = list(read_roster(roster))
    assert rows == [Student("Ana Ruiz", ("nurse", "welder"), "Hola", 2)]
    tabs = tmp_path / "class.tsv"
    tabs.write_text("student\tcareers\nBen\tnurse\n", encoding="utf-8")
    assert list(read_roster(tabs)) == [Student("Ben", ("nurse",), None, 2)]


def test_one_combined_pdf_holds_every_student_each_on_a_right_hand_page(tmp_path: Path):
    guides = tmp_path / "guide"
    guides.mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", guides / "park-ranger.yaml")
    (tmp_path / "class.csv").write_text(
        "student,careers\nAna,park-ranger\nBen,park-ranger\n", encoding="utf-8"
    )
    result = careerguide("roster", "class.csv", "guide", "--combined", "all", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote all.pdf" in result.stdout.splitlines()
    texts = page_texts(tmp_path / "all.pdf")
    single = len(page_texts(tmp_path / "handouts" / "ana.pdf"))
    assert len(texts) == 2 * single + single % 2  # Ben starts on a right-hand (odd) page
    starts = [n for n, text in enumerate(texts) if text.startswith("Prepared for")]
    assert [texts[n].split("\n", 1)[0] for n in starts] == ["Prepared for Ana", "Prepared for Ben"]
    assert all(n % 2 == 0 for n in starts)


def test_a_school_export_with_titles_and_first_last_columns(tmp_path: Path):
    """As a counselor met it: First/Last name columns from the school's system, careers
    typed as titles, one of them a career the folder has no guide for."""
    guides = tmp_path / "guide"
    guides.mkdir()
    shutil.copy(BUNDLED, guides)
    shutil.copy(FIXTURES / "minimal.yaml", guides / "park-ranger.yaml")
    (tmp_path / "class.csv").write_text(
        "First Name,Last Name,Careers\n"
        "Ana,Ruiz,Park Rangers; machine learning engineer\n"
        "Ben,Ode,Astronaut; park ranger\n"
        "Cy,Lee,machine lerning\n",
        encoding="utf-8",
    )
    result = careerguide("roster", "class.csv", "guide", cwd=tmp_path)
    assert result.stderr.splitlines()[:2] == [
        "class.csv:3:1: warning: careers: no guide named 'Astronaut'; left out, the other "
        "careers built",
        "class.csv:4:1: careers: no guide named 'machine lerning' (did you mean "
        "'machine-learning-engineer'?)",
    ]
    assert result.returncode == 1  # Cy's row has no career left
    out = tmp_path / "handouts"
    assert sorted(path.name for path in out.iterdir()) == ["ana-ruiz.pdf", "ben-ode.pdf"]
    ana = page_texts(out / "ana-ruiz.pdf")
    assert ana[0].startswith("Prepared for Ana Ruiz")
    assert any("Machine Learning Engineer" in text for text in ana[1:])
    ben = page_texts(out / "ben-ode.pdf")
    assert ben[0].startswith("Prepared for Ben Ode") and "Park Ranger" in ben[0]
