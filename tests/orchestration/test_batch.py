"""Batches: worker processes, the incremental cache and shards, on real builds."""

import shutil
from itertools import chain
from pathlib import Path

import pytest
from pypdf import PdfReader

from careerguide.core.errors import GuideError
from careerguide.core.resources import bundled
from careerguide.orchestration.batch import build_many
from careerguide.orchestration.outcome import Outcome
from careerguide.orchestration.shard import Shard
from careerguide.settings.model import Settings
from helpers import FIXTURES, pdf_text

TITLES = ["Park Ranger", "Baker", "Welder", "Nurse"]


@pytest.fixture
def caseload(tmp_path) -> list[Path]:
    """Four small guides in one folder."""
    folder = tmp_path / "guide"
    folder.mkdir()
    paths = []
    for title in TITLES:
        path = folder / f"{title.lower().replace(' ', '-')}.yaml"
        path.write_text(f"schema: 1\ncareer:\n  title: {title}\n", encoding="utf-8")
        paths.append(path)
    return paths


def build(guides: list[Path], out: Path, **options) -> dict[str, list[Outcome]]:
    """Build and group the outcomes by status."""
    settings = Settings(**options.pop("settings", {}))
    grouped: dict[str, list[Outcome]] = {"built": [], "unchanged": [], "failed": []}
    for outcome in build_many(guides, out, settings, **options):
        grouped[outcome.status].append(outcome)
    return grouped


def stamps(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


def test_workers_write_the_same_guides_as_one_process(caseload, tmp_path):
    one = build(caseload, tmp_path / "one", jobs=1)
    two = build(caseload, tmp_path / "two", jobs=2)
    assert len(one["built"]) == len(two["built"]) == 4
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == sorted(
        p.name for p in (tmp_path / "two").iterdir()
    )
    for pdf in (tmp_path / "one").glob("*.pdf"):
        twin = tmp_path / "two" / pdf.name
        assert pdf_text(pdf) == pdf_text(twin)
        assert len(PdfReader(pdf).pages) == len(PdfReader(twin).pages)
    for html in (tmp_path / "one").glob("*.html"):
        assert html.read_bytes() == (tmp_path / "two" / html.name).read_bytes()


def test_a_failing_guide_in_a_worker_is_reported_and_the_rest_build(caseload, tmp_path):
    caseload[1].write_text("career: {title: X, colour: red}\n", encoding="utf-8")
    grouped = build(caseload, tmp_path / "out", jobs=2, formats=("html",))
    assert [o.source for o in grouped["failed"]] == [caseload[1]]
    assert "colour: unknown key" in (grouped["failed"][0].error or "")
    assert len(grouped["built"]) == 3


def test_an_unchanged_guide_is_not_rebuilt(caseload, tmp_path):
    out = tmp_path / "out"
    assert len(build(caseload, out, jobs=2)["built"]) == 4
    before = stamps(out)
    again = build(caseload, out, jobs=2)
    assert len(again["unchanged"]) == 4 and not again["built"]
    assert sorted(again["unchanged"][0].unchanged) == sorted(
        out / f"{caseload[0].stem}.{kind}" for kind in ("html", "pdf")
    )
    assert stamps(out) == before  # nothing rewritten


def test_an_edited_guide_or_a_touched_output_is_rebuilt_alone(caseload, tmp_path):
    out = tmp_path / "out"
    build(caseload, out, formats=("html",))
    caseload[0].write_text("schema: 1\ncareer:\n  title: Forest Ranger\n", encoding="utf-8")
    (out / f"{caseload[2].stem}.html").write_text("edited by hand")
    (out / f"{caseload[3].stem}.html").unlink()
    again = build(caseload, out, formats=("html",))
    assert sorted(o.source for o in again["built"]) == sorted([caseload[0], *caseload[2:]])
    assert [o.source for o in again["unchanged"]] == [caseload[1]]
    assert "Forest Ranger" in (out / f"{caseload[0].stem}.html").read_text()


def test_a_failed_guide_is_tried_again_next_time(caseload, tmp_path):
    out = tmp_path / "out"
    build(caseload, out, formats=("html",))
    caseload[0].write_text("career: {}\n", encoding="utf-8")
    assert len(build(caseload, out, formats=("html",))["failed"]) == 1
    assert len(build(caseload, out, formats=("html",))["failed"]) == 1


@pytest.mark.parametrize(
    "change",
    ["template", "style", "paper", "formats", "force"],
)
def test_a_change_of_template_style_or_option_rebuilds_everything(caseload, tmp_path, change):
    out, project = tmp_path / "out", tmp_path / "project"
    project.mkdir()
    build(caseload[:2], out, formats=("html",), settings={"project_dir": project})
    options: dict = {"formats": ("html",), "settings": {"project_dir": project}}
    if change == "template":
        (project / "templates" / "sections").mkdir(parents=True)
        header = bundled("templates") / "sections" / "header.html.j2"
        text = header.read_text(encoding="utf-8") + "{# changed #}\n"
        (project / "templates" / "sections" / "header.html.j2").write_text(text, encoding="utf-8")
    elif change == "style":
        (project / "styles").mkdir()
        shutil.copy(bundled("styles") / "classic.css", project / "styles" / "classic.css")
        with (project / "styles" / "classic.css").open("a") as css:
            css.write("\nh1 { letter-spacing: 0.01em; }\n")
    elif change == "paper":
        options["settings"]["paper"] = "a4"
    elif change == "formats":
        options["formats"] = ("html", "pdf")
    else:
        options["force"] = True
    again = build(caseload[:2], out, **options)
    assert len(again["built"]) == 2 and not again["unchanged"]


def test_shards_build_every_guide_exactly_once():
    guides = [Path(f"guide/{n:03d}-career.yaml") for n in range(60)]
    for count in (1, 2, 3, 5):
        slices = [Shard(index, count).select(guides) for index in range(1, count + 1)]
        assert sorted(chain.from_iterable(slices)) == sorted(guides)
        if count > 1:
            assert all(0 < len(part) < len(guides) for part in slices)


def test_a_shard_holds_the_same_guides_however_the_path_is_written(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    relative, absolute = Path("guide/nurse.yaml"), tmp_path / "guide" / "nurse.yaml"
    for index in (1, 2, 3):
        assert Shard(index, 3).holds(relative) == Shard(index, 3).holds(absolute)


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_a_usage_error(text):
    with pytest.raises(GuideError, match="--shard: expected K/N"):
        Shard.parse(text)


def test_the_bundled_fixture_builds_through_a_pool(tmp_path):
    """A full guide through a worker: fonts, theme and sandbox work after the fork."""
    guides = [FIXTURES / "minimal.yaml", bundled("guide") / "machine-learning-engineer.yaml"]
    grouped = build(guides, tmp_path, jobs=2, formats=("pdf",))
    assert len(grouped["built"]) == 2, grouped["failed"]
    assert "Machine Learning Engineer" in pdf_text(tmp_path / "machine-learning-engineer.pdf")
