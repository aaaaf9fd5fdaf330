"""Watch: rebuild a guide each time it, a template, a style or the project settings change.

A saved guide rebuilds only that guide; a saved template, style or `careerguide.yaml`
rebuilds every watched guide, since any of them may use it. Folders are watched one by
one, not recursively: a project folder may hold a virtualenv with thousands of folders,
and editors that save by writing a new file and renaming it over the old one are only
seen by watching the folder, not the file.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from threading import Event

from ..compose.themes import search_path
from ..core.errors import GuideError
from ..orchestration.batch import FORMATS, build_many
from ..orchestration.guides import find_guides
from ..orchestration.outcome import Outcome
from ..settings.model import SETTINGS_FILE, Settings

SHARED_SUFFIXES = {".j2", ".css"}  # templates and styles: every guide may use them


@dataclass(frozen=True)
class Rebuild:
    """One guide built (or failed) after a change."""

    outcome: Outcome
    seconds: float
    finished: datetime


def watch(
    paths: list[Path],
    out_dir: Path,
    load_settings: Callable[[], Settings],
    formats: tuple[str, ...] = FORMATS,
    stop: Event | None = None,
) -> Iterator[Rebuild]:
    """Build every guide once, then again whenever a change affects it; until `stop` or Ctrl-C.

    Settings are read again after every change, so a saved `careerguide.yaml` takes effect.
    """
    import watchfiles

    settings = load_settings()
    yield from _build_all(find_guides(paths).guides, out_dir, settings, formats)
    folders = watched_folders(paths, settings)
    for changes in watchfiles.watch(
        *folders, recursive=False, stop_event=stop, raise_interrupt=False
    ):
        changed = {Path(name) for _, name in changes}
        try:
            settings = load_settings()
            guides = affected_guides(paths, changed, settings)
        except GuideError as error:  # a broken careerguide.yaml, or a guide file removed
            yield Rebuild(Outcome(paths[0], error=str(error)), 0.0, datetime.now())
            continue
        yield from _build_all(guides, out_dir, settings, formats)


def watched_folders(paths: Iterable[Path], settings: Settings) -> list[Path]:
    """Each folder holding a guide, template, style or the settings file, without duplicates."""
    roots = [path if path.is_dir() else path.parent for path in paths]
    roots += search_path(settings, "templates") + search_path(settings, "styles")
    folders = [folder for root in roots for folder in _with_subfolders(root)]
    if settings.project_dir is not None:
        folders.append(settings.project_dir)
    return list(dict.fromkeys(folder.resolve() for folder in folders))


def _with_subfolders(root: Path) -> list[Path]:
    return [root, *sorted(path for path in root.rglob("*") if path.is_dir())]


def affected_guides(paths: list[Path], changed: set[Path], settings: Settings) -> list[Path]:
    """The guides to rebuild after `changed` files changed: all of them, some, or none."""
    guides = find_guides(paths).guides
    settings_file = settings.project_dir / SETTINGS_FILE if settings.project_dir else None
    shared = any(
        path.suffix in SHARED_SUFFIXES or (settings_file and path == settings_file.resolve())
        for path in changed
    )
    if shared:
        return guides
    resolved = {path.resolve() for path in changed}
    return [guide for guide in guides if guide.resolve() in resolved and guide.is_file()]


def _build_all(
    guides: list[Path], out_dir: Path, settings: Settings, formats: tuple[str, ...]
) -> Iterator[Rebuild]:
    for guide in guides:
        started = time.perf_counter()
        # Through the batch, so each rebuild is held to the guide budget in a worker.
        [outcome] = build_many([guide], out_dir, settings, formats, force=True)
        yield Rebuild(outcome, time.perf_counter() - started, datetime.now())
