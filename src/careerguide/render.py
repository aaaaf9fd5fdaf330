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

from weasyprint import CSS, HTML
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


class PdfRenderer:
    """Renders the guides of one batch, parsing the theme's CSS once per guide folder.

    The theme (`Page.css`) is the same for every guide of a batch, so it is parsed once and
    its @font-face rules registered once, instead of once per guide as inline CSS would be.
    One renderer serves one batch: the sandbox policy must stay the same across its calls.
    """

    def __init__(self) -> None:
        self._themes: dict[tuple[str, str], tuple[CSS, tuple[str, ...]]] = {}

    def render(self, page: Page, *, base_dir: Path, fetcher: SandboxedFetcher) -> bytes:
        """Lay out and write the PDF; relative URLs resolve against the guide's folder."""
        base_url = f"{base_dir.resolve().as_uri()}/"
        stylesheets = [self._theme(page.css, base_url, fetcher)] if page.css else []
        document = HTML(string=page.html, base_url=base_url, url_fetcher=fetcher)
        return document.write_pdf(font_config=font_config(), stylesheets=stylesheets)

    def _theme(self, css: str, base_url: str, fetcher: SandboxedFetcher) -> CSS:
        key = (css, base_url)
        if key not in self._themes:
            already_refused = len(fetcher.refused)
            sheet = CSS(
                string=css, base_url=base_url, url_fetcher=fetcher, font_config=font_config()
            )
            self._themes[key] = (sheet, tuple(fetcher.refused[already_refused:]))
        sheet, refused = self._themes[key]
        # Each guide's report names what its theme was refused, even when parsed earlier.
        fetcher.refused += [url for url in refused if url not in fetcher.refused]
        return sheet


def render_pdf(page: Page, *, base_dir: Path, fetcher: SandboxedFetcher) -> bytes:
    """Render one page with a renderer of its own."""
    return PdfRenderer().render(page, base_dir=base_dir, fetcher=fetcher)
