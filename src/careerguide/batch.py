"""Build guides: find them, run each through load -> compose -> render -> write.

One broken guide never stops the others: its problem is recorded in its `Outcome` and the
batch goes on, so the CLI can report every failure and exit 1.
"""

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .compose import compose
from .errors import GuideError
from .fonts import font_dirs
from .handout import handout_pdf, handout_variables
from .load import load_guide
from .model import slugify
from .resources import bundled
from .settings import Settings
from .write import write_atomic

FORMATS = ("pdf", "html")
SETTINGS_FILE = "careerguide.yaml"


@dataclass
class Outcome:
    """What happened to one guide."""

    source: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    detail: str | None = None  # traceback of an unexpected failure, shown with --verbose


def find_guides(paths: Iterable[Path]) -> list[Path]:
    """Guide files named directly or found (recursively) in the named folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.yaml") if p.name != SETTINGS_FILE)
        elif path.is_file():
            found.append(path)
        else:
            raise GuideError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def readable_roots(guide_path: Path, settings: Settings) -> list[Path]:
    """Folders (and files) the renderer may read for this guide."""
    roots = [guide_path.parent, bundled("templates"), bundled("styles"), *font_dirs()]
    if settings.project_dir is not None:
        roots.append(settings.project_dir)
    return roots + list(settings.extra_css)


def build_one(
    guide_path: Path,
    out_dir: Path,
    settings: Settings,
    formats: tuple[str, ...] = FORMATS,
    allow_network: bool = False,
) -> Outcome:
    """Build one guide into `out_dir/<slug>.<format>`; failures land in the outcome."""
    outcome = Outcome(guide_path)
    try:
        guide = load_guide(guide_path)
        slug = slugify(guide_path.stem)
        handout = settings.layout == "handout"
        if "html" in formats:
            variables = handout_variables(guide) if handout else None
            page = compose(guide, settings, for_print=False, variables=variables)
            target = out_dir / f"{slug}.html"
            write_atomic(target, page.html.encode("utf-8"))
            outcome.written.append(target)
        if "pdf" in formats:
            from .render import SandboxedFetcher, render_pdf

            fetcher = SandboxedFetcher(
                readable_roots(guide_path, settings), allow_network=allow_network
            )
            if handout:
                pdf, warnings = handout_pdf(guide, guide_path, settings, fetcher)
                outcome.warnings += warnings
            else:
                page = compose(guide, settings, for_print=True)
                pdf = render_pdf(
                    page, base_dir=guide_path.parent, fetcher=fetcher, variant=settings.pdf_variant
                )
            outcome.warnings += [
                f"{guide_path}: warning: refused to load {url}" for url in fetcher.refused
            ]
            target = out_dir / f"{slug}.pdf"
            write_atomic(target, pdf)
            outcome.written.append(target)
    except GuideError as error:
        outcome.error = str(error)
    except Exception as error:  # a bug or a renderer failure: report it, keep the batch going
        outcome.error = f"{guide_path}: failed to build: {type(error).__name__}: {error}"
        outcome.detail = traceback.format_exc()
    return outcome


def build_many(
    guide_paths: list[Path],
    out_dir: Path,
    settings: Settings,
    formats: tuple[str, ...] = FORMATS,
    allow_network: bool = False,
) -> Iterator[Outcome]:
    """Build each guide in turn, yielding outcomes as they finish."""
    for guide_path in guide_paths:
        yield build_one(guide_path, out_dir, settings, formats, allow_network)
