"""The seam every layout plugs into, and what layouts share.

A `Layout` prints one career: what it composes (`compose`), how it lays the pages out
(`lay_out`), what it writes (`write_pdf`). Layouts read files only through `fetcher_for`
and hold their pages as `render.pages.LaidOut`, never as a WeasyPrint type. What is done
with many careers (a batch, a roster's packets, a booklet) is orchestration's, above.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..compose.document import compose
from ..compose.fonts import font_dirs
from ..core.errors import Problem
from ..core.page import Page
from ..core.resources import bundled
from ..guidefile.model import Guide
from ..settings.model import Settings

if TYPE_CHECKING:
    from ..render.fetcher import SandboxedFetcher
    from ..render.pages import LaidOut
    from ..render.pdf import PdfRenderer


def readable_roots(guide_path: Path, settings: Settings) -> list[Path]:
    """Folders (and files) the renderer may read for this guide."""
    roots = [guide_path.parent, bundled("templates"), bundled("styles"), *font_dirs()]
    if settings.project_dir is not None:
        roots.append(settings.project_dir)
    return roots + list(settings.extra_css)


def fetcher_for(
    guide_paths: Iterable[Path], settings: Settings, allow_network: bool = False
) -> "SandboxedFetcher":
    """The fetcher for a document made from these guides: it reads their folders, the
    project's, the bundled templates and styles, the fonts, and nothing else."""
    from ..render.fetcher import SandboxedFetcher

    roots = {root for path in guide_paths for root in readable_roots(path, settings)}
    return SandboxedFetcher(sorted(roots), allow_network=allow_network)


def refusals(where: Path | str, fetcher: "SandboxedFetcher") -> list[Problem]:
    """One warning per URL the fetcher refused, named after `where` it was asked for."""
    return [Problem.about(where, f"refused to load {url}", "warning") for url in fetcher.refused]


@dataclass
class Laid:
    """Pages laid out, and the warnings laying them out gave."""

    document: "LaidOut"
    warnings: list[Problem] = field(default_factory=list)


class Layout(ABC):
    """One way to print one career, chosen with `build --layout NAME`.

    `name` is also the layout's template (`templates/NAME.html.j2`) and its optional
    styles (`styles/layouts/NAME.css`).
    """

    name: ClassVar[str]
    _renderer: "PdfRenderer | None" = None

    def __init__(self, settings: Settings) -> None:
        self.settings = replace(settings, layout=self.name)

    def variables(self, guide: Guide) -> dict[str, Any]:
        """Template variables this layout adds to the guide's own (none by default)."""
        return {}

    def compose(
        self,
        guide: Guide,
        *,
        for_print: bool,
        inline_css: bool = True,
        variables: Mapping[str, Any] | None = None,
    ) -> Page:
        """What it composes: the guide's page in this layout; `variables` add to its own."""
        return compose(
            guide,
            self.settings,
            for_print=for_print,
            inline_css=inline_css,
            variables={**self.variables(guide), **(variables or {})},
        )

    @abstractmethod
    def lay_out(
        self,
        guide: Guide,
        guide_path: Path,
        fetcher: "SandboxedFetcher",
        variables: Mapping[str, Any] | None = None,
    ) -> Laid:
        """How it lays out: the printed pages of the guide, reading through `fetcher`."""

    def render(self, page: Page, guide_path: Path, fetcher: "SandboxedFetcher") -> "LaidOut":
        """Lay out a page composed with `inline_css=False`. Its theme is parsed once for
        every page this layout prints, instead of once a page (and once a try, where a
        layout tries several versions of a page to make it fit)."""
        from ..render.pdf import PdfRenderer

        self._renderer = self._renderer or PdfRenderer()
        return self._renderer.lay_out(
            page, base_dir=guide_path.parent, fetcher=fetcher, variant=self.settings.pdf_variant
        )

    def write_pdf(self, laid: Laid) -> bytes:
        """What it writes: the laid-out pages as PDF bytes, in the chosen PDF variant."""
        return laid.document.write(self.settings.pdf_variant)
