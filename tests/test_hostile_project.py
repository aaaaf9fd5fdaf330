"""A project folder from a stranger: every file in it ends in one clean line, never a hang,
a traceback or a byte from outside the project.

Each case runs the real command in a fresh process, in a project folder with one good
guide beside the hostile file, and checks the line, the exit code, and that the good
guide was still built where the command builds guides one by one.
"""

import base64
import os
import shutil
from pathlib import Path

import pytest

from helpers import BUNDLED, careerguide, pdf_text

SECRET = "SECRET-7Q4X-OUTSIDE-THE-PROJECT"
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
)


@pytest.fixture
def project(tmp_path) -> Path:
    """`project/guide/good.yaml`, and `outside/` holding secret files next to the project."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n")
    (outside / "secret.css").write_text(f'body::before {{ content: "{SECRET}"; }}\n')
    (outside / "secret.j2").write_text(f"{SECRET}\n")
    (outside / "secret.yaml").write_text(f"career:\n  title: {SECRET}\n")
    (outside / "secret.png").write_bytes(PNG_1PX + SECRET.encode())
    folder = tmp_path / "project"
    (folder / "guide").mkdir(parents=True)
    (folder / "guide" / "good.yaml").write_text("career:\n  title: Park Ranger\n")
    return folder


def run(project: Path, *args: str):
    result = careerguide(*args, cwd=project)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def no_secret_anywhere(*folders: Path) -> None:
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                assert SECRET.encode() not in data, path
                if path.suffix == ".pdf":
                    assert SECRET not in pdf_text(path), path


def test_a_fifo_among_the_guides_is_refused_and_the_rest_build(project):
    os.mkfifo(project / "guide" / "pipe.yaml")
    result = run(project, "build", "-f", "pdf")
    assert result.returncode == 1
    assert "guide/pipe.yaml: is not a regular file" in result.stderr.splitlines()
    assert (project / "build" / "good.pdf").is_file()
    check = run(project, "check", "--no-handout")
    assert check.returncode == 2 and "guide/pipe.yaml: error: is not a regular file" in check.stdout


@pytest.mark.parametrize(
    ("name", "target", "reason"),
    [
        ("zero.yaml", "/dev/zero", "is outside the project folder"),
        ("loop.yaml", "loop.yaml", "is a symbolic link that points to itself"),
        ("secret.yaml", "../../outside/secret.yaml", "is outside the project folder"),
    ],
    ids=["dev-zero", "link-loop", "link-out"],
)
def test_a_link_among_the_guides_is_refused_and_the_rest_build(project, name, target, reason):
    (project / "guide" / name).symlink_to(target)
    for extra in ([], ["--force"]):
        result = run(project, "build", "-f", "pdf", *extra)
        assert result.returncode == 1
        assert f"guide/{name}: {reason}" in result.stderr.splitlines()
        assert (project / "build" / "good.pdf").is_file()
    no_secret_anywhere(project / "build")


def test_a_linked_folder_inside_the_guides_is_not_followed(project):
    (project / "guide" / "shared").symlink_to(project.parent / "outside")
    result = run(project, "build", "-f", "pdf")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (project / "build").iterdir()) == ["good.pdf"]


@pytest.mark.parametrize("kind", ["templates", "styles"])
def test_a_template_or_style_linked_outside_is_refused(project, kind):
    if kind == "templates":
        (project / "templates").mkdir()
        (project / "templates" / "guide.html.j2").symlink_to(project.parent / "outside/secret.j2")
        args = ["build", "-f", "pdf,html"]
    else:
        (project / "styles").mkdir()
        (project / "styles" / "sly.css").symlink_to(project.parent / "outside/secret.css")
        args = ["build", "-f", "pdf,html", "--theme", "sly"]
    result = run(project, *args)
    assert result.returncode == 2, result.stderr
    assert "is outside the project folder" in result.stderr
    no_secret_anywhere(project)


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("css: [/proc/self/environ]", "careerguide.yaml:1:6: css: /proc/self/environ is outside"),
        ("css: [../outside/secret.css]", "css: "),
        ("logo: ../outside/secret.png", "careerguide.yaml:1:7: logo: "),
    ],
    ids=["css-environ", "css-outside", "logo-outside"],
)
def test_files_named_in_the_settings_file_stay_inside_the_project(project, setting, expected):
    (project / "careerguide.yaml").write_text(setting + "\n")
    result = run(project, "build", "-f", "html")
    assert result.returncode == 2
    assert expected in result.stderr and "is outside the project folder" in result.stderr
    assert not (project / "build").exists()


def test_a_settings_file_linked_outside_is_refused(project):
    (project / "careerguide.yaml").symlink_to(project.parent / "outside/secret.yaml")
    result = run(project, "build", "-f", "html")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("/careerguide.yaml: is outside the project folder")


def test_files_typed_on_the_command_line_are_the_users_choice(project):
    """A path the counselor types is theirs: a stylesheet outside the project is used."""
    css = project.parent / "outside" / "school.css"
    css.write_text("h1 { letter-spacing: 2px; }\n")
    result = run(project, "build", "-f", "html", "--css", str(css))
    assert result.returncode == 0, result.stderr
    assert "letter-spacing: 2px" in (project / "build" / "good.html").read_text()


@pytest.mark.parametrize(
    ("content", "description"),
    [(b"", "(no description"), (b"/* Caf\xe9 */\nbody {}\n", "(unusable: is not UTF-8 text")],
    ids=["empty", "latin-1"],
)
def test_a_broken_style_file_is_listed_and_refused_by_name(project, content, description):
    (project / "styles").mkdir()
    (project / "styles" / "odd.css").write_bytes(content)
    listed = run(project, "themes")
    assert listed.returncode == 0
    assert any(
        line.startswith("odd") and description in line for line in listed.stdout.splitlines()
    )
    assert run(project, "build", "-f", "pdf").returncode == 0  # the default theme still builds
    if content:
        result = run(project, "build", "-f", "pdf", "--theme", "odd", "--force")
        assert result.returncode == 2
        assert "styles/odd.css: is not UTF-8 text" in result.stderr


@pytest.mark.parametrize("where", ["styles", "css"])
def test_an_import_in_a_style_is_refused_with_its_line(project, where):
    (project / "styles").mkdir()
    (project / "styles" / "extra.css").write_text('h1 { color: navy; }\n@import "other.css";\n')
    args = ["--theme", "extra"] if where == "styles" else ["--css", "styles/extra.css"]
    result = run(project, "build", "-f", "pdf", *args)
    assert result.returncode == 2
    assert "styles/extra.css:2:1: @import is not supported" in result.stderr


def test_a_string_repeated_through_aliases_is_refused_by_its_expanded_size(project):
    long = "x" * 700_000
    aliases = "\n".join(["    - *long"] * 45)
    text = f"career:\n  title: Bomb\n  summary: &long {long}\n  also_known_as:\n{aliases}\n"
    (project / "guide" / "bomb.yaml").write_text(text)
    result = run(project, "build", "-f", "html")
    assert result.returncode == 1
    assert "aliases expand to more than 2,000,000 characters" in result.stderr
    assert (project / "build" / "good.html").is_file()


def test_a_roster_cell_past_the_csv_limit_is_one_line(project):
    roster = project / "students.csv"
    roster.write_text("student,careers\nAna," + "g" * 200_000 + "\n")
    result = run(project, "roster", "students.csv")
    assert result.returncode == 2
    assert result.stderr.startswith("students.csv:2:1: the roster cannot be read past this line")


@pytest.mark.parametrize("shard", ["²/³", "1/0", "x/2", "3/2"])
def test_a_shard_that_is_not_two_numbers_is_one_line(project, shard):
    result = run(project, "build", "--shard", shard)
    assert result.returncode == 2
    assert result.stderr.startswith("--shard: expected K/N")


def plant(project: Path, place: str) -> None:
    """Link the secret from one place where a project can name a file."""
    outside = project.parent / "outside"
    links = {
        "guide": ("guide/linked.yaml", "secret.yaml"),
        "guide-folder": ("guide/sub/linked.yaml", "secret.yaml"),
        "template": ("templates/sections/faq.html.j2", "secret.j2"),
        "theme": ("styles/classic.css", "secret.css"),
        "layout-style": ("styles/layouts/handout.css", "secret.css"),
        "settings-css": ("school.css", "secret.css"),
        "settings-logo": ("logo.png", "secret.png"),
        "labels-like": ("guide/labels/en.yaml", "secret.yaml"),
    }
    link, target = links[place]
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(outside / target)
    if place == "settings-css":
        (project / "careerguide.yaml").write_text("css: [school.css]\n")
    if place == "settings-logo":
        (project / "careerguide.yaml").write_text("logo: logo.png\n")


PLACES = [
    "guide",
    "guide-folder",
    "template",
    "theme",
    "layout-style",
    "settings-css",
    "settings-logo",
    "labels-like",
]


@pytest.mark.parametrize("place", PLACES)
def test_no_byte_of_an_outside_file_reaches_any_output(project, place):
    """The secret, linked from one place a project can name a file, reaches no output and
    no message: each command refuses that file by name, or never reads it."""
    shutil.copy(BUNDLED, project / "guide" / "full.yaml")
    (project / "students.csv").write_text("student,careers,note\nAna Ruiz,good; full,Hi\n")
    plant(project, place)
    commands = [
        ["build", "-f", "pdf,html", "-j", "1"],
        ["build", "-f", "pdf", "--layout", "handout", "--out", "handouts"],
        ["roster", "students.csv", "--out", "roster"],
        ["booklet", "guide", "-o", "booklet/careers.pdf"],
    ]
    said = ""
    for command in commands:
        result = run(project, *command)
        said += result.stdout + result.stderr
    assert SECRET not in said
    no_secret_anywhere(*(project / name for name in ("build", "handouts", "roster", "booklet")))


# Writes outside the project -----------------------------------------------------------


def precious(project: Path) -> Path:
    """A folder outside the project holding a file a build of `good.yaml` would replace."""
    documents = project.parent / "documents"
    documents.mkdir(exist_ok=True)
    for name in ("good.pdf", "good.html", "index.html"):
        (documents / name).write_text("the counselor's own file\n")
    return documents


def untouched(folder: Path) -> None:
    assert sorted(path.name for path in folder.iterdir()) == ["good.html", "good.pdf", "index.html"]
    for path in folder.iterdir():
        assert path.read_text() == "the counselor's own file\n", path


@pytest.mark.parametrize(
    ("link", "command"),
    [
        ("build", ["build", "-f", "pdf,html"]),
        ("handouts", ["roster", "students.csv"]),
        ("site", ["site"]),
        ("site/assets", ["site"]),
        ("site/careers", ["site"]),
        ("site/pdf", ["site"]),
    ],
)
def test_an_output_folder_linked_outside_is_refused(project, link, command):
    """A project shipping `build -> ~/Documents` must not make a build replace files there."""
    documents = precious(project)
    (project / "students.csv").write_text("student,careers\nAna,good\n")
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(documents)
    result = run(project, *command)
    assert result.returncode in (1, 2), result.stderr
    assert f"{link}: is a symbolic link; refusing to write through it" in result.stderr
    untouched(documents)


def test_an_output_folder_typed_on_the_command_line_may_be_a_link(project):
    documents = project.parent / "documents"
    documents.mkdir()
    (project / "build").symlink_to(documents)
    result = run(project, "build", "-f", "html", "-o", "build")
    assert result.returncode == 0, result.stderr
    assert (documents / "good.html").is_file()


def test_an_output_that_is_a_file_on_the_way_is_one_line(project):
    (project / "build").write_text("not a folder\n")
    result = run(project, "build", "-f", "html")
    assert result.returncode == 2, result.stderr
    assert "build: is not a folder; refusing to write into it" in result.stderr


def test_import_into_a_guide_folder_linked_outside_is_refused(project, tmp_path):
    onet = Path(__file__).parent / "fixtures" / "data" / "onet-txt"
    documents = tmp_path / "documents"
    documents.mkdir()
    shutil.rmtree(project / "guide")
    (project / "guide").symlink_to(documents)
    result = run(project, "import", "91-1011", "--onet", str(onet))
    assert result.returncode == 2, result.stderr
    assert "guide: is a symbolic link; refusing to write through it" in result.stderr
    assert list(documents.iterdir()) == []


# Tracebacks: every failure is one line -------------------------------------------------

DATA = Path(__file__).parent / "fixtures" / "data"


@pytest.mark.parametrize("place", ["logo", "theme", "roster", "wages"])
def test_a_folder_where_a_file_is_expected_is_one_line(project, place):
    commands = {
        "logo": (["build", "-f", "html"], "logo.png", "logo: logo.png\n", "logo.png is a folder"),
        "theme": (["build", "--theme", "odd"], "styles/odd.css", "", "styles/odd.css: is a folder"),
        "roster": (["roster", "students.csv"], "students.csv", "", "students.csv"),
        "wages": (
            ["import", "91-1011", "--onet", str(DATA / "onet-txt"), "--wages", "wages.csv"],
            "wages.csv",
            "",
            "wages.csv: is a folder",
        ),
    }
    command, folder, settings, expected = commands[place]
    (project / folder).mkdir(parents=True)
    if settings:
        (project / "careerguide.yaml").write_text(settings)
    result = run(project, *command)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and expected in result.stderr


def test_a_csv_field_past_the_limit_is_one_line(project):
    wages = (DATA / "oews-made-up-M2099.csv").read_text().splitlines()
    wages.insert(2, wages[2].replace("Cloud Gardeners", "x" * 200_000))
    (project / "wages.csv").write_text("\n".join(wages) + "\n")
    args = ["import", "91-1011", "--onet", str(DATA / "onet-txt"), "--wages", "wages.csv"]
    result = run(project, *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("wages.csv:3: cannot be read as CSV (field larger than")


def test_a_title_too_long_for_a_file_name_makes_a_shorter_one(project):
    result = run(project, "new", "Long " * 60)
    assert result.returncode == 0, result.stderr
    (written,) = [path for path in (project / "guide").iterdir() if path.name.startswith("long")]
    assert len(written.name) <= 125
    assert run(project, "build", "-f", "html").returncode == 0


def test_an_enormous_salary_is_a_field_error(project):
    digits = "9" * 60
    (project / "guide" / "rich.yaml").write_text(
        f"career:\n  title: Rich\nsalary:\n  low: 1\n  median: 2\n  high: {digits}\n"
    )
    check = run(project, "check", "--no-handout")
    assert check.returncode == 2
    assert "guide/rich.yaml:6:9: error: salary.high: 9999" in check.stdout
    assert "above the maximum 1000000000000" in check.stdout
    build = run(project, "build", "-f", "html")
    assert build.returncode == 1 and "salary.high:" in build.stderr
    assert "InvalidOperation" not in build.stderr


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ("{% macro r(n) %}{{ r(n) }}{% endmacro %}{{ r(1) }}", "RecursionError"),
        ("{{ guide|tojson }}", "TypeError: Object of type date"),
    ],
    ids=["macro-recursion", "tojson"],
)
def test_a_template_error_not_of_ours_is_one_line_in_every_command(project, payload, error):
    (project / "guide" / "good.yaml").write_text(
        "career:\n  title: Park Ranger\n  updated: 2026-01-01\n"
    )
    (project / "templates").mkdir()
    base = (BUNDLED.parent.parent / "templates" / "base.html.j2").read_text()
    (project / "templates" / "base.html.j2").write_text(base.replace("<body", payload + "<body", 1))
    for command in (["check"], ["site"], ["build", "-f", "html"]):
        result = run(project, *command)
        said = result.stdout + result.stderr
        assert result.returncode in (1, 2), said
        assert (
            f"templates/base.html.j2:26: {'error: ' if command == ['check'] else ''}template error: {error}"
            in said
        )


# Reads outside: a data folder's files stay in that folder ----------------------------


@pytest.mark.parametrize("named", ["settings", "typed"])
def test_a_link_inside_a_data_folder_is_not_followed(project, named):
    onet = project / "data" / "onet"
    shutil.copytree(DATA / "onet-txt", onet)
    outside = project.parent / "outside" / "Occupation Data.txt"
    outside.write_text(
        (onet / "Occupation Data.txt").read_text().replace("Cloud Gardeners", SECRET)
    )
    (onet / "Occupation Data.txt").unlink()
    (onet / "Occupation Data.txt").symlink_to(outside)
    (onet / "Read Me.txt").unlink()
    (onet / "Read Me.txt").symlink_to(project.parent / "outside" / "secret.txt")
    if named == "settings":
        (project / "careerguide.yaml").write_text("data: {onet: data/onet}\n")
        result = run(project, "import", "91-1011")
    else:
        result = run(project, "import", "91-1011", "--onet", str(onet))
    assert result.returncode == 2, result.stderr
    assert "Occupation Data.txt: is outside its folder" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    no_secret_anywhere(project / "guide")


# The budget: time and memory of one guide ---------------------------------------------

FOREVER = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
# Each value within the sandbox's bounds, together a gigabyte: only the budget stops it.
GIGABYTE = (
    "{% set ns = namespace(kept=[]) %}{% for i in range(1000) %}"
    '{% set ns.kept = ns.kept + [("x" * 999000) ~ i] %}{% endfor %}'
)


def hostile_guide(project: Path, payload: str) -> None:
    """`guide/hostile.yaml` whose own template (`templates/sections/...`) runs `payload`;
    the good guide, without that section, is built as usual."""
    (project / "guide" / "hostile.yaml").write_text(
        "career:\n  title: Hostile\nwhy_it_matters: The payload runs here.\n"
    )
    (project / "templates" / "sections").mkdir(parents=True)
    (project / "templates" / "sections" / "why_it_matters.html.j2").write_text(payload)


@pytest.mark.parametrize(
    ("payload", "limit", "stopped"),
    [
        (FOREVER, "--time-limit=1", "it took longer than the time limit of 1 s"),
        (GIGABYTE, "--memory-limit=256", "it needed more than the memory limit of 256 MB"),
    ],
    ids=["time", "memory"],
)
def test_a_guide_past_its_budget_is_stopped_by_name(project, payload, limit, stopped):
    hostile_guide(project, payload)
    result = run(project, "build", "-f", "html", limit)
    assert result.returncode in (1, 2), result.stderr
    assert f"guide/hostile.yaml: stopped: {stopped}" in result.stderr.splitlines()
    assert not (project / "build" / "hostile.html").exists()
    if "memory" in limit:  # (with a tiny time limit, a loaded machine could stop both)
        assert result.returncode == 1 and (project / "build" / "good.html").is_file()


def test_the_budget_is_a_setting_with_bounds(project):
    hostile_guide(project, FOREVER)
    (project / "careerguide.yaml").write_text("time_limit: 1\n")
    result = run(project, "build", "-f", "html", "guide/hostile.yaml")
    assert result.returncode == 2, result.stderr
    assert "stopped: it took longer than the time limit of 1 s" in result.stderr
    (project / "careerguide.yaml").write_text("time_limit: 0\nmemory_limit: 100000\n")
    result = run(project, "build", "-f", "html")
    assert result.returncode == 2
    assert "careerguide.yaml:1:13: time_limit: expected 1 to 3,600 seconds, got 0" in result.stderr
    assert "memory_limit: expected 256 to 65,536 MB, got 100,000" in result.stderr


@pytest.mark.parametrize(
    ("command", "stopped"),
    [
        (["check"], "guide/hostile.yaml: error: stopped: "),
        (["roster", "students.csv"], "students.csv:3: stopped: "),
        (["booklet", "guide", "-o", "fair.pdf"], "guide/hostile.yaml: stopped: "),
        (
            ["booklet", "guide", "-o", "fair.pdf", "--pdf-variant", "pdf/ua-1"],
            "fair.pdf: stopped: ",
        ),
        (["site"], "guide/hostile.yaml: stopped: "),
        (["build", "-j", "2"], "guide/hostile.yaml: stopped: "),
    ],
    ids=["check", "roster", "booklet", "tagged-booklet", "site", "batch"],
)
def test_every_command_holds_each_guide_to_the_time_limit(project, command, stopped):
    """A layout that never ends, in every layout the commands use: the hostile guide is
    stopped by name. (Whether the good one is made in 2 s depends on the machine's load.)"""
    (project / "guide" / "hostile.yaml").write_text("career:\n  title: Hostile\n")
    (project / "templates").mkdir()
    base = (BUNDLED.parent.parent / "templates" / "base.html.j2").read_text()
    payload = '{% if career.title == "Hostile" %}' + FOREVER + "{% endif %}"
    (project / "templates" / "base.html.j2").write_text(base.replace("<body", payload + "<body", 1))
    career = (BUNDLED.parent.parent / "templates" / "career.html.j2").read_text()
    (project / "templates" / "career.html.j2").write_text(payload + career)  # booklet careers
    (project / "careerguide.yaml").write_text("time_limit: 2\n")
    (project / "students.csv").write_text("student,careers\nAna,good\nBen,hostile\n")
    result = run(project, *command)
    said = result.stdout + result.stderr
    assert result.returncode in (1, 2), said
    limit = 4 if "--pdf-variant" in command else 2  # a tagged booklet: 2 s for each career
    assert f"{stopped}it took longer than the time limit of {limit} s" in said
    assert "Traceback" not in said and not (project / "handouts" / "ben.pdf").exists()


# Smaller breaks --------------------------------------------------------------------------


def test_an_include_of_an_empty_name_is_one_line(project):
    (project / "templates" / "sections").mkdir(parents=True)
    (project / "templates" / "sections" / "why_it_matters.html.j2").write_text('{% include "" %}')
    (project / "guide" / "good.yaml").write_text("career:\n  title: Ranger\nwhy_it_matters: x\n")
    result = run(project, "build", "-f", "html")
    assert result.returncode == 2
    assert result.stderr.endswith(
        'why_it_matters.html.j2:1: template error: no template named "" (an empty name)\n'
    )


@pytest.mark.parametrize("command", ["roster", "booklet"])
def test_an_output_that_is_a_device_or_folder_is_refused_as_named(project, command):
    (project / "students.csv").write_text("student,careers\nAna,good\n")
    args = {
        "roster": ["roster", "students.csv", "--combined"],
        "booklet": ["booklet", "guide", "-o"],
    }
    for target in ("/dev/null", "guide"):
        result = run(project, *args[command], target)
        assert result.returncode == 2, result.stderr
        assert result.stderr == f"{target}: is not a regular file; refusing to write over it\n"
    assert not Path("/dev/null.pdf").exists() and not (project / "guide.pdf").exists()


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_settings_file_that_is_not_a_file_is_refused_not_ignored(project, kind):
    settings = project / "careerguide.yaml"
    if kind == "fifo":
        os.mkfifo(settings)
    else:
        settings.symlink_to("/dev/zero")
    result = run(project, "build", "-f", "html")
    assert result.returncode == 2
    reason = "is not a regular file" if kind == "fifo" else "is outside the project folder"
    assert result.stderr == f"{settings}: {reason}\n"


def test_a_project_found_above_the_current_folder_is_named(project):
    (project / "careerguide.yaml").write_text("school: Lincoln High\n")
    result = careerguide(
        "build", "-f", "html", ".", "-o", str(project / "out"), cwd=project / "guide"
    )
    assert result.returncode == 0, result.stderr
    note = (
        "note: using this project's settings, templates and styles (found above the current folder)"
    )
    assert f"{project / 'careerguide.yaml'}: {note}" in result.stderr
    assert "Lincoln High" in (project / "out" / "good.html").read_text()
