"""Guides, styles and templates from anyone: the renderer reads nothing outside the allowed
folders, no text turns into active HTML, no YAML builds objects, and a killed build leaves
only whole files.

Leaks are looked for in the decompressed PDF, with marker strings planted in files outside
every allowed folder; each hostile URL carries a `?via=` tag naming its route, so a test
knows every route was tried and refused, not merely that nothing happened to leak.
"""

import copy
import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import types
import typing
import urllib.request
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image
from pydantic import BaseModel
from pypdf import PdfReader
from pypdf.generic import NameObject

from careerguide.core.errors import GuideError
from careerguide.guidefile.load import MAX_BYTES, load_guide
from careerguide.guidefile.model import Guide
from careerguide.orchestration.batch import build_one
from careerguide.orchestration.outcome import Outcome
from careerguide.render.fetcher import SandboxedFetcher
from careerguide.settings.model import Settings
from helpers import BUNDLED, FIXTURES, pdf_decoded_bytes, pdf_objects, pdf_text

SECRET = "OUTSIDE-SECRET-c4f1e7"  # planted in every file outside the allowed folders
ALLOWED = "INSIDE-ALLOWED-9b2e05"  # planted in files the guide may use, to prove the search works

MINIMAL_GUIDE = "schema: 1\ncareer: {title: Nurse}\nwhy_it_matters: Care matters.\n"


def jpeg(path: Path, marker: str, colour: tuple[int, int, int]) -> None:
    """A tiny JPEG carrying `marker` in a comment: WeasyPrint embeds JPEG bytes as they are."""
    Image.new("RGB", (8, 8), colour).save(path, "JPEG", comment=marker.encode())


def make_outside(root: Path) -> Path:
    """A folder outside every allowed one, holding secrets of each kind a style could name."""
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n")
    (outside / "secret.css").write_text(f'/* {SECRET} */ h1::before {{ content: "{SECRET}"; }}\n')
    jpeg(outside / "secret.jpg", SECRET, (0, 0, 255))
    return outside


def warnings_of(outcome: Outcome) -> list[str]:
    assert outcome.error is None, outcome.error
    warnings = [str(warning) for warning in outcome.warnings]
    for warning in warnings:
        assert "\n" not in warning and ": warning: refused to load " in warning, warning
    return warnings


# --- The renderer's sandbox: every route to a file, through a shared project ---------------

# A project template override and a stylesheet it links: what a counselor might copy from
# someone else. Each route names one way WeasyPrint could read a file.
HOSTILE_TEMPLATE = """\
<section id="why_it_matters">
<h2 class="hostile">{{{{ guide.why_it_matters }}}}</h2>
<link rel="stylesheet" href="../styles/hostile.css">
<style>@import url("escape-dir/secret.css?via=style-import-symlinked-folder");</style>
<img src="../../outside/secret.jpg?via=img-dotdot">
<img src="file://{outside}/secret.jpg?via=img-absolute">
<img src="file:///etc/passwd?via=img-etc-passwd">
<img src="escape.jpg?via=img-symlink">
<img src="escape-dir/secret.jpg?via=img-symlinked-folder">
<img src="fifo?via=img-fifo">
<img src="file:///dev/zero?via=img-dev-zero">
<img src="ftp://example.org/x.jpg?via=img-ftp">
<img src="gopher://example.org/x.jpg?via=img-gopher">
<img src="https://example.org/x.jpg?via=img-https">
<img src="ok.jpg#/../../../outside/secret.jpg">
<img src="ok.jpg?via=allowed-img">
<object data="../../outside/secret.jpg?via=object"></object>
<embed src="../../outside/secret.jpg?via=embed">
<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><image href="../../outside/secret.jpg?via=svg-image" width="8" height="8"/></svg>
<link rel="attachment" href="../../outside/secret.txt?via=link-attachment">
<a rel="attachment" href="escape.txt?via=a-attachment-symlink">a</a>
<a rel="attachment" href="file:///etc/passwd?via=a-attachment-etc-passwd">b</a>
<a rel="attachment" href="notes.txt">notes</a>
</section>
"""

HOSTILE_CSS = """\
@import url("../../outside/secret.css?via=css-import");
@import url("file:///etc/passwd?via=css-import-etc-passwd");
@font-face { font-family: Leak; src: url("../../outside/secret.txt?via=font-face"); }
@color-profile --leak { src: url("../../outside/secret.txt?via=color-profile"); }
.hostile { font-family: Leak; background-image: url("../../outside/secret.jpg?via=css-background"); }
.hostile::after { content: url("../../outside/secret.jpg?via=css-content"); }
"""

# Inlined into the page like a --css file; its relative URLs resolve against the guide.
EXTRA_CSS = """\
h1 { background-image: url("../../outside/secret.jpg?via=extra-css"); }
/* </style><script>alert("from a stylesheet")</script> */
"""

ROUTES = [
    "style-import-symlinked-folder",
    "img-dotdot",
    "img-absolute",
    "img-etc-passwd",
    "img-symlink",
    "img-symlinked-folder",
    "img-fifo",
    "img-dev-zero",
    "img-ftp",
    "img-gopher",
    "img-https",
    "object",
    "embed",
    "svg-image",
    "link-attachment",
    "a-attachment-symlink",
    "a-attachment-etc-passwd",
    "css-import",
    "css-import-etc-passwd",
    "font-face",
    "color-profile",
    "css-background",
    "css-content",
    "extra-css",
]


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> dict:
    """A project whose template override and styles try every route out of the sandbox."""
    root = tmp_path_factory.mktemp("hostile")
    outside = make_outside(root)
    project = root / "project"
    guide_dir = project / "guide"
    (project / "templates" / "sections").mkdir(parents=True)
    (project / "styles").mkdir()
    guide_dir.mkdir()
    guide = guide_dir / "nurse.yaml"
    guide.write_text(MINIMAL_GUIDE)
    (project / "templates" / "sections" / "why_it_matters.html.j2").write_text(
        HOSTILE_TEMPLATE.format(outside=outside)
    )
    (project / "styles" / "hostile.css").write_text(HOSTILE_CSS)
    (project / "extra.css").write_text(EXTRA_CSS)
    jpeg(guide_dir / "ok.jpg", ALLOWED, (255, 0, 0))
    (guide_dir / "ok.jpg#").mkdir()  # makes `ok.jpg#/../..` a real path out of the folder
    (guide_dir / "notes.txt").write_text(f"{ALLOWED}\n")
    (guide_dir / "escape.jpg").symlink_to(outside / "secret.jpg")
    (guide_dir / "escape.txt").symlink_to(outside / "secret.txt")
    (guide_dir / "escape-dir").symlink_to(outside, target_is_directory=True)
    os.mkfifo(guide_dir / "fifo")  # reading it would block the build forever
    out = root / "out"
    settings = Settings(project_dir=project, extra_css=(project / "extra.css",))
    outcome = build_one(guide, out, settings)
    return {"outcome": outcome, "pdf": out / "nurse.pdf", "html": out / "nurse.html"}


def test_every_route_out_of_the_sandbox_is_refused_by_name(hostile_project):
    warnings = warnings_of(hostile_project["outcome"])
    missing = [route for route in ROUTES if not any(f"?via={route} " in w for w in warnings)]
    assert missing == [], "\n".join(warnings)
    assert not any("allowed-img" in warning for warning in warnings)


def test_no_byte_of_an_outside_file_reaches_the_pdf(hostile_project):
    decoded = pdf_decoded_bytes(hostile_project["pdf"])
    assert SECRET.encode() not in decoded
    assert b"root:" not in decoded  # /etc/passwd
    # The search would find them: the allowed image and attachment are in the same PDF.
    assert decoded.count(ALLOWED.encode()) >= 2
    assert SECRET not in hostile_project["html"].read_text()


def test_a_stylesheet_cannot_close_its_style_element(hostile_project):
    html = hostile_project["html"].read_text()
    assert [tag for tag, _ in elements(html).tags if tag == "script"] == []
    assert "<\\/style><script>" in html


def test_refused_urls_are_warnings_on_the_command_line(hostile_project, tmp_path):
    """The CLI's project folder is the current folder; the warnings are one line each."""
    project = hostile_project["pdf"].parent.parent / "project"
    result = subprocess.run(
        [sys.executable, "-m", "careerguide", "build", "guide", "-o", str(tmp_path), "-f", "pdf"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith("guide/nurse.yaml: warning: refused to load ") for line in lines)
    assert any("?via=img-etc-passwd (outside" in line for line in lines), result.stderr
    assert SECRET.encode() not in pdf_decoded_bytes(tmp_path / "nurse.pdf")


def test_fetcher_refuses_files_outside_its_roots_and_other_schemes(tmp_path):
    outside = make_outside(tmp_path)
    inside = tmp_path / "inside"
    inside.mkdir()
    (inside / "ok.txt").write_text(ALLOWED)
    (inside / "link.txt").symlink_to(outside / "secret.txt")
    fetcher = SandboxedFetcher([inside])
    assert fetcher.fetch((inside / "ok.txt").as_uri()).read() == ALLOWED.encode()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    refused = [
        (outside / "secret.txt").as_uri(),
        (inside / ".." / "outside" / "secret.txt").as_uri(),
        (inside / "link.txt").as_uri(),
        "file:///dev/zero",
        "file:///proc/self/environ",
        "file:///tmp/nul%00byte",
        f"file://other-host{inside / 'ok.txt'}",
        "http://127.0.0.1:9/x",
        "ftp://127.0.0.1:9/x",
        "javascript:alert(1)",
        "jar:file:///x.zip!/y",
    ]
    for url in refused:
        with pytest.raises(OSError, match="refused to load"):
            fetcher.fetch(url).read()
    assert len(fetcher.refused) == len(refused)


def test_a_refused_redirect_does_not_replace_the_next_url(tmp_path):
    """URLFetcher keeps the request a redirect opens; a refusal must drop it."""
    fetcher = SandboxedFetcher([tmp_path], allow_network=True)
    fetcher.open(urllib.request.Request("ftp://127.0.0.1:9/x"))  # what a redirect calls
    assert fetcher.fetch("data:text/plain,next").read() == b"next"


class RecordingServer(http.server.ThreadingHTTPServer):
    """A local web server that serves one JPEG, two redirects, and remembers each request."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.image = b""
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                port = server.server_address[1]
                targets = {"/to-ftp": f"ftp://127.0.0.1:{port}/x", "/to-file": "file:///etc/passwd"}
                target = targets.get(self.path.split("?")[0])
                self.send_response(302 if target else 200)
                if target:
                    self.send_header("Location", target)
                else:
                    self.send_header("Content-Type", "image/jpeg")
                self.end_headers()
                if not target:
                    self.wfile.write(server.image)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def web_server(tmp_path):
    server = RecordingServer()
    jpeg(tmp_path / "served.jpg", ALLOWED, (0, 255, 0))
    server.image = (tmp_path / "served.jpg").read_bytes()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("allow_network", [False, True], ids=["network-off", "allow-network"])
def test_network_only_with_allow_network_and_only_http(tmp_path, web_server, allow_network):
    port = web_server.server_address[1]
    project = tmp_path / "project"
    (project / "templates" / "sections").mkdir(parents=True)
    (project / "templates" / "sections" / "why_it_matters.html.j2").write_text(
        f'<img src="http://127.0.0.1:{port}/served.jpg?via=http">\n'
        f'<img src="http://127.0.0.1:{port}/to-ftp?via=redirect-to-ftp">\n'
        f'<img src="http://127.0.0.1:{port}/to-file?via=redirect-to-file">\n'
    )
    (project / "guide").mkdir()
    guide = project / "guide" / "nurse.yaml"
    guide.write_text(MINIMAL_GUIDE)
    outcome = build_one(
        guide, tmp_path / "out", Settings(project_dir=project), ("pdf",), allow_network
    )
    warnings = warnings_of(outcome)
    decoded = pdf_decoded_bytes(tmp_path / "out" / "nurse.pdf")
    assert b"root:" not in decoded
    if not allow_network:
        assert web_server.requests == []
        assert len(warnings) == 3 and all("network access is off" in w for w in warnings)
    else:
        assert "/served.jpg?via=http" in web_server.requests
        assert ALLOWED.encode() in decoded
        refused = [warning.split("refused to load ")[1] for warning in warnings]
        assert f"ftp://127.0.0.1:{port}/x (ftp URLs are not allowed)" in refused
        assert {url.split("?via=")[1].split()[0] for url in refused if "?via=" in url} == {
            "redirect-to-ftp",
            "redirect-to-file",
        }


@pytest.mark.parametrize(
    "expression",
    [
        "''.__class__.__mro__[1].__subclasses__()",
        "cycler.__init__.__globals__.os.system('touch {sentinel}')",
        "fmt.money.__globals__['__builtins__']['open']('{sentinel}', 'w')",
        "L.update({{'page': 'hijacked'}})",  # the labels are shared by every later build
    ],
    ids=["subclasses", "os-system", "builtins-open", "mutate-labels"],
)
def test_a_template_override_cannot_reach_python(tmp_path, expression):
    sentinel = tmp_path / "code-ran"
    project = tmp_path / "project"
    (project / "templates" / "sections").mkdir(parents=True)
    (project / "templates" / "sections" / "why_it_matters.html.j2").write_text(
        "{{ " + expression.format(sentinel=sentinel) + " }}"
    )
    (project / "guide").mkdir()
    guide = project / "guide" / "nurse.yaml"
    guide.write_text(MINIMAL_GUIDE)
    outcome = build_one(guide, tmp_path / "out", Settings(project_dir=project), ("html",))
    assert outcome.error is not None and outcome.detail is None  # a user error, not a crash
    where = f"{project / 'templates' / 'sections' / 'why_it_matters.html.j2'}:1: "
    assert outcome.error.startswith(
        f"{where}the template tried an unsafe operation and was stopped: "
    )
    assert "\n" not in outcome.error and not sentinel.exists()


# --- Guide text: escaped everywhere, in every field -----------------------------------------


def payload(field: str) -> str:
    """Hostile text for one field, tagged with the field's path."""
    return (
        f'<script>alert("{field}")</script><img src=x onerror="alert(1)">'
        '<iframe src="javascript:alert(1)"></iframe><a href="javascript:alert(1)" onclick="x()">a</a>'
        " [md link](javascript:alert(1)) [web](https://example.org) ![img](file:///etc/passwd)"
        ' <style>@import "file:///etc/passwd";</style></title></textarea>'
        " {{ 'jinja' ~ 'eval' }} {% raw %}"
        f" %%{field}%%"
    )


HOSTILE_URL = 'https://example.org/?q="><script>alert(1)</script><img/src/onerror=alert(1)>'
PATTERNED = {  # fields whose format is checked: hostile only as far as validation lets through
    "time": lambda index: f"{9 + index:02d}:00",
    "url": lambda index: HOSTILE_URL,
    "currency": lambda index: "USD",
    "id": lambda index: f"s{index}",
}


def hostile_model(model: type[BaseModel], where: str = "", index: int = 0) -> dict:
    """Every field of `model` filled: text with payloads, the rest with valid values."""
    data = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        data[key] = hostile_value(field.annotation, key, f"{where}.{key}".lstrip("."), index)
    return data


def hostile_value(annotation: typing.Any, key: str, where: str, index: int) -> typing.Any:
    """A value for one field; `index` is the position of the enclosing list item."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return hostile_value(args[0], key, where, index)
    if origin in (typing.Union, types.UnionType):
        return hostile_value(next(arg for arg in args if arg is not type(None)), key, where, index)
    if origin is typing.Literal:
        return args[0]
    if origin is list:
        if key == "cite":
            return ["s0"]
        return [hostile_value(args[0], key, f"{where}[{i}]", i) for i in range(2)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return hostile_model(annotation, where, index)
    if annotation is bool:
        return True
    if annotation is int:
        return 1
    if annotation is date:
        return date(2026, 1, 1)
    return PATTERNED[key](index) if key in PATTERNED else payload(where)


ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "applet", "form", "base"}
SAFE_LINK = ("http://", "https://", "mailto:", "#")


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data) -> None:
        self.text.append(data)


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile_text_build(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("hostile-text")
    data = hostile_model(Guide)
    guide = folder / "hostile.yaml"
    guide.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    outcome = build_one(guide, folder / "out", Settings())
    assert outcome.error is None, outcome.error
    return {
        "data": data,
        "pdf": folder / "out" / "hostile.pdf",
        "html": folder / "out" / "hostile.html",
    }


def text_fields(data: typing.Any) -> list[str]:
    """The `%%path%%` tags of every payload in the hostile guide."""
    if isinstance(data, dict):
        return [tag for value in data.values() for tag in text_fields(value)]
    if isinstance(data, list):
        return [tag for value in data for tag in text_fields(value)]
    return re.findall(r"%%[^%]+%%", data) if isinstance(data, str) else []


def test_hostile_text_in_every_field_stays_text_in_the_html(hostile_text_build):
    page = elements(hostile_text_build["html"].read_text())
    active = [tag for tag, _ in page.tags if tag in ACTIVE_TAGS]
    handlers = [(tag, attr) for tag, attrs in page.tags for attr in attrs if attr.startswith("on")]
    links = [
        attrs["href"] for tag, attrs in page.tags if tag == "a" and attrs.get("href") is not None
    ]
    assert active == [] and handlers == []
    assert [link for link in links if not link.startswith(SAFE_LINK)] == []
    assert "https://example.org" in links  # Markdown links still work
    images = [attrs["src"] for tag, attrs in page.tags if tag == "img"]
    assert [src for src in images if not src.startswith("data:image/svg+xml")] == []  # QR codes
    text = "".join(page.text)
    assert "jinjaeval" not in text
    fields = text_fields(hostile_text_build["data"])
    assert [tag for tag in fields if tag not in text] == []  # every text field was on the page
    # Its quotes set curly, as all text is (compose/typography.py): still text, not markup.
    assert text.count("<script>alert(\u201c") >= len(fields)


def test_hostile_text_in_every_field_stays_text_in_the_pdf(hostile_text_build):
    pdf = hostile_text_build["pdf"]
    printed = "<script>alert(\u201ccareer.title\u201d)</script>"  # its quotes set curly
    assert printed in pdf_text(pdf).replace("\n", "")
    reader = PdfReader(pdf)
    assert "/OpenAction" not in reader.trailer["/Root"]
    uris = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            assert action.get("/S") in (None, "/URI", "/GoTo"), action
            if action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
    assert uris and [uri for uri in uris if not uri.startswith(SAFE_LINK)] == []
    active = {"/JavaScript", "/JS", "/AA", "/Launch", "/SubmitForm", "/ImportData", "/RichMedia"}
    assert [name for obj in pdf_objects(pdf) for name in pdf_names(obj) if name in active] == []


def pdf_names(obj: typing.Any) -> list[str]:
    """Every name (dictionary key or value) inside a PDF object, through arrays and dictionaries."""
    if isinstance(obj, dict):
        return [str(key) for key in obj] + [n for value in obj.values() for n in pdf_names(value)]
    if isinstance(obj, list):
        return [name for value in obj for name in pdf_names(value)]
    return [str(obj)] if isinstance(obj, NameObject) else []


# --- YAML: nothing is built from tags; limits fail cleanly -----------------------------------


def hostile_yaml_files(folder: Path, sentinel: Path) -> dict[str, str]:
    """Guide files that try to run code or exhaust memory, and the message each must get."""
    touch = f"touch {sentinel}"
    tagged = {
        "apply-os-system": f"career: !!python/object/apply:os.system [{touch!r}]\n",
        "apply-subprocess": f"career: !!python/object/apply:subprocess.call [[touch, '{sentinel}']]\n",
        "new-popen": f"career: !!python/object/new:subprocess.Popen [[touch, '{sentinel}']]\n",
        "name": "career: !!python/name:os.system\n",
        "module": "career: !!python/module:os\n",
        "verbatim": f"career: !<tag:yaml.org,2002:python/object/apply:os.system> [{touch!r}]\n",
        "tag-directive": f"%TAG !py! tag:yaml.org,2002:python/\n---\ncareer: !py!object/apply:os.system [{touch!r}]\n",
        "local-tag": "career: !include /etc/passwd\n",
    }
    files = {
        name: (text, "is not allowed; guides hold plain values only")
        for name, text in tagged.items()
    }
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    files["alias-bomb"] = (
        "\n".join(bomb) + "\ncareer: {title: X}\n",
        "aliases expand to more than",
    )
    files["deep"] = ("career: {title: X}\nsummary: " + "[" * 5000 + "\n", "nested more than")
    files["oversized"] = (
        "career: {title: X, summary: " + "a" * MAX_BYTES + "}\n",
        "larger than the limit of",
    )
    for name, (text, _) in files.items():
        (folder / f"{name}.yaml").write_text(text)
    return {name: expected for name, (_, expected) in files.items()}


def test_hostile_yaml_files_fail_alone_with_one_line_and_run_nothing(tmp_path):
    folder = tmp_path / "guides"
    folder.mkdir()
    sentinel = tmp_path / "code-ran"
    expected = hostile_yaml_files(folder, sentinel)
    (folder / "good.yaml").write_text((FIXTURES / "minimal.yaml").read_text())
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "careerguide", "build", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert not sentinel.exists()
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name, message in expected.items():
        mine = [line for line in lines if line.startswith(f"{folder / name}.yaml:")]
        assert len(mine) == 1 and message in mine[0], (name, lines)
    assert lines[-1].startswith(
        f"built 1, unchanged 0, failed {len(expected)} of {len(expected) + 1}"
    )
    assert sorted(p.name for p in out.iterdir()) == ["good.html", "good.pdf"]


# --- Property tests: any mutation of the bundled guide validates or fails cleanly ------------

BUNDLED_DATA = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))


def field_names(model: type[BaseModel]) -> set[str]:
    """Every key a guide may hold, at any depth."""
    names = set()
    for name, field in model.model_fields.items():
        names.add(field.alias or name)
        for inner in (field.annotation, *typing.get_args(field.annotation)):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                names |= field_names(inner)
    return names


KNOWN_KEYS = sorted(field_names(Guide))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.dates(),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "~",
            "yes",
            "2026-02-30",
            "25:00",
            "usd",
            "s1",
            "s9",
            "javascript:alert(1)",
            "<b>",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=12) | st.sampled_from(["title", "score", "cite"]), inner, max_size=4
        )
    ),
    max_leaves=10,
)


@st.composite
def mutation(draw, value: typing.Any) -> typing.Any:
    """`value` with one change somewhere inside it."""
    containers = isinstance(value, dict | list) and len(value) > 0
    if containers and draw(st.booleans()):
        keys = list(value) if isinstance(value, dict) else list(range(len(value)))
        key = draw(st.sampled_from(keys))
        value[key] = draw(mutation(value[key]))
        return value
    change = draw(st.sampled_from(["replace", "retype", "nest", "remove", "add", "share"]))
    if change == "replace":
        return draw(values)
    if change == "retype":
        return draw(st.sampled_from([str(value), [value], {"value": value}, 1.5, None]))
    if change == "nest":
        for _ in range(draw(st.integers(1, 60))):
            value = [value]
        return value
    if change == "share" and isinstance(value, list) and value:
        return [*value, value[0]]  # the same object twice: the YAML gets an anchor and an alias
    if isinstance(value, dict):
        if change == "remove" and value:
            del value[draw(st.sampled_from(list(value)))]
        else:
            value[draw(st.sampled_from(KNOWN_KEYS) | st.text(max_size=12))] = draw(values)
    elif isinstance(value, list):
        if change == "remove" and value:
            del value[draw(st.integers(0, len(value) - 1))]
        else:
            value.append(draw(values))
    return value


@st.composite
def mutated_guide_text(draw) -> str:
    data = copy.deepcopy(BUNDLED_DATA)
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 4)) == 0:  # now and then, break the YAML itself
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=8)) + text[at + draw(st.integers(0, 8)) :]
    return text


def assert_loads_or_fails_cleanly(path: Path) -> None:
    try:
        load_guide(path)
    except GuideError as error:
        lines = str(error).split("\n")
        assert lines
        for line in lines:
            assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: \S.*", line), line
            assert line.isprintable(), line


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mutations")


@settings(max_examples=150, derandomize=True, database=None, deadline=None)
@given(text=mutated_guide_text())
def test_any_mutation_of_the_bundled_guide_validates_or_fails_with_located_lines(scratch, text):
    path = scratch / "mutated.yaml"
    path.write_text(text, encoding="utf-8")
    assert_loads_or_fails_cleanly(path)


CHOSEN_FROM_A_LIST = {*PATTERNED, "language", "verdict", "interests", "cite"}


def string_leaves(data: typing.Any, where: tuple = ()) -> list[tuple]:
    """Paths to the free-text values of a guide (not ids, codes or choices)."""
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in string_leaves(value, (*where, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in string_leaves(value, (*where, i))]
    free = not any(part in CHOSEN_FROM_A_LIST for part in where)
    return [where] if isinstance(data, str) and free else []


@settings(
    max_examples=3,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_guides_with_any_text_build_a_pdf_and_html(scratch, data):
    guide = copy.deepcopy(BUNDLED_DATA)
    leaves = string_leaves(guide)
    for where in data.draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=6)):
        parent = guide
        for key in where[:-1]:
            parent = parent[key]
        parent[where[-1]] = data.draw(st.text(min_size=1, max_size=120).filter(str.strip))
    path = scratch / "any-text.yaml"
    path.write_text(yaml.dump(guide, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8")
    try:
        load_guide(path)
    except GuideError:
        assume(False)  # blank text where a value is required: covered by the test above
    outcome = build_one(path, scratch / "out", Settings())
    assert outcome.error is None, outcome.error
    assert len(PdfReader(scratch / "out" / "any-text.pdf").pages) >= 1


# --- A killed build leaves only whole files --------------------------------------------------


def test_a_killed_build_leaves_only_whole_files_and_the_next_build_clears_its_litter(tmp_path):
    folder = tmp_path / "guides"
    folder.mkdir()
    for number in range(12):
        (folder / f"career-{number:02d}.yaml").write_bytes(BUNDLED.read_bytes())
    out = tmp_path / "out"
    build = subprocess.Popen(
        [sys.executable, "-m", "careerguide", "build", str(folder), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert build.stdout is not None
    first = build.stdout.readline()  # kill mid-batch, once a file has been written
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert first.startswith("wrote ")
    names = sorted(p.name for p in out.iterdir())
    finals = [name for name in names if not name.startswith(".")]
    litter = [name for name in names if name.startswith(".")]
    assert 1 <= len(finals) < 24
    temporary = r"\.career-\d\d\.(pdf|html)\.\d+\.\w{8}\.part"
    assert [name for name in litter if not re.fullmatch(temporary, name)] == []
    for name in finals:
        path = out / name
        if name.endswith(".pdf"):
            assert len(PdfReader(path).pages) >= 1
        else:
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")
    rebuild = [sys.executable, "-m", "careerguide", "build", str(FIXTURES / "minimal.yaml")]
    assert subprocess.run([*rebuild, "-o", str(out), "-f", "html"]).returncode == 0
    assert [p.name for p in out.iterdir() if p.name.endswith(".part")] == []
