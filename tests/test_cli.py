"""The command as a counselor runs it: exit codes, one line per file, no tracebacks."""

import pytest

from helpers import BUNDLED, FIXTURES, careerguide


def test_build_writes_one_line_per_file(tmp_path):
    result = careerguide("build", str(BUNDLED), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"wrote {tmp_path / 'machine-learning-engineer.html'}",
        f"wrote {tmp_path / 'machine-learning-engineer.pdf'}",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "machine-learning-engineer.html",
        "machine-learning-engineer.pdf",
    ]


def test_format_and_paper_options(tmp_path):
    result = careerguide(
        "build", str(BUNDLED), "-o", str(tmp_path), "--format", "pdf", "--paper", "a4"
    )
    assert result.returncode == 0, result.stderr
    assert [p.suffix for p in tmp_path.iterdir()] == [".pdf"]


def test_invalid_guide_exits_2_with_one_line_and_writes_nothing(tmp_path):
    guide = tmp_path / "bad.yaml"
    guide.write_text("career:\n  title: X\nskills:\n  items:\n    - {name: A, score: 101}\n")
    out = tmp_path / "out"
    result = careerguide("build", str(guide), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{guide}:5:24: skills.items[0].score: 101 is above the maximum 100"
    )
    assert "Traceback" not in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_one_bad_guide_in_a_folder_exits_1_and_the_rest_build(tmp_path):
    folder = tmp_path / "guides"
    folder.mkdir()
    (folder / "good.yaml").write_text((FIXTURES / "minimal.yaml").read_text())
    (folder / "bad.yaml").write_text("career: {title: X, colour: red}\n")
    result = careerguide("build", str(folder), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert result.returncode == 1
    assert "colour: unknown key" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["good.pdf"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--paper", "legal"], "--paper: expected letter or a4"),
        (["--format", "docx"], "--format: expected"),
        (["--theme", "neon"], "--theme: no theme 'neon'"),
        (["--layout", "poster"], "--layout: expected guide or handout, got 'poster'"),
        (["--accent", "bleu"], "--accent: 'bleu' is not a colour"),
        (["--accent", "#ffff00"], "--accent: '#ffff00' is too light to read on white paper"),
        (["--logo", "no-such-logo.png"], "--logo: no such file"),
        (["--logo", "README.md"], "--logo: README.md: use a PNG, JPEG or SVG file"),
        (
            ["--pdf-variant", "pdf/x-4"],
            "--pdf-variant: expected pdf/ua-1 or pdf/a-3b, got 'pdf/x-4'",
        ),
    ],
)
def test_bad_options_exit_2(tmp_path, args, message):
    result = careerguide("build", str(BUNDLED), "--out", str(tmp_path), *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_mistake_in_careerguide_yaml_exits_2_with_its_line(tmp_path):
    (tmp_path / "careerguide.yaml").write_text("school: Lincoln High\nshcool: typo\n")
    result = careerguide("build", str(BUNDLED), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"{tmp_path / 'careerguide.yaml'}:2:1: shcool: unknown key (did you mean 'school'?)\n"
    )


def test_themes_lists_one_line_per_theme():
    result = careerguide("themes")
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["classic", "large-print", "mono", "readable"]


def test_missing_path_exits_2(tmp_path):
    result = careerguide("build", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}: no such file or folder"


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (
            "build",
            [
                *["--out", "--format", "--layout", "--theme", "--paper", "--allow-network"],
                *["--accent", "--css", "--school", "--logo", "--counselor", "--contact"],
                *["--footer-note", "--roster", "--pdf-variant"],
            ],
        ),
        ("booklet", ["--output", "--title", "--school", "--theme", "--paper", "--pdf-variant"]),
    ],
)
def test_every_option_has_help(command, options):
    result = careerguide(command, "--help")
    assert result.returncode == 0
    for option in options:
        line = next(line for line in result.stdout.splitlines() if option in line)
        assert len(line.split(option, 1)[1].strip()) > 10, line
