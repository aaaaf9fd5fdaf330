"""Downloads with --allow-network stay within the size cap and the time limit, against a
hostile local web server: compression bombs, a server that drips a byte at a time, and a
redirect whose body never ends. Ordinary resources still download.

Every server here listens on 127.0.0.1 and stops its endless replies when the test ends.
"""

import gzip
import http.server
import io
import resource
import threading
import time
import zlib
from collections.abc import Iterator

import pytest
from PIL import Image

from careerguide.orchestration.batch import build_one
from careerguide.render.fetcher import TOO_LARGE, SandboxedFetcher
from careerguide.settings.model import Settings
from helpers import pdf_decoded_bytes

MARKER = "DOWNLOADED-IMAGE-5d0a3c"  # in the JPEG's comment: WeasyPrint embeds JPEGs as they are
CSS = b"h1 { color: teal }\n" * 50
BOMB_BYTES = 1 << 30  # inflated size of each bomb: far above the cap, and above any test's memory
STOPPING = 10  # seconds to wait for the server's thread once the tests are done


def deflated_zeros(size: int) -> bytes:
    """Raw deflate of `size` zero bytes, without ever holding them.

    A full flush restarts the compressor, so every MB of zeros compresses to the same bytes.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    megabyte = bytes(1 << 20)
    block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * (size >> 20) + compressor.flush()


def bombs() -> dict[str, tuple[str, bytes]]:
    """Content-Encoding and body of a BOMB_BYTES bomb in each form a server may send."""
    raw = deflated_zeros(BOMB_BYTES)
    crc = 0
    for _ in range(BOMB_BYTES >> 20):
        crc = zlib.crc32(bytes(1 << 20), crc)
    adler = (BOMB_BYTES % 65521) << 16 | 1  # of zeros only
    size = (BOMB_BYTES % (1 << 32)).to_bytes(4, "little")
    gzip_header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return {
        "deflate": ("deflate", b"\x78\xda" + raw + adler.to_bytes(4, "big")),
        "raw-deflate": ("deflate", raw),
        "gzip": ("gzip", gzip_header + raw + crc.to_bytes(4, "little") + size),
    }


def encoded(body: bytes) -> dict[str, tuple[str | None, bytes]]:
    """`body` in each Content-Encoding the fetcher reads."""
    return {
        "identity": (None, body),
        "gzip": ("gzip", gzip.compress(body)),
        "deflate": ("deflate", zlib.compress(body)),
        "raw-deflate": ("deflate", zlib.compress(body, wbits=-zlib.MAX_WBITS)),
    }


class HostileServer(http.server.ThreadingHTTPServer):
    """Serves bombs, slow drips and endless bodies, and ordinary CSS and a JPEG."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), (0, 128, 0)).save(buffer, "JPEG", comment=MARKER.encode())
        self.image = buffer.getvalue()
        self.bombs = bombs()
        self.styles = encoded(CSS)
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route, _, query = self.path.partition("?")
                try:
                    if route == "/bomb":
                        self.reply(*server.bombs[query])
                    elif route == "/style.css":
                        self.reply(*server.styles[query], content_type="text/css")
                    elif route == "/image.jpg":
                        self.reply(None, server.image, content_type="image/jpeg")
                    elif route == "/zeros":
                        self.head(200, BOMB_BYTES)
                        self.forever(bytes(1 << 20), 0)
                    elif route == "/drip":
                        self.head(200, 1000)
                        self.forever(b"x", 0.5)
                    elif route == "/redirect-dripping":
                        self.head(302, 1000, Location="/style.css?identity")
                        self.forever(b"x", 0.5)
                    else:
                        self.send_error(404)
                except OSError:  # the fetcher hung up, as it should
                    pass

            def head(self, status: int, length: int, **headers: str) -> None:
                self.send_response(status)
                self.send_header("Content-Length", str(length))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()

            def reply(self, encoding: str | None, body: bytes, content_type: str = "") -> None:
                extra = {"Content-Type": content_type} if content_type else {}
                if encoding:
                    extra["Content-Encoding"] = encoding
                self.head(200, len(body), **extra)
                self.wfile.write(body)

            def forever(self, data: bytes, pause: float) -> None:
                """`data` again and again, for at most a minute or until the test ends."""
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and not server.stopping.wait(pause):
                    self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    server = HostileServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stopping.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=STOPPING)


def peak_memory_mb() -> float:
    """The most memory this process has held so far (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fetch(fetcher: SandboxedFetcher, url: str) -> tuple[bytes, str]:
    """Body and content type of `url`, read as WeasyPrint reads a response."""
    response = fetcher.fetch(url)
    try:
        return response.read(), response.content_type
    finally:
        response.close()


@pytest.mark.parametrize("form", ["deflate", "raw-deflate", "gzip"])
def test_a_compression_bomb_is_refused_without_inflating_it(tmp_path, server, form):
    fetcher = SandboxedFetcher([tmp_path], allow_network=True)
    before = peak_memory_mb()
    with pytest.raises(OSError, match="refused to load"):
        fetch(fetcher, server.url(f"/bomb?{form}"))
    assert peak_memory_mb() - before < 200
    assert fetcher.refused == [f"{server.url(f'/bomb?{form}')} ({TOO_LARGE})"]


def test_an_endless_plain_body_is_cut_at_the_cap(tmp_path, server):
    fetcher = SandboxedFetcher([tmp_path], allow_network=True)
    with pytest.raises(OSError, match="refused to load"):
        fetch(fetcher, server.url("/zeros"))
    assert fetcher.refused == [f"{server.url('/zeros')} ({TOO_LARGE})"]


def test_a_server_dripping_bytes_is_refused_after_the_whole_download_limit(tmp_path, server):
    # Each byte comes within the socket timeout, and the body never ends (a byte every half
    # second of 1,000): only the deadline on the whole download ends this fetch, and it says so.
    fetcher = SandboxedFetcher([tmp_path], allow_network=True, download_seconds=1.0)
    with pytest.raises(OSError, match="refused to load"):
        fetch(fetcher, server.url("/drip"))
    assert fetcher.refused == [f"{server.url('/drip')} (download took longer than 1 s)"]


def test_a_redirect_with_an_endless_body_is_followed_without_reading_it(tmp_path, server):
    # Reading the redirect's body would run into the 1 s deadline and refuse the URL.
    fetcher = SandboxedFetcher([tmp_path], allow_network=True, download_seconds=1.0)
    assert fetch(fetcher, server.url("/redirect-dripping")) == (CSS, "text/css")
    assert fetcher.refused == []


@pytest.mark.parametrize("encoding", ["identity", "gzip", "deflate", "raw-deflate"])
def test_ordinary_resources_download_in_every_encoding(tmp_path, server, encoding):
    fetcher = SandboxedFetcher([tmp_path], allow_network=True)
    assert fetch(fetcher, server.url(f"/style.css?{encoding}")) == (CSS, "text/css")
    response = fetcher.fetch(server.url(f"/style.css?{encoding}"))
    assert "Content-Encoding" not in response.headers  # the body handed on is decoded
    assert fetch(fetcher, server.url("/image.jpg")) == (server.image, "image/jpeg")
    assert fetcher.refused == []


def test_a_build_embeds_a_downloaded_image_and_warns_of_a_bomb(tmp_path, server):
    project = tmp_path / "project"
    (project / "templates" / "sections").mkdir(parents=True)
    (project / "templates" / "sections" / "why_it_matters.html.j2").write_text(
        f'<img src="{server.url("/image.jpg")}">\n<img src="{server.url("/bomb?gzip")}">\n'
    )
    (project / "guide").mkdir()
    guide = project / "guide" / "nurse.yaml"
    guide.write_text("schema: 1\ncareer: {title: Nurse}\nwhy_it_matters: Care matters.\n")
    outcome = build_one(guide, tmp_path / "out", Settings(project_dir=project), ("pdf",), True)
    assert outcome.error is None, outcome.error
    assert [str(warning).split(": warning: ")[1] for warning in outcome.warnings] == [
        f"refused to load {server.url('/bomb?gzip')} ({TOO_LARGE})"
    ]
    assert MARKER.encode() in pdf_decoded_bytes(tmp_path / "out" / "nurse.pdf")
