"""`careerguide watch`: a real file change rebuilds, an error is shown and watching goes on.

The command runs in a subprocess on a scratch project; each wait is bounded and polls the
output, so a slow machine only makes the test slower, never wrong.
"""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from careerguide.authoring.watch import affected_guides, watched_folders
from careerguide.settings.model import Settings

WAIT = 90  # seconds; generous because a loaded 2-core CI machine renders slowly


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {WAIT:.0f} s")
        time.sleep(0.1)


class Watcher:
    """`careerguide watch` running in `project`, its output lines collected as they come."""

    def __init__(self, project: Path, *args: str) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "careerguide", "watch", *args],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.lines.put(line.rstrip("\n"))

    def saw(self, text: str) -> bool:
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return any(text in line for line in self.seen)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def save(path: Path, text: str) -> None:
    """Save the way many editors do: write a new file, then rename it over the old one."""
    temp = path.with_name(f".{path.name}.swp-new")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)


def test_a_saved_guide_is_rebuilt_and_an_error_does_not_stop_watching(tmp_path):
    guide = tmp_path / "guide" / "ranger.yaml"
    guide.parent.mkdir()
    guide.write_text("career:\n  title: Park Ranger\n", encoding="utf-8")
    html = tmp_path / "out" / "ranger.html"
    watcher = Watcher(tmp_path, "guide", "--out", "out", "--format", "html")
    try:
        wait_for(html.exists, "first build")
        wait_for(lambda: watcher.saw("built guide/ranger.yaml"), "build line")
        first = html.stat().st_mtime_ns

        guide.write_text("career:\n  title: [unclosed\n", encoding="utf-8")
        wait_for(
            lambda: watcher.saw("guide/ranger.yaml:2:10: YAML: the [ that opens"), "error line"
        )
        assert watcher.saw("failed guide/ranger.yaml")
        assert html.stat().st_mtime_ns == first  # the last good output stays

        save(guide, "career:\n  title: Sea Ranger\n")
        wait_for(lambda: html.stat().st_mtime_ns != first, "rebuild after the fix")
        wait_for(lambda: "Sea Ranger" in html.read_text(encoding="utf-8"), "new title")
    finally:
        code = watcher.stop()
    watcher.saw("")
    assert code in (0, 130), watcher.seen
    assert not [line for line in watcher.seen if "Traceback" in line], watcher.seen
    builds = [line for line in watcher.seen if " built " in line]
    assert all(line[:8].count(":") == 2 and line.endswith("out/ranger.html") for line in builds)


def test_a_template_change_rebuilds_every_guide_and_a_guide_change_only_itself(tmp_path):
    (tmp_path / "guide" / "es").mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    one, two = tmp_path / "guide" / "one.yaml", tmp_path / "guide" / "es" / "two.yaml"
    for path in (one, two):
        path.write_text("career: {title: X}\n", encoding="utf-8")
    settings = Settings(project_dir=tmp_path)
    paths = [tmp_path / "guide"]
    folders = watched_folders(paths, settings)
    assert {tmp_path / "guide", tmp_path / "guide" / "es", tmp_path / "templates"} <= set(folders)
    assert tmp_path in folders  # for careerguide.yaml, watched without its subfolders

    def affected(*changed: Path) -> list[Path]:
        return affected_guides(paths, set(changed), settings)

    assert affected(two) == [two]
    assert affected(tmp_path / "guide" / ".one.yaml.swp") == []
    assert affected(tmp_path / "templates" / "sections" / "skills.html.j2") == [two, one]
    assert affected(tmp_path / "careerguide.yaml") == [two, one]
    assert affected(tmp_path / "build" / "one.pdf") == []
