"""Laid-out pages: the one thing of WeasyPrint's a layout holds, behind the few operations
layouts and builds need (count the pages and a page's printed lines, keep the first few,
bind several together, find an anchor, write the PDF).

WeasyPrint's `Document` stays inside `render/`, so a change in its API is met here once,
and no layer above imports WeasyPrint.
"""

import copy
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.document import Page


class LaidOut:
    """Pages laid out by `render.pdf`, ready to count, cut, bind and write."""

    def __init__(self, document: "Document") -> None:
        self._document = document

    def __len__(self) -> int:
        """The number of pages."""
        return len(self._document.pages)

    def head(self, count: int) -> "LaidOut":
        """The first `count` pages, as pages of their own."""
        return LaidOut(self._document.copy(self._document.pages[:count]))

    def printed_lines(self, page_number: int) -> int:
        """How many lines of text page `page_number` (from 1) prints, its running header and
        footer left out.

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

        walk(self._document.pages[page_number - 1]._page_box)
        return len(tops)

    def take_anchor(self, name: str) -> int | None:
        """The index of the page holding the anchor `name`, which is then taken out of the
        PDF (no named destination is written for it); None when no page holds it."""
        for number, page in enumerate(self._document.pages):
            if name in page.anchors:
                del page.anchors[name]
                return number
        return None

    def write(self, variant: str | None = None) -> bytes:
        """The pages as PDF bytes, tagged or archival when `variant` asks for it."""
        return self._document.write_pdf(pdf_variant=variant)

    @staticmethod
    def bound(parts: Sequence["LaidOut"], blank: Callable[[], "LaidOut"], title: str) -> "LaidOut":
        """`parts` one after another, each starting on a right-hand page (after the first
        page of `blank` where one is needed), titled `title`; the rest of the PDF's
        metadata is the first part's."""
        pages: list[Page] = []
        for part in parts:
            if len(pages) % 2:
                pages.append(blank()._document.pages[0])
            pages += part._document.pages
        first = parts[0]._document
        bound = first.copy(pages)
        bound.metadata = copy.copy(first.metadata)
        bound.metadata.title = title
        return LaidOut(bound)
