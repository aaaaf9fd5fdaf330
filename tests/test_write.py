"""Atomic writes: a final name only ever holds a whole file."""

import pytest

from careerguide.write import write_atomic


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
