"""Render: composed HTML -> laid-out pages -> PDF bytes with WeasyPrint.

Every URL a page names is read through `SandboxedFetcher`; layouts that look at the pages
before writing them (a handout counts its pages, a roster joins several handouts) call
`lay_out` and `write_pdf` apart.
"""

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration

from ..core.page import Page
from .fetcher import SandboxedFetcher


@cache
def font_config() -> FontConfiguration:
    """One font configuration per process, reused by every document it renders."""
    return FontConfiguration()


def lay_out(
    page: Page,
    *,
    base_dir: Path,
    fetcher: SandboxedFetcher,
    variant: str | None = None,
    stylesheets: Sequence[CSS] = (),
) -> Document:
    """Lay out the pages; relative URLs resolve against the guide's folder."""
    document = HTML(string=page.html, base_url=_base_url(base_dir), url_fetcher=fetcher)
    return document.render(
        font_config=font_config(), pdf_variant=variant, stylesheets=list(stylesheets)
    )


def _base_url(base_dir: Path) -> str:
    return f"{base_dir.resolve().as_uri()}/"


def printed_lines(document: Document, page_number: int) -> int:
    """How many lines of text a laid-out page prints, its running header and footer left out.

    Lines side by side (columns, a bar's name and value) count once. Read from WeasyPrint's
    laid-out boxes, an internal API (`Page._page_box`): a layout that would print a page of
    a few stray lines can choose another arrangement before anything is written.
    """
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox, ParentBox

    tops: set[int] = set()

    def walk(box: object) -> None:
        if isinstance(box, MarginBox):
            return
        if isinstance(box, LineBox) and any(
            getattr(child, "text", "").strip() for child in box.descendants()
        ):
            tops.add(round(box.position_y / 4))
        if isinstance(box, ParentBox):
            for child in box.children:
                walk(child)

    walk(document.pages[page_number - 1]._page_box)
    return len(tops)


def write_pdf(document: Document, variant: str | None = None) -> bytes:
    """The laid-out pages as PDF bytes, tagged or archival when `variant` asks for it."""
    return document.write_pdf(pdf_variant=variant)


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
    ) -> Document:
        """Lay out the pages, with the theme parsed at most once."""
        sheets = [self._theme(page.css, _base_url(base_dir), fetcher)] if page.css else []
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
