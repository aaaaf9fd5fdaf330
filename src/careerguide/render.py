"""Render: composed HTML -> PDF bytes with WeasyPrint, reading only what it may.

WeasyPrint would otherwise read any local file a guide or style names (images, @import,
fonts, `rel=attachment` links) and fetch any http URL. `SandboxedFetcher` allows only
regular files under the allowed folders (after resolving symlinks and `..`), within a
size cap, plus data: URIs; http(s) only when the user opts in. Refused URLs become
warnings and the build goes on without them.
"""

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from .compose import Page

MAX_RESOURCE_BYTES = 20_000_000


class SandboxedFetcher(URLFetcher):
    """A URL fetcher that reads only files under `roots` (and the network if allowed)."""

    def __init__(self, roots: Iterable[Path], *, allow_network: bool = False) -> None:
        super().__init__(timeout=10)
        self.roots = tuple(root.resolve() for root in roots)
        self.allow_network = allow_network
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._allowed_file(url)
            if path is not None:
                return URLFetcherResponse(url, body=path.read_bytes())
        elif scheme in {"http", "https"} and self.allow_network:
            return super().fetch(url, headers)
        return self._refuse(url)

    def _allowed_file(self, url: str) -> Path | None:
        try:
            path = Path(unquote(urlsplit(url).path)).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        inside = any(path.is_relative_to(root) for root in self.roots)
        if inside and path.is_file() and path.stat().st_size <= MAX_RESOURCE_BYTES:
            return path
        return None

    def _refuse(self, url: str) -> URLFetcherResponse:
        shown = url if len(url) <= 120 else url[:117] + "..."
        if shown not in self.refused:
            self.refused.append(shown)
        raise URLFetchingError(f"refused to load {shown}")


@cache
def font_config() -> FontConfiguration:
    """One font configuration per process, reused by every document it renders."""
    return FontConfiguration()


def lay_out(
    page: Page, *, base_dir: Path, fetcher: SandboxedFetcher, variant: str | None = None
) -> Document:
    """Lay out the pages; relative URLs resolve against the guide's folder.

    Apart from `render_pdf`, for layouts that look at the pages before writing them
    (a handout counts its pages, a roster joins several handouts).
    """
    document = HTML(
        string=page.html, base_url=f"{base_dir.resolve().as_uri()}/", url_fetcher=fetcher
    )
    return document.render(font_config=font_config(), pdf_variant=variant)


def write_pdf(document: Document, variant: str | None = None) -> bytes:
    """The laid-out pages as PDF bytes, tagged or archival when `variant` asks for it."""
    return document.write_pdf(pdf_variant=variant)


def render_pdf(
    page: Page, *, base_dir: Path, fetcher: SandboxedFetcher, variant: str | None = None
) -> bytes:
    """Lay out and write the PDF in one go."""
    return write_pdf(lay_out(page, base_dir=base_dir, fetcher=fetcher, variant=variant), variant)
