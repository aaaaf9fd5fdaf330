"""The renderer's only way to read: a URL fetcher that opens files under allowed folders only.

WeasyPrint would otherwise read any local file a guide or style names (images, @import,
fonts, `rel=attachment` links) and fetch any http URL. `SandboxedFetcher` allows only
regular files under the allowed folders (after resolving symlinks and `..`), within a
size cap, plus data: URIs; http(s) only when the user opts in, within the same cap and a
time limit for the whole download. Refused URLs become warnings (with the reason) and the
build goes on without them.
"""

import itertools
import mimetypes
import time
import zlib
from collections.abc import Iterable, Iterator
from http.client import HTTPResponse
from pathlib import Path
from urllib import request
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError, iri_to_uri

from .. import gate

MAX_RESOURCE_BYTES = 20_000_000
DOWNLOAD_SECONDS = 10.0
TOO_LARGE = f"larger than {MAX_RESOURCE_BYTES // 1_000_000} MB"
_ROOTS_IN_WORDS = "the guide, project and style folders"
_CHUNK_BYTES = 64 * 1024


class _CheckedResponse(URLFetcherResponse):
    """A response holding only the bytes the sandbox checked.

    For a `file:` URL WeasyPrint keeps a path derived from the URL and reads that file
    again when it writes the PDF (images.LazyLocalImage). That path is derived
    differently from the one checked here (`#` is part of it), so `ok.jpg#/../../x.jpg`
    next to a folder named `ok.jpg#` would embed `x.jpg` from outside the roots.
    Without a path, WeasyPrint embeds the checked bytes.
    """

    @property
    def path(self) -> None:
        return None


class _RefusedBody:
    """The body of a refused URL: reading it raises.

    WeasyPrint catches errors raised while reading a body everywhere, but not an error
    raised by the fetcher for `@color-profile`, which would abort the whole document.
    """

    def __init__(self, message: str) -> None:
        self.message = message

    def read(self, *args: object) -> bytes:
        raise URLFetchingError(self.message)

    def close(self) -> None:
        pass


class _Refusal(Exception):
    """A download stopped part way; the message is the reason the warning gives."""


class _UnreadRedirectBody(request.BaseHandler):
    """Closes the body of a 3xx response before urllib follows the redirect.

    urllib's redirect handler reads that body whole, with no cap and no time limit, only to
    throw it away; closed, it reads as empty.
    """

    handler_order = request.HTTPErrorProcessor.handler_order - 1  # runs before it

    def http_response(self, req: request.Request, response: HTTPResponse) -> HTTPResponse:
        if 300 <= response.status < 400:
            response.close()
        return response

    https_response = http_response


class SandboxedFetcher(URLFetcher):
    """A URL fetcher that reads only files under `roots` (and the network if allowed).

    `download_seconds` limits each whole download (and so each socket read).
    """

    _request: request.Request | None  # a redirect hop's request, left by `URLFetcher.open`

    def __init__(
        self,
        roots: Iterable[Path],
        *,
        allow_network: bool = False,
        download_seconds: float = DOWNLOAD_SECONDS,
    ) -> None:
        super().__init__(timeout=download_seconds)
        self.add_handler(_UnreadRedirectBody())
        self.roots = tuple(root.resolve() for root in roots)
        self.allow_network = allow_network
        self.download_seconds = download_seconds
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Every URL WeasyPrint reads comes here: images, stylesheets, @import, fonts,
        color profiles, attachments, and each hop of an http redirect."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            if parts.netloc not in ("", "localhost"):
                return self._refuse(url, "a file on another host")
            return self._read_file(url, unquote(parts.path))
        if scheme in ("http", "https"):
            if self.allow_network:
                return self._download(url, headers)
            return self._refuse(url, "network access is off; --allow-network turns it on")
        if not scheme:
            return self._refuse(url, "not a URL: it has no scheme such as https:")
        return self._refuse(url, f"{scheme} URLs are not allowed")

    def _read_file(self, url: str, name: str) -> URLFetcherResponse:
        """A local file through the gate, inside the roots; a refusal names its reason."""
        try:
            body = gate.read(Path(name), self.roots, MAX_RESOURCE_BYTES, _ROOTS_IN_WORDS)
        except gate.Refused as refused:
            return self._refuse(url, refused.reason.removeprefix("is "))
        content_type = mimetypes.guess_type(name)[0]
        headers = {"Content-Type": content_type} if content_type else None
        return _CheckedResponse(url, body=body, headers=headers)

    def _download(self, url: str, headers: dict | None) -> URLFetcherResponse:
        """An http(s) response, read within the size cap and the time limit.

        `URLFetcher.fetch` inflates a gzip or deflate body whole before anyone can cap it
        (a small body became 6.4 GB), and its timeout bounds each socket read, not the
        download. So the response is opened here as `URLFetcher.fetch` opens it, then read
        a chunk at a time against both limits. Redirects come back through `fetch`.
        """
        deadline = time.monotonic() + self.download_seconds
        try:
            # A redirect hop arrives with its request kept by `URLFetcher.open`.
            http_request = self._request or request.Request(
                iri_to_uri(url), headers={**self._http_headers, **(headers or {})}
            )
            self._request = None
            response = request.OpenerDirector.open(self, http_request, timeout=self._timeout)
            try:
                if isinstance(response, URLFetcherResponse):  # where a redirect led, checked
                    body = response.read()  # raises if that hop was refused
                else:
                    body = _read_body(response, deadline, self.download_seconds)
            finally:
                response.close()
        except _Refusal as refusal:
            return self._refuse(url, str(refusal))
        except Exception as error:  # HTTP errors, timeouts, a redirect refused above
            return self._refuse(url, f"download failed: {error}")
        return URLFetcherResponse(response.url, body, response.headers, response.status)

    def _refuse(self, url: str, reason: str) -> URLFetcherResponse:
        # A refused redirect leaves its request behind in URLFetcher, which would
        # open it in place of the next URL fetched.
        self._request = None
        shown = _one_line(url if len(url) <= 120 else url[:117] + "...")
        entry = f"{shown} ({_one_line(reason)})"
        if entry not in self.refused:
            self.refused.append(entry)
        return URLFetcherResponse(url, body=_RefusedBody(f"refused to load {shown}"))


def _read_body(response: HTTPResponse, deadline: float, seconds: float) -> bytes:
    """The body of `response`, decoded, refused once it passes the cap or the deadline.

    Content-Encoding goes, as in `URLFetcher.fetch`: the body handed on is decoded (gzip and
    deflate; any other encoding passes as it came).
    """
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    del response.headers["Content-Encoding"]
    pieces = _chunks(response, deadline, seconds)
    if encoding in ("gzip", "deflate"):
        pieces = _inflate(pieces)
    body = bytearray()
    for piece in pieces:
        body += piece
        if len(body) > MAX_RESOURCE_BYTES:
            raise _Refusal(TOO_LARGE)
    return bytes(body)


def _chunks(response: HTTPResponse, deadline: float, seconds: float) -> Iterator[bytes]:
    """The raw body, one socket read at a time, until `deadline`.

    `read1` makes one read, which the socket timeout bounds; checking the clock after each
    stops a server that sends a byte just before every timeout.
    """
    while chunk := response.read1(_CHUNK_BYTES):
        if time.monotonic() > deadline:
            raise _Refusal(f"download took longer than {seconds:g} s")
        yield chunk


def _inflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """A gzip or deflate body, inflated in pieces of at most `_CHUNK_BYTES`.

    Small pieces let the caller's cap stop a compression bomb after 20 MB of output. The
    first stream is all: zlib would keep whatever follows it in memory, unbounded.
    """
    head = b""
    for chunk in chunks:  # two bytes tell the header (see _window_bits)
        head += chunk
        if len(head) >= 2:
            break
    inflater = zlib.decompressobj(_window_bits(head))
    for data in itertools.chain([head], chunks):
        # Output stops at max_length with input left over, or when the input is used up.
        while piece := inflater.decompress(data, _CHUNK_BYTES):
            yield piece
            data = inflater.unconsumed_tail
        if inflater.eof:
            return
    raise _Refusal("download failed: the compressed body is cut short")


def _window_bits(head: bytes) -> int:
    """zlib's `wbits` for a compressed body that starts with `head`.

    "deflate" should carry a zlib header, but some servers send raw deflate; WeasyPrint
    takes both, and so does this. 32 + MAX_WBITS reads a zlib or a gzip header.
    """
    zlib_header = (
        len(head) >= 2 and head[0] & 0x0F == 8 and int.from_bytes(head[:2], "big") % 31 == 0
    )
    if zlib_header or head.startswith(b"\x1f\x8b"):
        return 32 + zlib.MAX_WBITS
    return -zlib.MAX_WBITS


def _one_line(text: str) -> str:
    """`text` for a warning line: control characters and line breaks written as %XX."""
    return "".join(ch if ch.isprintable() else f"%{ord(ch):02X}" for ch in text)
