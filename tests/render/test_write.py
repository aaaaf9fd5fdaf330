"""Atomic writes: a final name only ever holds a whole file."""

import os
import subprocess
import sys

import pytest

from careerguide.render.write import write_atomic


def test_write_replaces_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "deep" / "guide.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["guide.pdf"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "guide.pdf"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]


def test_temporary_files_of_dead_writers_are_removed_by_the_next_write(tmp_path):
    """A SIGKILLed build leaves its temporary file; the next write into the folder clears it."""
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(finished.stdout)
    dead = tmp_path / f".guide.pdf.{dead_pid}.abc_1234.part"
    alive = tmp_path / f".guide.html.{os.getppid()}.zz9_0000.part"  # a build still running
    not_ours = tmp_path / ".notes.2024.draft.part"
    for path in (dead, alive, not_ours):
        path.write_bytes(b"half a file")
    write_atomic(tmp_path / "other.pdf", b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.name, not_ours.name, "other.pdf"]
    )
