"""The seam every layout plugs into, and what layouts share.

A `Layout` prints one career: what it composes (`compose`), how it lays the pages out
(`lay_out`), what it writes (`write_pdf`). The booklet and the roster are collections
built on those: many careers in one document, or a packet of handouts per student. All of
them report what happened as `Outcome`s, read files only through `fetcher_for`, and turn a
failure into an outcome with `captured`, so one bad guide never stops the others.
"""

import traceback
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..compose.document import compose
from ..compose.fonts import font_dirs
from ..core.errors import GuideError, OverBudget, Problem
from ..core.model import Guide
from ..core.page import Page
from ..core.resources import bundled
from ..core.settings import Settings

if TYPE_CHECKING:
    from weasyprint import Document

    from ..render.fetcher import SandboxedFetcher


@dataclass
class Outcome:
    """What happened to one guide (or one roster row, or one booklet)."""

    source: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # traceback of an unexpected failure, shown with --verbose
    unchanged: list[Path] = field(default_factory=list)  # outputs kept from an earlier build
    digests: dict[str, str] = field(default_factory=dict)  # sha256 of the bytes written, by path

    @property
    def status(self) -> str:
        """One of failed, unchanged or built."""
        if self.error:
            return "failed"
        return "unchanged" if self.unchanged and not self.written else "built"


@contextmanager
def captured(outcome: Outcome, where: Path | str) -> Iterator[None]:
    """Record a failure in `outcome` instead of raising it, so the batch goes on.

    A GuideError is the user's to fix and keeps its own lines; anything else is a bug or a
    renderer failure, named with `where` and kept with its traceback for --verbose.
    """
    try:
        yield
    except GuideError as error:
        outcome.error = str(error)
    except MemoryError:
        raise  # past the worker's budget: the pool names the guide and the limit
    except OverBudget as error:
        outcome.error = f"{where}: stopped: {error}"
    except Exception as error:
        outcome.error = f"{where}: failed to build: {type(error).__name__}: {error}"
        outcome.detail = traceback.format_exc()


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

    document: "Document"
    warnings: list[Problem] = field(default_factory=list)


class Layout(ABC):
    """One way to print one career, chosen with `build --layout NAME`.

    `name` is also the layout's template (`templates/NAME.html.j2`) and its optional
    styles (`styles/layouts/NAME.css`).
    """

    name: ClassVar[str]

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

    def write_pdf(self, laid: Laid) -> bytes:
        """What it writes: the laid-out pages as PDF bytes, in the chosen PDF variant."""
        from ..render.pdf import write_pdf

        return write_pdf(laid.document, self.settings.pdf_variant)
