"""The command as a counselor runs it: exit codes, one line per file, no tracebacks."""

import contextlib
import http.server
import io
import itertools
import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from helpers import BUNDLED, FIXTURES, ROOT, careerguide, outline_tree


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
                *["--footer-note", "--pdf-variant"],
            ],
        ),
        (
            "booklet",
            [
                *["--output", "--title", "--school", "--theme", "--paper", "--pdf-variant"],
                *["--logo", "--accent", "--counselor", "--contact", "--footer-note", "--css"],
            ],
        ),
        ("roster", ["--out", "--combined", "--school", "--logo", "--theme", "--paper"]),
    ],
)
def test_every_option_has_help(command, options):
    result = careerguide(command, "--help")
    assert result.returncode == 0
    for option in options:
        line = next(line for line in result.stdout.splitlines() if option in line)
        assert len(line.split(option, 1)[1].strip()) > 10, line


def _cells(help_text: str, box: str) -> list[list[str]]:
    """The rows of one box of Rich's help (`Commands`, `Options`): each row's lines, as
    (first column, text) split at the text's column."""
    lines = help_text.split(f"─ {box} ", 1)[1].split("╰", 1)[0].splitlines()[1:]
    rows: list[list[str]] = []
    for line in lines:
        inner = line[2:-2].rstrip()  # the text between "│ " and " │", its indent kept
        if line.startswith("│ ") and line[2] != " ":
            rows.append([inner])
        elif rows:
            rows[-1].append(inner)
    return rows


@pytest.mark.parametrize("args", [[], ["import"], ["build"], ["site"]], ids=str)
def test_help_wraps_at_the_terminal_not_mid_sentence(args):
    """In an 80-column terminal, a command's help text runs to the edge of its column
    before it wraps: no line ends early because of a line break in the source."""
    result = subprocess.run(
        [sys.executable, "-m", "careerguide", *args, "--help"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    box = "Commands" if not args else "Options"
    column = 80 - 4  # inside "│ " and " │"
    for row in _cells(result.stdout, box):
        text = [line for line in row if line.strip()]
        for line, after in itertools.pairwise(text):
            if after.lstrip().startswith("["):  # [default: ...] starts a line of its own
                break
            room = column - len(line)
            assert room <= len(after.split()[0]), f"wrapped early:\n{line}\n{after}"


def test_help_does_not_import_weasyprint():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careerguide", "--help"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "build" in result.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "careerguide.cli" in imported
    assert not [name for name in imported if name.split(".")[0] in {"weasyprint", "pydantic"}]


def caseload(folder: Path, count: int, source: Path = BUNDLED) -> Path:
    folder.mkdir()
    for number in range(count):
        (folder / f"career-{number}.yaml").write_text(source.read_text(encoding="utf-8"))
    return folder


def test_summary_counts_built_then_unchanged_guides(tmp_path):
    folder = caseload(tmp_path / "guides", 2, FIXTURES / "minimal.yaml")
    args = ("build", str(folder), "-o", str(tmp_path / "out"), "-f", "html")
    first = careerguide(*args)
    assert first.returncode == 0, first.stderr
    assert first.stderr.startswith("built 2, unchanged 0, failed 0 of 2 guides in ")
    second = careerguide(*args)
    assert second.stdout.splitlines() == [
        f"unchanged {tmp_path / 'out' / f'career-{n}.html'}" for n in range(2)
    ]
    assert second.stderr.startswith("built 0, unchanged 2, failed 0 of 2 guides in ")
    forced = careerguide(*args, "--force")
    assert len([line for line in forced.stdout.splitlines() if line.startswith("wrote ")]) == 2


def test_one_guide_needs_no_summary(tmp_path):
    result = careerguide("build", str(FIXTURES / "minimal.yaml"), "-o", str(tmp_path), "-f", "html")
    assert result.returncode == 0 and result.stderr == ""


def test_summary_names_each_failure(tmp_path):
    folder = tmp_path / "guides"
    folder.mkdir()
    (folder / "good.yaml").write_text((FIXTURES / "minimal.yaml").read_text())
    (folder / "bad.yaml").write_text("career: {title: X, colour: red}\n")
    result = careerguide("build", str(folder), "-o", str(tmp_path / "out"), "-f", "html")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2] == f"failed: {folder / 'bad.yaml'}"
    assert result.stderr.splitlines()[-1].startswith("built 1, unchanged 0, failed 1 of 2 guides")


def test_shards_on_the_command_line_build_each_guide_once(tmp_path):
    folder = caseload(tmp_path / "guides", 6, FIXTURES / "minimal.yaml")
    written = []
    for shard in ("1/2", "2/2"):
        result = careerguide(
            "build", str(folder), "-o", str(tmp_path / shard[0]), "-f", "html", "--shard", shard
        )
        assert result.returncode == 0, result.stderr
        written += [Path(line.split(" ", 1)[1]).name for line in result.stdout.splitlines()]
    assert sorted(written) == sorted(f"career-{n}.html" for n in range(6))


def test_bad_shard_exits_2(tmp_path):
    result = careerguide("build", str(BUNDLED), "-o", str(tmp_path), "--shard", "3/2")
    assert result.returncode == 2
    assert "--shard: expected K/N" in result.stderr and "Traceback" not in result.stderr


class HeldOutput:
    """A pipe already full, to be a command's stdout: its first line waits to be read, as
    `careerguide build | less` waits while the reader has not scrolled. A batch hands a worker
    its next guide only after printing the last one's lines, so a batch printing here stops
    once its workers finish the guides they hold."""

    def __init__(self) -> None:
        self.read_end, self.write_end = os.pipe()
        os.set_blocking(self.write_end, False)
        for size in (65536, 1):  # whole pages first, then the last bytes a page has room for
            with contextlib.suppress(BlockingIOError):
                while True:
                    os.write(self.write_end, b"\n" * size)
        os.set_blocking(self.write_end, True)

    def read_on(self) -> None:
        """From now on, read (and drop) what is written, so the command can finish."""

        def drain() -> None:
            with open(self.read_end, "rb") as pipe:
                while pipe.read(65536):
                    pass

        threading.Thread(target=drain, daemon=True).start()


class RunningBuild:
    """`careerguide build` (or another command) in the background; with `held_output`, its
    output is not read until `finish`."""

    def __init__(self, *args: str, command: str = "build", held_output: bool = False) -> None:
        self.held = HeldOutput() if held_output else None
        self.process = subprocess.Popen(
            [sys.executable, "-m", "careerguide", command, *args],
            cwd=ROOT,
            stdout=self.held.write_end if self.held else subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        if self.held:
            os.close(self.held.write_end)

    def workers(self) -> list[int]:
        """PIDs of the build's child processes."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        assert self.process.stderr is not None
        if self.held:
            self.held.read_on()
        _, stderr = self.process.communicate(timeout=timeout)
        return self.process.returncode, stderr


def wait_until(condition: Callable[[], object], what: str, timeout: float = 120) -> None:
    """Wait for `condition` to hold; the timeout only bounds a test that would hang."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)


class ImageServer(http.server.ThreadingHTTPServer):
    """Serves a small image to a build given `--allow-network` (`css` has every page ask for
    it), but holds back its first answer: whoever asked first is laying out a guide, waiting.

    With `kill`, that worker process is killed (SIGKILL) before the answer goes out, so its
    guide is the one left unfinished. Without, the answer waits for `stop`: the build cannot
    finish before then (or before its download's time limit).
    """

    def __init__(self, *, kill: bool = False) -> None:
        image = io.BytesIO()
        Image.new("RGB", (4, 4), (0, 128, 0)).save(image, "PNG")
        self.build: RunningBuild | None = None
        self.following = threading.Event()
        self.asked = threading.Event()
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.following.wait()
                with server.lock:
                    first = not server.asked.is_set()
                    server.asked.set()
                    if first and kill:
                        server.kill_the_asker(self.client_address[1])
                if first and not kill:
                    server.stopping.wait()
                with contextlib.suppress(OSError):  # the asker may be gone
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(len(image.getvalue())))
                    self.end_headers()
                    self.wfile.write(image.getvalue())

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Answer what was held back, and stop serving."""
        self.stopping.set()
        self.shutdown()
        self.server_close()

    def follow(self, build: RunningBuild) -> RunningBuild:
        """The build whose workers ask for the image."""
        self.build = build
        self.following.set()
        return build

    def css(self, folder: Path) -> Path:
        """A stylesheet for `--css` whose background every page asks this server for."""
        css = folder / "fetching.css"
        url = f"http://127.0.0.1:{self.server_address[1]}/background.png"
        css.write_text(f"body {{ background: url({url}) no-repeat }}\n")
        return css

    def kill_the_asker(self, port: int) -> None:
        """Kill the build's worker holding the connection from `port`."""
        assert self.build is not None
        local = f"0100007F:{port:04X}"  # 127.0.0.1:port, as /proc/net/tcp writes it
        rows = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()]
        inode = next(fields[9] for fields in rows if fields[1] == local)
        for pid in self.build.workers():
            with contextlib.suppress(OSError):
                if any(
                    os.readlink(fd) == f"socket:[{inode}]"
                    for fd in Path(f"/proc/{pid}/fd").iterdir()
                ):
                    os.kill(pid, signal.SIGKILL)
                    return
        raise AssertionError("no worker of the build asked for the image")


def gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def assert_only_whole_outputs(out: Path) -> None:
    assert not list(out.glob(".*.part")), "a temporary file was left behind"
    for pdf in out.glob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
        assert len(PdfReader(pdf).pages) > 0


def interrupt(running: "RunningBuild") -> None:
    """Ctrl-C: the command exits 130 with a line, no traceback, and its workers gone."""
    workers = running.workers()
    running.process.send_signal(signal.SIGINT)
    code, stderr = running.finish(timeout=30)
    assert code == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert all(gone(pid) for pid in workers)


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_ctrl_c_stops_a_batch_with_exit_130_and_leaves_only_whole_files(tmp_path, jobs):
    folder, out = caseload(tmp_path / "guides", 8), tmp_path / "out"
    args = (str(folder), "-o", str(out), "-f", "pdf", "--jobs", jobs)
    build = RunningBuild(*args, held_output=True)
    wait_until(lambda: list(out.glob("*.pdf")), "the first guide's PDF")
    interrupt(build)
    # Its line not yet read, the batch handed out no guide beyond those its workers held.
    assert 1 <= len(list(out.glob("*.pdf"))) <= int(jobs)
    assert_only_whole_outputs(out)


def test_a_killed_worker_fails_its_guide_and_the_rest_build(tmp_path):
    folder, out = caseload(tmp_path / "guides", 6), tmp_path / "out"
    server = ImageServer(kill=True)
    args = (str(folder), "-o", str(out), "-f", "pdf", "--jobs", "2", "--allow-network")
    build = server.follow(RunningBuild(*args, "--css", str(server.css(tmp_path))))
    code, stderr = build.finish(timeout=300)
    server.stop()
    died = [line for line in stderr.splitlines() if "worker process was killed by SIGKILL" in line]
    assert code == 1, stderr
    assert len(died) == 1 and died[0].endswith(
        ": failed to build: its worker process was killed by SIGKILL"
    )
    assert len(list(out.glob("*.pdf"))) == 5
    assert_only_whole_outputs(out)


def test_a_terminal_shows_a_progress_bar(tmp_path):
    folder = caseload(tmp_path / "guides", 2, FIXTURES / "minimal.yaml")
    controller, terminal = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    process = subprocess.Popen(
        [sys.executable, "-m", "careerguide", "build", str(folder), "-o", str(tmp_path / "out")],
        cwd=ROOT,
        stdout=terminal,
        stderr=terminal,
        env={**env, "TERM": "xterm", "COLUMNS": "120"},
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the build is over
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=60) == 0
    text = shown.decode(errors="replace")
    assert "Building" in text and "2/2" in text
    # One summary line instead of a line per file, which would scroll a library away.
    assert "wrote" not in text
    summary = re.search(r"built 2, unchanged 0, failed 0 of 2 guides in [\d.]+ s into (\S+)", text)
    assert summary and summary.group(1) == str(tmp_path / "out")


def test_an_unusable_cache_folder_does_not_stop_a_build(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    command = ["build", str(FIXTURES / "minimal.yaml"), "-o", str(tmp_path / "out")]
    result = subprocess.run(
        [sys.executable, "-m", "careerguide", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(blocked)},
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["minimal.html", "minimal.pdf"]


def test_choices_are_read_without_regard_to_capitals(tmp_path):
    guide = tmp_path / "ranger.yaml"
    guide.write_text("career:\n  title: Park Ranger\n")
    result = careerguide(
        "build", str(guide), "--paper", "A4", "--format", "PDF", "--out", "out", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    width, height = PdfReader(tmp_path / "out" / "ranger.pdf").pages[0].mediabox[2:]
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points


def test_ctrl_c_stops_a_booklet_with_exit_130_and_leaves_nothing(tmp_path):
    folder, out = caseload(tmp_path / "guides", 6), tmp_path / "out"
    server = ImageServer()
    args = (str(folder), "-o", str(out / "booklet.pdf"), "--allow-network")
    css = server.css(tmp_path)
    booklet = server.follow(RunningBuild(*args, "--css", str(css), command="booklet"))
    wait_until(server.asked.is_set, "a career waiting for its image")
    assert list(out.glob(".booklet.pdf.*.part"))  # the booklet is being made in parts
    interrupt(booklet)
    server.stop()
    assert list(out.iterdir()) == []  # neither the booklet nor its parts


def test_a_killed_worker_leaves_its_career_out_of_the_booklet(tmp_path):
    folder, out = caseload(tmp_path / "guides", 6), tmp_path / "out"
    server = ImageServer(kill=True)
    args = (str(folder), "-o", str(out / "booklet.pdf"), "--jobs", "2", "--allow-network")
    css = server.css(tmp_path)
    booklet = server.follow(RunningBuild(*args, "--css", str(css), command="booklet"))
    code, stderr = booklet.finish(timeout=300)
    server.stop()
    assert code == 1, stderr
    assert "failed to build: its worker process was killed by SIGKILL" in stderr
    assert len(outline_tree(out / "booklet.pdf")) == 5
    assert [path.name for path in out.iterdir()] == ["booklet.pdf"]


def test_a_booklet_named_without_pdf_gets_the_extension(tmp_path):
    guide = tmp_path / "ranger.yaml"
    guide.write_text("career:\n  title: Park Ranger\n")
    result = careerguide("booklet", str(guide), "-o", "fair", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fair.pdf").is_file() and not (tmp_path / "fair").exists()


# `careerguide build` on a machine without libharfbuzz-subset0: WeasyPrint's own check,
# made to fail in a fresh process the way a missing library makes it fail.
WITHOUT_SUBSETTER = """
import sys
from weasyprint.pdf import fonts
fonts.harfbuzz_subset = None
from careerguide.cli.commands import main
sys.argv[0] = "careerguide"
main()
"""
SLOW_FONTS = "note: PDFs take about 2.5 times as long here"


def test_a_build_says_when_fonts_are_subset_the_slow_way(tmp_path):
    guide = FIXTURES / "minimal.yaml"
    command = [sys.executable, "-c", WITHOUT_SUBSETTER, "build", str(guide), "-o", str(tmp_path)]
    slow = subprocess.run(command, capture_output=True, text=True)
    assert slow.returncode == 0, slow.stderr
    assert SLOW_FONTS in slow.stderr
    assert "libharfbuzz-subset0" in slow.stderr
    again = subprocess.run(command, capture_output=True, text=True)  # nothing built: no note
    assert SLOW_FONTS not in again.stderr


def test_a_build_with_the_subsetter_says_nothing_of_it(tmp_path):
    from careerguide.render.pdf import fonts_subset_slowly

    if fonts_subset_slowly():
        pytest.skip("this machine has no HarfBuzz subsetter (libharfbuzz-subset0)")
    result = careerguide("build", str(FIXTURES / "minimal.yaml"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert SLOW_FONTS not in result.stderr
