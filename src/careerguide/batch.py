"""Build guides: find them, run each through load -> compose -> render -> write.

One broken guide never stops the others: its problem is recorded in its `Outcome` and the
batch goes on, so the CLI can report every failure and exit 1. Many guides are spread over
worker processes (`workers`), guides whose inputs and outputs are unchanged are skipped
(`buildcache`), and `Shard` picks a stable slice of a folder for one machine of many.
"""

import hashlib
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .buildcache import BuildCache, fingerprint
from .compose import compose
from .errors import GuideError
from .fonts import font_dirs
from .handout import handout_pdf, handout_variables
from .load import load_guide
from .model import slugify
from .resources import bundled
from .settings import Settings
from .workers import WorkerDied, WorkerError, WorkerPool
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
    unchanged: list[Path] = field(default_factory=list)  # outputs kept from an earlier build

    @property
    def status(self) -> str:
        """One of failed, unchanged or built."""
        if self.error:
            return "failed"
        return "unchanged" if self.unchanged and not self.written else "built"


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


def default_jobs() -> int:
    """Worker processes when none are asked for: the CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Shard:
    """Slice `index` of `count` (1-based): each guide belongs to exactly one slice.

    The slice is chosen by a hash of the guide's path relative to the current folder, so
    it is the same on every machine and in every run, and adding a guide moves no other.
    """

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> "Shard":
        """`K/N` as given to --shard."""
        index, _, count = text.partition("/")
        if index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count):
            return cls(int(index), int(count))
        raise GuideError(f"--shard: expected K/N with 1 <= K <= N (such as 2/4), got {text!r}")

    def holds(self, guide_path: Path) -> bool:
        """Whether the guide belongs to this slice."""
        name = guide_path.as_posix()
        if guide_path.is_absolute() and guide_path.is_relative_to(Path.cwd()):
            name = guide_path.relative_to(Path.cwd()).as_posix()
        number = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")
        return number % self.count == self.index - 1

    def select(self, guide_paths: Iterable[Path]) -> list[Path]:
        """The guides of this slice, in their given order."""
        return [path for path in guide_paths if self.holds(path)]


def readable_roots(guide_path: Path, settings: Settings) -> list[Path]:
    """Folders (and files) the renderer may read for this guide."""
    roots = [guide_path.parent, bundled("templates"), bundled("styles"), *font_dirs()]
    if settings.project_dir is not None:
        roots.append(settings.project_dir)
    return roots + list(settings.extra_css)


class Builder:
    """Builds guides with one set of options, keeping what they share (the parsed theme,
    the font configuration) from one guide to the next."""

    def __init__(
        self,
        out_dir: Path,
        settings: Settings,
        formats: tuple[str, ...] = FORMATS,
        allow_network: bool = False,
    ) -> None:
        self.out_dir, self.settings = out_dir, settings
        self.formats, self.allow_network = formats, allow_network
        self._renderer = None

    def build(self, guide_path: Path) -> Outcome:
        """Build one guide into `out_dir/<slug>.<format>`; failures land in the outcome."""
        outcome = Outcome(guide_path)
        try:
            guide = load_guide(guide_path)
            slug = slugify(guide_path.stem)
            settings = self.settings
            handout = settings.layout == "handout"
            if "html" in self.formats:
                variables = handout_variables(guide) if handout else None
                page = compose(guide, settings, for_print=False, variables=variables)
                target = self.out_dir / f"{slug}.html"
                write_atomic(target, page.html.encode("utf-8"))
                outcome.written.append(target)
            if "pdf" in self.formats:
                from .render import PdfRenderer, SandboxedFetcher

                fetcher = SandboxedFetcher(
                    readable_roots(guide_path, settings), allow_network=self.allow_network
                )
                if handout:
                    pdf, warnings = handout_pdf(guide, guide_path, settings, fetcher)
                    outcome.warnings += warnings
                else:
                    self._renderer = self._renderer or PdfRenderer()
                    page = compose(guide, settings, for_print=True, inline_css=False)
                    pdf = self._renderer.render(
                        page,
                        base_dir=guide_path.parent,
                        fetcher=fetcher,
                        variant=settings.pdf_variant,
                    )
                outcome.warnings += [
                    f"{guide_path}: warning: refused to load {url}" for url in fetcher.refused
                ]
                target = self.out_dir / f"{slug}.pdf"
                write_atomic(target, pdf)
                outcome.written.append(target)
        except GuideError as error:
            outcome.error = str(error)
        except Exception as error:  # a bug or a renderer failure: report it, keep the batch going
            outcome.error = f"{guide_path}: failed to build: {type(error).__name__}: {error}"
            outcome.detail = traceback.format_exc()
        return outcome


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

    Guides the cache knows to be unchanged are not rebuilt unless `force`. The others are
    built in this process when there is only one, else by `jobs` worker processes. Closing
    the iterator early (Ctrl-C) stops the workers and keeps the cache of what was built.
    """
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
            cache.record(outcome.source, keys[outcome.source], outcome.written)
            yield outcome
    finally:
        cache.save()


def _build(
    builder: Builder, guide_paths: list[Path], jobs: int, started: Callable[[Path], None] | None
) -> Iterator[Outcome]:
    if len(guide_paths) <= 1:
        for path in guide_paths:
            if started is not None:
                started(path)
            yield builder.build(path)
        return
    if "pdf" in builder.formats:
        from . import render  # noqa: F401  (imported once here, inherited by forked workers)
    in_flight: set[Path] = set()

    def start(path: Path) -> None:
        in_flight.add(path)
        if started is not None:
            started(path)

    with WorkerPool(min(jobs, len(guide_paths)), builder.build) as pool:
        try:
            for path, answer in pool.run(guide_paths, start):
                in_flight.discard(path)
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
    assert isinstance(answer, WorkerDied)
    return Outcome(path, error=f"{path}: failed to build: {answer}")


def _remove_temporary_files(out_dir: Path, guide_path: Path) -> None:
    slug = slugify(guide_path.stem)
    for extension in FORMATS:
        for temporary in out_dir.glob(f".{slug}.{extension}.*.part"):
            temporary.unlink(missing_ok=True)
