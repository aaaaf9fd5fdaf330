"""Where outputs land: never over a device or a link, never over another guide's output,
and the cache trusts only the bytes its own build wrote."""

import hashlib
import json
import os
import pickle
import stat
from pathlib import Path

import pytest

from careerguide.core.errors import GuideError
from careerguide.orchestration import batch
from careerguide.orchestration.batch import build_many, build_one, collisions
from careerguide.orchestration.cache import BuildCache, fingerprint
from careerguide.orchestration.outcome import Outcome
from careerguide.render.write import write_atomic
from careerguide.settings.model import Settings
from helpers import careerguide, pdf_text

HTML = ("html",)
REFUSED = "is not a regular file; refusing to write over it"


def guide(folder: Path, name: str, title: str) -> Path:
    """A tiny guide file at `folder/name`."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"career:\n  title: {title}\n", encoding="utf-8")
    return path


def by_source(outcomes) -> dict[Path, Outcome]:
    return {outcome.source: outcome for outcome in outcomes}


# 1. Only regular files are replaced.


def not_regular(tmp_path: Path, kind: str, target: Path) -> Path | None:
    """Put a FIFO, a symlink (to a file elsewhere) or a folder at `target`; return the
    symlink's own target, whose bytes must survive."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        elsewhere = tmp_path / "elsewhere.txt"
        elsewhere.write_bytes(b"precious")
        target.symlink_to(elsewhere)
        return elsewhere
    elif kind == "dangling symlink":
        target.symlink_to(tmp_path / "nowhere")
    else:
        target.mkdir()
    return None


def still_there(kind: str, target: Path, elsewhere: Path | None) -> None:
    mode = os.lstat(target).st_mode
    expected = {"fifo": stat.S_ISFIFO, "directory": stat.S_ISDIR}.get(kind, stat.S_ISLNK)
    assert expected(mode), kind
    if elsewhere is not None:
        assert elsewhere.read_bytes() == b"precious"


@pytest.mark.parametrize("kind", ["fifo", "symlink", "dangling symlink", "directory"])
def test_write_atomic_refuses_what_is_not_a_regular_file(tmp_path, kind):
    target = tmp_path / "out" / "nurse.pdf"
    elsewhere = not_regular(tmp_path, kind, target)
    with pytest.raises(GuideError) as raised:
        write_atomic(target, b"%PDF")
    assert str(raised.value) == f"{target}: {REFUSED}"
    still_there(kind, target, elsewhere)
    assert [p.name for p in target.parent.iterdir()] == ["nurse.pdf"]  # no temporary left


def test_write_atomic_returns_the_digest_of_what_it_wrote(tmp_path):
    target = tmp_path / "nurse.html"
    target.write_bytes(b"old")  # a regular file is replaced as before
    assert write_atomic(target, b"new") == hashlib.sha256(b"new").hexdigest()
    assert target.read_bytes() == b"new"


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_a_guide_whose_output_is_not_a_regular_file_fails_alone(tmp_path, kind):
    out = tmp_path / "build"
    nurse = guide(tmp_path / "guide", "nurse.yaml", "Nurse")
    baker = guide(tmp_path / "guide", "baker.yaml", "Baker")
    elsewhere = not_regular(tmp_path, kind, out / "nurse.pdf")
    outcomes = by_source(build_many([nurse, baker], out, Settings(), jobs=1))
    assert outcomes[nurse].error == f"{out / 'nurse.pdf'}: {REFUSED}"
    assert outcomes[nurse].detail is None  # the user's to fix, not a bug
    assert outcomes[baker].status == "built"
    assert "Baker" in pdf_text(out / "baker.pdf")
    still_there(kind, out / "nurse.pdf", elsewhere)
    again = by_source(build_many([nurse, baker], out, Settings(), jobs=1))
    assert again[nurse].status == "failed"  # its HTML was written, but it is not kept as built
    assert again[baker].status == "unchanged"


def test_a_refused_output_fails_the_guide_in_a_worker_too(tmp_path):
    out = tmp_path / "build"
    guides = [guide(tmp_path / "guide", f"{name}.yaml", name) for name in ("nurse", "baker")]
    out.mkdir()
    os.mkfifo(out / "nurse.html")
    outcomes = by_source(build_many(guides, out, Settings(), HTML, jobs=2))
    assert outcomes[guides[0]].error == f"{out / 'nurse.html'}: {REFUSED}"
    assert outcomes[guides[1]].status == "built"
    assert stat.S_ISFIFO(os.lstat(out / "nurse.html").st_mode)


def test_build_one_refuses_a_symlinked_output(tmp_path):
    out = tmp_path / "build"
    elsewhere = not_regular(tmp_path, "symlink", out / "nurse.html")
    outcome = build_one(guide(tmp_path, "nurse.yaml", "Nurse"), out, Settings(), HTML)
    assert outcome.error == f"{out / 'nurse.html'}: {REFUSED}"
    still_there("symlink", out / "nurse.html", elsewhere)


def test_the_booklet_refuses_a_fifo_as_its_output(tmp_path):
    from careerguide.orchestration.booklet import build_booklet

    target = tmp_path / "booklet.pdf"
    os.mkfifo(target)
    result = build_booklet([guide(tmp_path, "nurse.yaml", "Nurse")], target, Settings())
    assert not result.written
    assert [failure.error for failure in result.failures] == [f"{target}: {REFUSED}"]
    assert stat.S_ISFIFO(os.lstat(target).st_mode)


# 2. Two guides never write the same file.


def test_collisions_keep_the_first_guide_of_each_name():
    paths = [Path("guide/nurse.yaml"), Path("guide/sub/nurse.yaml"), Path("guide/Nurse!.yaml")]
    kept, clashes = collisions([*paths, Path("guide/baker.yaml")], Path("build"))
    assert kept == [paths[0], Path("guide/baker.yaml")]
    assert [clash.error for clash in clashes] == [
        f"{path}: writes build/nurse.pdf, as guide/nurse.yaml does; rename one of them"
        for path in paths[1:]
    ]
    _, html_only = collisions(paths[:2], Path("build"), HTML)
    assert "writes build/nurse.html," in str(html_only[0].error)


@pytest.mark.parametrize("jobs", [1, 2])
def test_guides_with_the_same_output_name_fail_all_but_the_first(tmp_path, jobs):
    folder = tmp_path / "guide"
    first = guide(folder, "nurse.yaml", "Nurse")
    same_stem = guide(folder, "sub/nurse.yaml", "Night Nurse")
    same_slug = guide(folder, "Nurse!.yaml", "Head Nurse")
    baker = guide(folder, "baker.yaml", "Baker")
    out = tmp_path / "build"
    outcomes = by_source(
        build_many([first, same_stem, same_slug, baker], out, Settings(), HTML, jobs=jobs)
    )
    assert len(outcomes) == 4
    assert outcomes[first].status == outcomes[baker].status == "built"
    for clash in (same_stem, same_slug):
        assert outcomes[clash].status == "failed"
        assert outcomes[clash].error == (
            f"{clash}: writes {out / 'nurse.html'}, as {first} does; rename one of them"
        )
        assert outcomes[clash].written == []
    assert ">Nurse<" in (out / "nurse.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["baker.html", "nurse.html"]


def test_the_command_reports_a_collision_on_one_line_and_exits_1(tmp_path):
    guide(tmp_path / "guide", "nurse.yaml", "Nurse")
    guide(tmp_path / "guide", "sub/nurse.yaml", "Night Nurse")
    finished = careerguide("build", "guide", "-o", "build", "-j", "1", cwd=tmp_path)
    line = (
        "guide/sub/nurse.yaml: writes build/nurse.pdf, as guide/nurse.yaml does; rename one of them"
    )
    assert finished.returncode == 1, finished.stderr
    assert line in finished.stderr.splitlines()
    assert "Traceback" not in finished.stderr
    text = pdf_text(tmp_path / "build" / "nurse.pdf")
    assert "Nurse" in text and "Night" not in text


# 3. The cache records the bytes this build wrote.


def cache_of(out: Path, formats=("pdf", "html")) -> BuildCache:
    return BuildCache(out, fingerprint(Settings(), formats, False))


def test_the_cache_records_the_digest_of_the_bytes_written(tmp_path):
    nurse = guide(tmp_path / "guide", "nurse.yaml", "Nurse")
    out = tmp_path / "build"
    [outcome] = build_many([nurse], out, Settings(), HTML)
    written = (out / "nurse.html").read_bytes()
    assert outcome.digests == {str(out / "nurse.html"): hashlib.sha256(written).hexdigest()}
    stored = json.loads(cache_of(out, HTML).path.read_text(encoding="utf-8"))
    entry = stored["guides"][str(nurse.resolve())]
    assert entry["outputs"] == {"nurse.html": hashlib.sha256(written).hexdigest()}
    assert pickle.loads(pickle.dumps(outcome)) == outcome  # crosses the workers' pipes


def test_an_output_replaced_while_building_is_not_taken_for_ours(tmp_path, monkeypatch):
    """Another build writes the same file between our write and the cache's record: the
    next build must not keep that file as this build's output."""
    nurse = guide(tmp_path / "guide", "nurse.yaml", "Nurse")
    out = tmp_path / "build"
    real_write = batch.write_atomic

    def write_then_overwritten(path: Path, data: bytes) -> str:
        digest = real_write(path, data)
        real_write(path, b"<p>another build's output, with other settings</p>")
        return digest

    monkeypatch.setattr(batch, "write_atomic", write_then_overwritten)
    [first] = build_many([nurse], out, Settings(), HTML)
    assert first.status == "built"
    monkeypatch.undo()
    [again] = build_many([nurse], out, Settings(), HTML)
    assert again.status == "built"
    assert ">Nurse<" in (out / "nurse.html").read_text(encoding="utf-8")
    [third] = build_many([nurse], out, Settings(), HTML)
    assert third.status == "unchanged"


def test_workers_bring_the_digests_back(tmp_path):
    guides = [guide(tmp_path / "guide", f"{name}.yaml", name) for name in ("nurse", "baker")]
    out = tmp_path / "build"
    built = list(build_many(guides, out, Settings(), HTML, jobs=2))
    assert all(outcome.digests for outcome in built)
    assert {o.status for o in build_many(guides, out, Settings(), HTML, jobs=2)} == {"unchanged"}


# 4. A cache entry of the wrong shape is as good as none.


MALFORMED = {
    "outputs a list": lambda key: {"key": key, "outputs": []},
    "outputs missing": lambda key: {"key": key},
    "digest not a string": lambda key: {"key": key, "outputs": {"nurse.html": 5}},
    "name not a file name": lambda key: {"key": key, "outputs": {"../nurse.html": "0" * 64}},
    "key not a string": lambda key: {"key": [key], "outputs": {"nurse.html": "0" * 64}},
    "entry a string": lambda key: key,
    "entry a list": lambda key: [key],
    "entry null": lambda key: None,
}


@pytest.mark.parametrize("shape", MALFORMED)
def test_a_malformed_cache_entry_means_a_rebuild(tmp_path, shape):
    nurse = guide(tmp_path / "guide", "nurse.yaml", "Nurse")
    out = tmp_path / "build"
    cache = cache_of(out, HTML)
    entry = MALFORMED[shape](cache.key(nurse))
    write_atomic(
        cache.path, json.dumps({"format": 1, "guides": {str(nurse.resolve()): entry}}).encode()
    )
    [outcome] = build_many([nurse], out, Settings(), HTML)
    assert outcome.status == "built", outcome.error
    [again] = build_many([nurse], out, Settings(), HTML)  # the entry was written anew
    assert again.status == "unchanged"


@pytest.mark.parametrize("text", ['{"format": 1, "guides": []}', "[1]", '{"format": 1}', '"x"'])
def test_a_malformed_cache_file_means_a_rebuild(tmp_path, text):
    nurse = guide(tmp_path / "guide", "nurse.yaml", "Nurse")
    out = tmp_path / "build"
    write_atomic(cache_of(out, HTML).path, text.encode())
    [outcome] = build_many([nurse], out, Settings(), HTML)
    assert outcome.status == "built", outcome.error


def test_other_entries_survive_a_malformed_one(tmp_path):
    folder = tmp_path / "guide"
    nurse, baker = guide(folder, "nurse.yaml", "Nurse"), guide(folder, "baker.yaml", "Baker")
    out = tmp_path / "build"
    list(build_many([nurse, baker], out, Settings(), HTML, jobs=1))
    cache = cache_of(out, HTML)
    stored = json.loads(cache.path.read_text(encoding="utf-8"))
    stored["guides"][str(nurse.resolve())]["outputs"] = ["nurse.html"]
    write_atomic(cache.path, json.dumps(stored).encode())
    outcomes = by_source(build_many([nurse, baker], out, Settings(), HTML, jobs=1))
    assert outcomes[nurse].status == "built"
    assert outcomes[baker].status == "unchanged"
