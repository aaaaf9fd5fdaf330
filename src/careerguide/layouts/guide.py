"""The full guide: every section the career has, on as many pages as it takes."""

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..guidefile.model import Guide
from .base import Laid, Layout

if TYPE_CHECKING:
    from ..render.fetcher import SandboxedFetcher
    from ..render.pdf import PdfRenderer


class GuideLayout(Layout):
    """The whole guide. Its theme is parsed once for every guide this layout prints."""

    name = "guide"
    _renderer: "PdfRenderer | None" = None

    def lay_out(
        self,
        guide: Guide,
        guide_path: Path,
        fetcher: "SandboxedFetcher",
        variables: Mapping[str, Any] | None = None,
    ) -> Laid:
        """The guide's pages, with the theme as a stylesheet parsed once per batch."""
        from ..render.pdf import PdfRenderer

        self._renderer = self._renderer or PdfRenderer()
        page = self.compose(guide, for_print=True, inline_css=False, variables=variables)
        document = self._renderer.lay_out(
            page, base_dir=guide_path.parent, fetcher=fetcher, variant=self.settings.pdf_variant
        )
        return Laid(document)
