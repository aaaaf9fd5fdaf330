"""The full guide: every section the career has, on as many pages as it takes."""

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..guidefile.model import Guide
from .base import Laid, Layout

if TYPE_CHECKING:
    from ..render.fetcher import SandboxedFetcher


class GuideLayout(Layout):
    """The whole guide."""

    name = "guide"

    def lay_out(
        self,
        guide: Guide,
        guide_path: Path,
        fetcher: "SandboxedFetcher",
        variables: Mapping[str, Any] | None = None,
    ) -> Laid:
        """The guide's pages."""
        page = self.compose(guide, for_print=True, inline_css=False, variables=variables)
        return Laid(self.render(page, guide_path, fetcher))
