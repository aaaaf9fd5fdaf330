"""The renderer's only way to read: a URL fetcher that opens files under allowed folders only.

WeasyPrint would otherwise read any local file a guide or style names (images, @import,
fonts, `rel=attachment` links) and fetch any http URL. `SandboxedFetcher` allows only
regular files under the allowed folders (after resolving symlinks and `..`), within a
size cap, plus data: URIs; http(s) only when the user opts in. Refused URLs become
warnings (with the reason) and the build goes on without them.
"""

import mimetypes
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

MAX_RESOURCE_BYTES = 20_000_000


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


class SandboxedFetcher(URLFetcher):
    """A URL fetcher that reads only files under `roots` (and the network if allowed)."""

    def __init__(self, roots: Iterable[Path], *, allow_network: bool = False) -> None:
        super().__init__(timeout=10)
        self.roots = tuple(root.resolve() for root in roots)
        self.allow_network = allow_network
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
        return self._refuse(url, f"{scheme or 'this'} URLs are not allowed")

    def _read_file(self, url: str, name: str) -> URLFetcherResponse:
        try:
            path = Path(name).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):  # missing, a symlink loop, a NUL byte
            return self._refuse(url, "no such file")
        if not any(path.is_relative_to(root) for root in self.roots):
            return self._refuse(url, "outside the guide, project and style folders")
        # O_NONBLOCK: a FIFO swapped in after resolve() must not hang the build; fstat
        # then checks the file actually opened.
        try:
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return self._refuse(url, "cannot be read")
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return self._refuse(url, "not a regular file")
            body = file.read(MAX_RESOURCE_BYTES + 1)
        if len(body) > MAX_RESOURCE_BYTES:
            return self._refuse(url, f"larger than {MAX_RESOURCE_BYTES // 1_000_000} MB")
        content_type = mimetypes.guess_type(path.name)[0]
        headers = {"Content-Type": content_type} if content_type else None
        return _CheckedResponse(url, body=body, headers=headers)

    def _download(self, url: str, headers: dict | None) -> URLFetcherResponse:
        """An http(s) response, size-capped; redirects come back through `fetch`."""
        try:
            response = super().fetch(url, headers)
            try:
                body = response.read(MAX_RESOURCE_BYTES + 1)
            finally:
                response.close()
        except Exception as error:  # HTTP errors, timeouts, a redirect refused above
            return self._refuse(url, f"download failed: {error}")
        if len(body) > MAX_RESOURCE_BYTES:
            return self._refuse(url, f"larger than {MAX_RESOURCE_BYTES // 1_000_000} MB")
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


def _one_line(text: str) -> str:
    """`text` for a warning line: control characters and line breaks written as %XX."""
    return "".join(ch if ch.isprintable() else f"%{ord(ch):02X}" for ch in text)
