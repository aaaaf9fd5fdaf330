"""Render: composed HTML -> laid-out pages -> PDF bytes with WeasyPrint.

Every URL a page names is read through `SandboxedFetcher`. The pages come back as
`LaidOut`, so that layouts can look at them before writing them (a handout counts its
pages, a roster binds several handouts) without holding a WeasyPrint type.
"""

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ..core.page import Page
from .fetcher import SandboxedFetcher
from .pages import LaidOut
from .variables import with_values_if_flat


@cache
def font_config() -> FontConfiguration:
    """One font configuration per process, reused by every document it renders."""
    return FontConfiguration()


def fonts_subset_slowly() -> bool:
    """True when WeasyPrint has no HarfBuzz subsetter (4.1 or newer) and cuts each PDF's
    fonts down with fontTools instead: every PDF then takes about 2.5 times the CPU
    (fontTools 4.69 reads each font's layout tables whole)."""
    from weasyprint.pdf import fonts

    return not (fonts.harfbuzz_subset and fonts.harfbuzz.hb_version_atleast(4, 1, 0))


def lay_out(
    page: Page,
    *,
    base_dir: Path,
    fetcher: SandboxedFetcher,
    variant: str | None = None,
    stylesheets: Sequence[CSS] = (),
) -> LaidOut:
    """Lay out the pages; relative URLs resolve against the guide's folder."""
    document = HTML(string=page.html, base_url=_base_url(base_dir), url_fetcher=fetcher)
    return LaidOut(
        document.render(
            font_config=font_config(), pdf_variant=variant, stylesheets=list(stylesheets)
        )
    )


def _base_url(base_dir: Path) -> str:
    return f"{base_dir.resolve().as_uri()}/"


class PdfRenderer:
    """Renders the guides of one batch, parsing the theme's CSS once per guide folder.

    The theme (`Page.css`) is the same for every guide of a batch, so it is parsed once and
    its @font-face rules registered once, instead of once per guide as inline CSS would be.
    One renderer serves one batch: the sandbox policy must stay the same across its calls.
    """

    def __init__(self) -> None:
        self._themes: dict[tuple[str, str], tuple[CSS, tuple[str, ...]]] = {}

    def lay_out(
        self, page: Page, *, base_dir: Path, fetcher: SandboxedFetcher, variant: str | None = None
    ) -> LaidOut:
        """Lay out the pages, with the theme parsed at most once (its custom properties
        written into its rules where the page allows it: `variables`)."""
        css = with_values_if_flat(page.css, page.html) if page.css else ""
        sheets = [self._theme(css, _base_url(base_dir), fetcher)] if css else []
        return lay_out(
            page, base_dir=base_dir, fetcher=fetcher, variant=variant, stylesheets=sheets
        )

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
