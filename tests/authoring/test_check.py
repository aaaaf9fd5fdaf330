"""`careerguide check`: errors, then one warning per kind, each at its line, with exit codes."""

import re
import subprocess
import sys

import pytest

from careerguide.authoring.check import ITEM_LIMIT, PARAGRAPH_LIMIT, TEXT_LIMITS, check_guides
from careerguide.settings.model import Settings
from helpers import BUNDLED, FIXTURES, SPANISH

HEAD = "schema: 1\ncareer:\n  title: Nurse\n  updated: 2026-11-01\n"
SOURCE = "sources:\n  - {id: s1, title: T, url: 'https://example.org'}\n"

# (guide text, line of the warning, "field: message" it must contain)
WARNINGS = [
    ("schema: 1\ncareer:\n  title: Nurse\n", 2, "career.updated: no `updated` date"),
    (HEAD + "skills:\n  items:\n    - {name: Care, score: 60}\n", 5, "skills: prints figures"),
    (HEAD + "salary: {low: 1, median: 2, high: 3}\n", 5, "salary: prints figures with no `cite`"),
    (HEAD + "outlook: {growth: '+5%'}\n", 5, "outlook: prints figures with no `cite`"),
    (
        HEAD + "education:\n  - {route: A}\n  - {route: B, share: 9}\n",
        7,
        "education[1]: prints a share with no `cite` (1 of 2 routes)",
    ),
    (HEAD + SOURCE, 6, "sources[0].id: source 's1' is never cited"),
    (
        HEAD + "why_it_matters: See [the page](ftp://example.org/x).\n",
        5,
        "why_it_matters: link to 'ftp://example.org/x' is not http(s) or mailto",
    ),
    (
        HEAD + "tradeoffs:\n  pros:\n    - '[click](javascript:alert(1))'\n",
        7,
        "tradeoffs.pros[0]: link to 'javascript:alert(1)' is not http(s) or mailto",
    ),
    (
        HEAD + f"why_it_matters: {'word ' * 250}\n",
        5,
        f"why_it_matters: is 1,249 characters; the layout holds about {PARAGRAPH_LIMIT:,}",
    ),
    (
        HEAD.replace("Nurse", "N" * 90),
        3,
        f"career.title: is 90 characters; the layout holds about {TEXT_LIMITS['career.title']}",
    ),
    (
        HEAD + f"growth:\n  - ok\n  - {'x' * 201}\n",
        7,
        f"growth[1]: is 201 characters; the layout holds about {ITEM_LIMIT}",
    ),
    (
        HEAD + "  summary: '[summary]'\n",
        5,
        "career.summary: placeholder text from `careerguide new`",
    ),
]


@pytest.mark.parametrize(("text", "line", "expected"), WARNINGS, ids=[w for *_, w in WARNINGS])
def test_each_warning_kind_at_its_line(write_guide, text, line, expected):
    path = write_guide(text)
    report = check_guides([path])
    assert report.errors == []
    assert [str(w) for w in report.warnings if expected in str(w)] != [], report.warnings
    warning = next(w for w in report.warnings if expected in str(w))
    assert re.match(rf"{re.escape(str(path))}:{line}:\d+: warning: ", str(warning)), warning
    assert len(report.warnings) == 1, report.warnings


def test_safe_links_and_cited_sources_are_quiet(write_guide):
    path = write_guide(
        HEAD + "why_it_matters: '[BLS](https://www.bls.gov) or [mail](mailto:a@b.org)'\n"
        "salary: {low: 1, median: 2, high: 3, cite: [s1]}\n" + SOURCE
    )
    assert check_guides([path]).warnings == []


@pytest.mark.parametrize("guide", [BUNDLED, SPANISH], ids=["en", "es"])
def test_bundled_guides_have_no_warnings(guide):
    report = check_guides([guide])
    assert (report.errors, report.warnings) == ([], [])


def test_invalid_guide_is_an_error_and_gets_no_warnings(write_guide):
    path = write_guide(HEAD + "skills:\n  items:\n    - {name: Care, score: 120}\n")
    report = check_guides([path])
    assert [str(error) for error in report.errors] == [
        f"{path}:7:27: error: skills.items[0].score: 120 is above the maximum 100"
    ]
    assert report.warnings == []


def careerguide_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerguide", "check", *args], capture_output=True, text=True
    )


def test_check_command_prints_errors_then_warnings_and_exits_by_level(tmp_path):
    warned = tmp_path / "warned.yaml"
    warned.write_text("career:\n  title: Nurse\n", encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("career:\n  title: Nurse\n  colour: red\n", encoding="utf-8")

    only_warnings = careerguide_check(str(warned))
    assert only_warnings.returncode == 0
    assert only_warnings.stdout.splitlines() == [
        f"{warned}:1:1: warning: career.updated: no `updated` date; the footer shows the build "
        "date instead of when facts were checked"
    ]
    assert only_warnings.stderr.strip() == "checked 1 guide: 0 errors, 1 warning"
    assert careerguide_check("--strict", str(warned)).returncode == 1

    both = careerguide_check(str(warned), str(broken))
    assert both.returncode == 2
    levels = [line.split(": ")[1] for line in both.stdout.splitlines()]
    assert levels == ["error", "warning"]
    assert "Traceback" not in both.stderr


def test_check_command_on_a_missing_path_exits_2(tmp_path):
    result = careerguide_check(str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}: no such file or folder"


def test_check_warns_when_the_handout_would_leave_sections_out():
    report = check_guides([FIXTURES / "overflow.yaml", BUNDLED], Settings())
    spills = [str(problem) for problem in report.warnings if "handout" in problem.message]
    assert spills == [
        f"{FIXTURES / 'overflow.yaml'}:3:1: warning: the handout is longer than 2 pages; "
        "left out fit, tradeoffs, skills"
    ]


def test_omit_lets_an_imported_guide_pass_strict(tmp_path):
    """As a counselor met it: import, `check --strict` lists what to write; `omit:` names
    the sections left out on purpose and the check passes."""
    onet = FIXTURES / "data" / "onet-txt"
    imported = subprocess.run(
        [sys.executable, "-m", "careerguide", "import", "91-1011", "--onet", str(onet)],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    guide = tmp_path / "guide" / "cloud-gardeners.yaml"
    last_line = len(guide.read_text(encoding="utf-8").splitlines())
    drafted = careerguide_check("--strict", "--no-handout", str(guide))
    assert drafted.returncode == 1
    assert drafted.stdout.startswith(
        f"{guide}:{last_line + 1}:1: warning: to write: why_it_matters, myths, quotes "
        "(drafted from data; these need a person); to leave one out on purpose, name "
        "it in `omit: [...]`"
    )
    with guide.open("a", encoding="utf-8") as file:
        file.write("why_it_matters: Gardens feed the sky towns.\nquotes: []\n")
        file.write("omit: [seniority, myths, quotes]\n")
    assert careerguide_check("--strict", "--no-handout", str(guide)).returncode == 0
    with guide.open("a", encoding="utf-8") as file:
        file.write("seniority: [{level: Junior, years: 0-2}]\n")
    both = careerguide_check("--strict", "--no-handout", str(guide))
    assert both.returncode == 1
    assert both.stdout == (
        f"{guide}:{last_line + 3}:8: warning: omit[0]: seniority is left out here but written in "
        "the guide (and printed); delete one of the two\n"
    )


def test_omit_names_every_section_and_nothing_else():
    import typing

    from careerguide.guidefile.model import Guide, Section

    sections = set(Guide.model_fields) - {"schema_version", "career", "omit"}
    assert set(typing.get_args(Section)) == sections | {"myths"}


def test_a_key_swallowed_by_a_folded_text_is_warned_at_its_line(write_guide):
    """`schedule:` indented too far under `intro: >-` is YAML-valid text; it would print as
    "schedule: - {time: ...}"."""
    path = write_guide(
        HEAD + "day:\n  intro: >-\n    Up early.\n    schedule:\n"
        '      - {time: "09:00", activity: Rounds}\n'
    )
    report = check_guides([path])
    assert [str(warning) for warning in report.warnings] == [
        f"{path}:8:5: warning: `schedule:` looks like YAML but is read as part of the text "
        "that starts on line 6; if it is a key, indent it like the key it belongs beside"
    ]
    markdown = write_guide(HEAD + "why_it_matters: |\n  Two things:\n  - care\n  - Note: pay\n")
    assert check_guides([markdown]).warnings == []  # a Markdown list is text, not YAML
