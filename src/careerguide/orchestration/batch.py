"""Build guides: run each through load -> compose -> render -> write in its layout.

One broken guide never stops the others: its problem is recorded in its `Outcome` and the
batch goes on, so the CLI can report every failure and exit 1. Every guide is built in a
worker process (`workers`), even a single one, so its budget (time and memory, from the
settings) holds: many guides are spread over several workers, and guides whose inputs and
outputs are unchanged are skipped (`cache`). Guides whose outputs would share a file name
fail before anything is built, all but the first (`collisions`).
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..core.errors import GuideError, Problem
from ..guidefile.load import dotted, load_guide
from ..guidefile.model import Guide, slugify
from ..guidefile.placeholders import example_figures
from ..layouts.base import fetcher_for, refusals
from ..layouts.registry import LAYOUTS
from ..render.write import write_atomic
from ..settings.model import Settings
from .cache import BuildCache, fingerprint
from .outcome import Outcome, captured
from .workers import Budget, OverBudget, WorkerDied, WorkerError, WorkerPool

FORMATS = ("pdf", "html")


def budget(settings: Settings) -> Budget:
    """The budget of one guide, as the settings give it."""
    return Budget(settings.time_limit, settings.memory_limit)


def default_jobs() -> int:
    """Worker processes when none are asked for: the CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Builder:
    """Builds guides with one set of options in one layout, keeping what they share (the
    parsed theme, the font configuration) from one guide to the next."""

    def __init__(
        self,
        out_dir: Path,
        settings: Settings,
        formats: tuple[str, ...] = FORMATS,
        allow_network: bool = False,
    ) -> None:
        self.out_dir, self.settings = out_dir, settings
        self.formats, self.allow_network = formats, allow_network
        self.layout = LAYOUTS[settings.layout](settings)

    def build(self, guide_path: Path) -> Outcome:
        """Build one guide into `out_dir/<slug>.<format>`; failures land in the outcome."""
        outcome = Outcome(guide_path)
        with captured(outcome, guide_path):
            guide = load_guide(guide_path)
            outcome.warnings += _example_figures(guide_path, guide)
            slug = slugify(guide_path.stem)
            if "html" in self.formats:
                page = self.layout.compose(guide, for_print=False)
                self._write(outcome, self.out_dir / f"{slug}.html", page.html.encode("utf-8"))
            if "pdf" in self.formats:
                fetcher = fetcher_for([guide_path], self.settings, self.allow_network)
                laid = self.layout.lay_out(guide, guide_path, fetcher)
                pdf = self.layout.write_pdf(laid)  # writing fetches attachments and SVG images
                outcome.warnings += laid.warnings + refusals(guide_path, fetcher)
                self._write(outcome, self.out_dir / f"{slug}.pdf", pdf)
        return outcome

    @staticmethod
    def _write(outcome: Outcome, target: Path, data: bytes) -> None:
        outcome.digests[str(target)] = write_atomic(target, data)
        outcome.written.append(target)


def _example_figures(guide_path: Path, guide: Guide) -> list[Problem]:
    """Warnings for figures still holding `new`'s examples: they would print as facts."""
    return [
        Problem(guide_path, message, line=None, col=None, field=dotted(loc), level="warning")
        for loc, message in example_figures(guide)
    ]


def build_one(
    guide_path: Path,
    out_dir: Path,
    settings: Settings,
    formats: tuple[str, ...] = FORMATS,
    allow_network: bool = False,
) -> Outcome:
    """Build one guide, ignoring the cache."""
    return Builder(out_dir, settings, formats, allow_network).build(guide_path)


def build_many(
    guide_paths: list[Path],
    out_dir: Path,
    settings: Settings,
    formats: tuple[str, ...] = FORMATS,
    allow_network: bool = False,
    *,
    jobs: int = 1,
    force: bool = False,
    started: Callable[[Path], None] | None = None,
) -> Iterator[Outcome]:
    """Build the guides, yielding outcomes as they finish (unchanged ones first).

    A guide whose outputs would overwrite an earlier guide's fails without being built.
    Guides the cache knows to be unchanged are not rebuilt unless `force`. The others are
    built by `jobs` worker processes (one for one guide), each held to the budget. Closing
    the iterator early (Ctrl-C) stops the workers and keeps the cache of what was built.
    """
    guide_paths, clashes = collisions(guide_paths, out_dir, formats)
    yield from clashes
    cache = BuildCache(out_dir, fingerprint(settings, formats, allow_network))
    keys = {path: cache.key(path) for path in guide_paths}
    to_build = []
    for path in guide_paths:
        kept = None if force else cache.up_to_date(path, keys[path])
        if kept:
            yield Outcome(path, unchanged=kept)
        else:
            to_build.append(path)
    builder = Builder(out_dir, settings, formats, allow_network)
    try:
        for outcome in _build(builder, to_build, jobs, started):
            cache.record(outcome.source, keys[outcome.source], _written(outcome))
            yield outcome
    finally:
        cache.save()


def collisions(
    guide_paths: list[Path], out_dir: Path, formats: tuple[str, ...] = FORMATS
) -> tuple[list[Path], list[Outcome]]:
    """The guides to build, and a failed outcome for each guide left out because an
    earlier guide already takes its output name.

    Outputs are named `slugify(stem)`, so `guide/nurse.yaml` and `guide/sub/nurse.yaml` (or
    `Nurse!.yaml`) would overwrite each other; the first keeps the name, the others fail.
    """
    extension = formats[0] if formats else FORMATS[0]
    first: dict[str, Path] = {}
    kept: list[Path] = []
    clashes: list[Outcome] = []
    for path in guide_paths:
        slug = slugify(path.stem)
        if slug not in first:
            first[slug] = path
            kept.append(path)
            continue
        target = out_dir / f"{slug}.{extension}"
        message = f"writes {target}, as {first[slug]} does; rename one of them"
        clashes.append(Outcome(path, error=str(Problem.about(path, message))))
    return kept, clashes


def _written(outcome: Outcome) -> dict[Path, str]:
    """The outputs this build wrote, each with the sha256 of the bytes it wrote; nothing (so
    the cache forgets the guide) when it failed, even after writing some, or a digest is
    missing."""
    if outcome.error or any(str(path) not in outcome.digests for path in outcome.written):
        return {}
    return {path: outcome.digests[str(path)] for path in outcome.written}


def _build(
    builder: Builder, guide_paths: list[Path], jobs: int, started: Callable[[Path], None] | None
) -> Iterator[Outcome]:
    if not guide_paths:
        return
    if "pdf" in builder.formats:
        from ..render import pdf  # noqa: F401  (imported once here, inherited by forked workers)
    in_flight: set[Path] = set()

    def start(path: Path) -> None:
        in_flight.add(path)
        if started is not None:
            started(path)

    jobs = min(jobs, len(guide_paths))
    with WorkerPool(jobs, builder.build, budget(builder.settings)) as pool:
        try:
            for path, answer in pool.run(guide_paths, start):
                in_flight.discard(path)
                if isinstance(answer, OverBudget | WorkerDied):  # killed, perhaps mid-write
                    _remove_temporary_files(builder.out_dir, path)
                yield _outcome(path, answer)
        finally:
            pool.close()  # before the clean-up below, so no worker is still writing
            for path in in_flight:  # a worker killed mid-write may leave its temporary file
                _remove_temporary_files(builder.out_dir, path)


def _outcome(path: Path, answer: object) -> Outcome:
    if isinstance(answer, Outcome):
        return answer
    if isinstance(answer, WorkerError):
        return Outcome(path, error=f"{path}: failed to build: {answer}", detail=answer.detail)
    if isinstance(answer, OverBudget):
        return Outcome(path, error=f"{path}: stopped: {answer}")
    if isinstance(answer, GuideError):
        return Outcome(path, error=str(answer))
    assert isinstance(answer, WorkerDied)
    return Outcome(path, error=f"{path}: failed to build: {answer}")


def _remove_temporary_files(out_dir: Path, guide_path: Path) -> None:
    slug = slugify(guide_path.stem)
    for extension in FORMATS:
        for temporary in out_dir.glob(f".{slug}.{extension}.*.part"):
            temporary.unlink(missing_ok=True)
