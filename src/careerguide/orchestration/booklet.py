"""Build a booklet in parts: the careers laid out side by side by worker processes, then joined.

Laid out as one document, a booklet of 200 careers took 2.8 GB and six minutes on one
core, and the memory grew with every career. Here each career is laid out on its own, by
the worker pool `build --jobs` uses, and written to a temporary folder beside the
booklet; the parent holds only titles and page counts, and joins the parts from their
files (`render.join`), one at a time. The steps:

0. The guides are read once for what their careers share (`layouts.booklet.Shared`: the
   sources listed once in "About the data", the pay scale every salary chart uses).
1. Each career becomes a part: its pages from a right-hand one, ending on a left-hand one
   (a blank back, printed as a notes page, if need be), without its footer, since its page
   numbers are not known; and its row of the at-a-glance table.
2. The cover, contents, at-a-glance table and "About the data", with the page each career
   starts on. Those follow the front matter's own pages, whose count the contents' numbers
   can change (a wider number can wrap a line), so it is laid out again until it has the
   count its numbers assumed: once or twice.
3. Each career's footer (the booklet's title and its page numbers, counted straight
   through, on the outer corner) is laid out in the booklet's footer style on otherwise
   transparent pages and stamped over its pages, but not over its blank back.
4. The parts are joined: one bookmark per career with its sections under it (each part's
   own), each part's links and named destinations kept, the contents linked to the
   careers' first pages. The booklet is written whole or not at all, and the temporary
   folder is removed however the build ends.

A guide that fails to load or to lay out is reported and left out; the others still make
the booklet. Tagged and archival booklets are laid out as one document
(`write_whole_booklet`; `layouts.booklet` says why).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import GuideError, Problem
from ..guidefile.load import load_guide
from ..guidefile.model import Guide, Source
from ..layouts.base import fetcher_for, refusals
from ..layouts.booklet import (
    LINK_SCHEME,
    Entry,
    Shared,
    anchors,
    booklet_title,
    compose_booklet,
    compose_career,
    compose_front,
    compose_numbers,
    glance,
    majority_language,
    shared_across,
)
from ..render.write import atomic_file, refuse_non_regular, temporary_folder, write_atomic
from ..settings.model import Settings
from .batch import budget
from .outcome import Outcome, captured
from .workers import Budget, OverBudget, WorkerDied, WorkerError, WorkerPool, budgeted

if TYPE_CHECKING:
    from ..render.fetcher import SandboxedFetcher
    from ..render.pages import LaidOut
    from ..render.pdf import PdfRenderer

# Memory a tagged or archival booklet (one document) may use per career, beyond the budget
# of one guide: one document of 200 careers took 2.8 GB.
WHOLE_MEGABYTES_PER_CAREER = 16

# The front matter is laid out first as if it took this many pages (cover, blank back,
# contents, blank back), which a booklet of a few careers has.
FRONT_PAGES_GUESS = 4
FRONT_LAYOUTS = 4  # the count settles on the second layout; more means something is wrong


@dataclass
class BookletOutcome:
    """What the booklet holds and which guides were left out."""

    target: Path
    careers: list[str] = field(default_factory=list)
    failures: list[Outcome] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    written: bool = False


@dataclass(frozen=True)
class CareerTask:
    """Lay out one career as part `index` of the booklet."""

    index: int
    path: Path
    anchor: str
    shared: Shared = field(default_factory=Shared)


@dataclass
class Part:
    """A career laid out: its part's PDF, its pages (blank back included) and how many of
    them carry the footer."""

    index: int
    path: Path
    anchor: str
    title: str
    language: str
    pdf: Path
    pages: int
    numbered: int
    warnings: list[Problem] = field(default_factory=list)
    glance: dict[str, str] = field(default_factory=dict)  # its row of the at-a-glance table


@dataclass(frozen=True)
class FrontTask:
    """Lay out the cover and contents with these entries, whose page numbers assume the
    front matter takes `pages` pages; write it only if it does."""

    careers: tuple[Entry, ...]
    pages: int
    title: str | None
    base: Path  # a guide whose folder relative URLs (a theme's) resolve against
    about: tuple[Source, ...] = ()  # the sources the careers share


@dataclass(frozen=True)
class NumbersTask:
    """Stamp the booklet's footer over a part's pages, numbered from `first`; the last
    part leaves its blank back out, as the booklet ends on its last career's last page."""

    part: Part
    first: int
    title: str
    language: str
    last: bool


class PartMaker:
    """Lays out the parts of one booklet, in a worker process or in this one; the theme is
    parsed once per process for all the parts it lays out."""

    def __init__(
        self, settings: Settings, folder: Path, *, allow_network: bool, today: date
    ) -> None:
        self.settings, self.folder = settings, folder
        self.allow_network, self.today = allow_network, today
        self._renderer: PdfRenderer | None = None

    def __call__(self, task: CareerTask | FrontTask | NumbersTask) -> Any:
        if isinstance(task, CareerTask):
            return self.career(task)
        if isinstance(task, FrontTask):
            return self.front(task)
        return self.numbers(task)

    @property
    def front_pdf(self) -> Path:
        return self.folder / "front.pdf"

    def career(self, task: CareerTask) -> Part | Outcome:
        """The career's part, or the outcome saying why it cannot be one."""
        failed = Outcome(task.path)
        with captured(failed, task.path):
            guide = load_guide(task.path)
            page = compose_career(
                guide, self.settings, anchor=task.anchor, today=self.today, shared=task.shared
            )
            fetcher = self._fetcher(task.path)
            document = self._lay_out(page, task.path, fetcher)
            # The career's last page holds its end marker; the pages after it are its blank
            # back (if any) and the page the part's end moved to, which is left out.
            last = _last_page(document, f"{task.anchor}--end")
            pdf = self.folder / f"part-{task.index:05d}.pdf"
            pdf.write_bytes(self._write(document, len(document) - 1))
            return Part(
                task.index,
                task.path,
                task.anchor,
                guide.career.title,
                guide.career.language,
                pdf,
                pages=len(document) - 1,
                numbered=last + 1,
                warnings=refusals(task.path, fetcher),
                glance=glance(guide),
            )
        return failed

    def front(self, task: FrontTask) -> tuple[int, list[str]]:
        """Lay out the cover and contents, and write them to `front_pdf` if they take the
        pages their numbers assumed: their page count, and the URLs refused."""
        page = compose_front(
            task.careers, self.settings, title=task.title, today=self.today, about=task.about
        )
        fetcher = self._fetcher(task.base)
        document = self._lay_out(page, task.base, fetcher)
        pages = len(document) - 1  # the last is where the part's end moved to
        if pages == task.pages:  # else its numbers are wrong, and drawing it is wasted
            self.front_pdf.write_bytes(self._write(document, pages))
        return pages, list(fetcher.refused)

    def numbers(self, task: NumbersTask) -> None:
        """Stamp the footer over the part's pages, its blank back left blank."""
        from ..render.join import stamp

        part = task.part
        numbers = range(task.first, task.first + part.numbered)
        page = compose_numbers(self.settings, numbers, title=task.title, language=task.language)
        document = self._lay_out(page, part.path, self._fetcher(part.path))
        keep = part.numbered if task.last else None
        stamp(part.pdf, self._write(document, len(document)), keep=keep)

    def _fetcher(self, guide_path: Path) -> "SandboxedFetcher":
        return fetcher_for([guide_path], self.settings, self.allow_network)

    def _lay_out(self, page: Any, guide_path: Path, fetcher: "SandboxedFetcher") -> "LaidOut":
        from ..render.pdf import PdfRenderer

        self._renderer = self._renderer or PdfRenderer()
        return self._renderer.lay_out(page, base_dir=guide_path.parent, fetcher=fetcher)

    @staticmethod
    def _write(document: "LaidOut", pages: int) -> bytes:
        return document.head(pages).write()


def _last_page(document: "LaidOut", end: str) -> int:
    """The index of the page holding the anchor `end`, which is then taken out of the PDF."""
    number = document.take_anchor(end)
    if number is not None:
        return number
    # A project's own booklet.html.j2, copied before booklets were built in parts.
    missing = (
        f"the booklet template must end each career with the anchor #{end}, as the bundled one does"
    )
    raise GuideError(Problem.about("", missing))


Run = Callable[[list[Any]], Iterator[tuple[Any, Any]]]


def build_booklet(
    guide_paths: list[Path],
    target: Path,
    settings: Settings,
    *,
    title: str | None = None,
    allow_network: bool = False,
    today: date | None = None,
    jobs: int = 1,
) -> BookletOutcome:
    """Write the booklet of every guide that loads and lays out to `target`, its careers
    laid out by `jobs` processes; failures land in the outcome."""
    today = today or date.today()
    if settings.pdf_variant is not None:
        return _whole_booklet(guide_paths, target, settings, title, allow_network, today)
    outcome = BookletOutcome(target)
    written = Outcome(target)
    with captured(written, target):
        refuse_non_regular(target)  # before laying out a single career
        shared = shared_across(_readable(guide_paths))
        tasks = [
            CareerTask(index, path, anchor, shared)
            for index, (path, anchor) in enumerate(
                zip(guide_paths, anchors(guide_paths), strict=True)
            )
        ]
        with temporary_folder(target) as folder:
            maker = PartMaker(settings, folder, allow_network=allow_network, today=today)
            # Each step has worker processes of its own, each career (and the front matter)
            # held to the budget: what a worker kept of the careers' layouts, or the
            # contents', is given back after its step.
            limits = budget(settings)
            with _workers(maker, min(jobs, len(tasks)), limits) as run:
                parts = _careers(run, tasks, outcome)
            if parts:
                with _workers(maker, 1, limits) as run:
                    starts, refused = _front(run, parts, title, shared.sources)
                outcome.warnings += [
                    Problem.about(target, f"refused to load {url}", "warning") for url in refused
                ]
                with _workers(maker, min(jobs, len(parts)), limits) as run:
                    _stamp(run, parts, starts, title)
                outcome.pages = _join(target, maker.front_pdf, parts)
                outcome.careers = [part.title for part in parts]
                outcome.written = True
    if written.error:
        outcome.failures.append(written)
    return outcome


def _whole_booklet(
    guide_paths: list[Path],
    target: Path,
    settings: Settings,
    title: str | None,
    allow_network: bool,
    today: date,
) -> BookletOutcome:
    """A tagged or archival booklet, laid out as one document (`write_whole_booklet`) in one
    worker, whose budget is the guide budget's time and memory scaled by the careers."""
    from ..render import pdf  # noqa: F401  (imported once here, inherited by the worker)

    one = budget(settings)
    count = max(1, len(guide_paths))
    limits = Budget(one.seconds * count, one.megabytes + WHOLE_MEGABYTES_PER_CAREER * count)

    def write(_: object) -> BookletOutcome:
        return write_whole_booklet(
            guide_paths, target, settings, title=title, allow_network=allow_network, today=today
        )

    with budgeted(limits, write) as run:
        try:
            return run("booklet")
        except (OverBudget, WorkerError, WorkerDied) as error:
            ended = "stopped" if isinstance(error, OverBudget) else "failed to build"
            outcome = BookletOutcome(target)
            outcome.failures.append(Outcome(target, error=f"{target}: {ended}: {error}"))
            return outcome


def _readable(guide_paths: list[Path]) -> Iterator[Guide]:
    """The guides that load (one that does not is reported when its part is laid out)."""
    for path in guide_paths:
        try:
            yield load_guide(path)
        except GuideError:
            continue


def _careers(run: Run, tasks: list[CareerTask], outcome: BookletOutcome) -> list[Part]:
    """The careers laid out, in the order given; each one that failed is in the outcome."""
    parts, failures = [], []
    for task, answer in run(tasks):
        if isinstance(answer, Part):
            parts.append(answer)
        else:
            failures.append((task.index, _failure(task.path, answer)))
    outcome.failures += [failure for _, failure in sorted(failures, key=lambda f: f[0])]
    parts.sort(key=lambda part: part.index)
    for part in parts:
        outcome.warnings += part.warnings
    return parts


def _failure(path: Path, answer: object) -> Outcome:
    if isinstance(answer, Outcome):
        return answer
    if isinstance(answer, WorkerError):
        return Outcome(path, error=f"{path}: failed to build: {answer}", detail=answer.detail)
    if isinstance(answer, GuideError):
        return Outcome(path, error=str(answer))
    if isinstance(answer, OverBudget):
        return Outcome(path, error=f"{path}: stopped: {answer}")
    return Outcome(path, error=f"{path}: failed to build: {answer}")


def _front(
    run: Run, parts: list[Part], title: str | None, about: tuple[Source, ...]
) -> tuple[list[int], list[str]]:
    """Lay out the cover and contents until their page count is the one their numbers
    assumed; the page each part starts on, and the URLs the front matter was refused."""
    front_pages = FRONT_PAGES_GUESS
    for _ in range(FRONT_LAYOUTS):
        starts = _starts(front_pages, parts)
        careers = tuple(
            Entry(part.title, part.anchor, part.language, start, **part.glance)
            for part, start in zip(parts, starts, strict=True)
        )
        [(_, answer)] = run([FrontTask(careers, front_pages, title, parts[0].path, about)])
        laid, refused = _result(answer)
        if laid == front_pages:
            return starts, refused
        front_pages = laid
    raise RuntimeError(f"the cover and contents took {front_pages} pages, and fewer or more before")


def _stamp(run: Run, parts: list[Part], starts: list[int], title: str | None) -> None:
    """Stamp each part's footer: the booklet's title and page numbers."""
    language = majority_language(part.language for part in parts)
    name = booklet_title(title, language)
    tasks = [
        NumbersTask(part, start, name, language, last=part is parts[-1])
        for part, start in zip(parts, starts, strict=True)
    ]
    for _, answer in run(tasks):
        _result(answer)


def _starts(front_pages: int, parts: list[Part]) -> list[int]:
    """The page each part starts on, after `front_pages` pages of front matter."""
    starts, page = [], front_pages + 1
    for part in parts:
        starts.append(page)
        page += part.pages
    return starts


def _result(answer: Any) -> Any:
    """A worker's answer, or the failure it stands for raised."""
    if isinstance(answer, OverBudget):
        raise GuideError(Problem.about("the cover and contents", f"stopped: {answer}"))
    if isinstance(answer, GuideError | WorkerError | WorkerDied):
        raise answer
    return answer


def _join(target: Path, front: Path, parts: list[Part]) -> int:
    """Join the front matter and the parts into `target`; its page count."""
    from ..render.join import PdfJoiner

    with atomic_file(target) as file:
        joiner = PdfJoiner(file, goto_scheme=LINK_SCHEME)
        joiner.append(front)
        for part in parts:
            joiner.append(part.pdf)
        joiner.finish()
    return joiner.pages


@contextmanager
def _workers(maker: PartMaker, processes: int, limits: Budget) -> Iterator[Run]:
    """Run tasks with `maker` in that many worker processes, each task held to `limits`."""
    from ..render import pdf  # noqa: F401  (imported once here, inherited by forked workers)

    with WorkerPool(max(1, processes), maker, limits) as pool:
        yield pool.run


def load_guides(guide_paths: list[Path], outcome: BookletOutcome) -> list[tuple[Path, Guide]]:
    """The guides that load; each one that does not is recorded as a failure."""
    loaded = []
    for path in guide_paths:
        try:
            loaded.append((path, load_guide(path)))
        except GuideError as error:
            outcome.failures.append(Outcome(path, error=str(error)))
    return loaded


def write_whole_booklet(
    guide_paths: list[Path],
    target: Path,
    settings: Settings,
    *,
    title: str | None,
    allow_network: bool,
    today: date,
) -> BookletOutcome:
    """Write the booklet of every guide that loads to `target` as one laid-out document;
    failures land in the outcome."""
    from ..render.pdf import lay_out

    outcome = BookletOutcome(target)
    guides = load_guides(guide_paths, outcome)
    if not guides:
        return outcome
    fetcher = fetcher_for([path for path, _ in guides], settings, allow_network)
    written = Outcome(target)
    with captured(written, target):
        page = compose_booklet(guides, settings, title=title, today=today)
        document = lay_out(
            page, base_dir=guides[0][0].parent, fetcher=fetcher, variant=settings.pdf_variant
        )
        write_atomic(target, document.write(settings.pdf_variant))
        outcome.careers = [guide.career.title for _, guide in guides]
        outcome.warnings = refusals(target, fetcher)
        outcome.pages = len(document)
        outcome.written = True
    if written.error:
        outcome.failures.append(written)
    return outcome
