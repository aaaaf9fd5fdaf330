"""A handout per student: a roster CSV -> one PDF per student with the careers they chose.

The roster has a header row with the columns `student` (or first and last name, as a
school's export has them), `careers` and, optionally, `note` (a counselor's note printed
under the student's name). `careers` holds one or more guide file names (without `.yaml`)
or career titles, separated by semicolons, because commas already separate the CSV's
columns: `Ana Ruiz,nurse; Electricians,Ask about the open day`.

Each career is printed with the handout layout; the first carries "Prepared for NAME" and
the note. A career's handout starts on a right-hand page, so a packet printed on both
sides gives one sheet per career. A row with a mistake (no name, no career found) is
reported with the roster's file name and line number, and the other rows are still built;
a career not found in a row that names others is left out with a warning.

Each packet is laid out and written in a worker process under the guide budget, and
nothing of it is kept: `--combined` joins the students' files once they are written, so a
class of 300 needs the memory of one packet.
"""

import contextlib
import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import gate
from ..core.errors import GuideError, Problem
from ..core.labels import labels
from ..core.page import Page
from ..core.words import has_words, same_words, suggestions
from ..guidefile.load import load_guide
from ..guidefile.messages import did_you_mean
from ..guidefile.model import Guide, slugify
from ..layouts.base import Laid, fetcher_for, refusals
from ..layouts.handout import HandoutLayout
from ..render.pages import LaidOut
from ..render.write import atomic_file, write_atomic
from ..settings.model import PAPER_SIZES, Settings
from .batch import budget
from .outcome import Outcome, captured
from .workers import budgeted

if TYPE_CHECKING:
    import _csv

CAREER_SEPARATOR = ";"
SEPARATORS = (",", ";", "\t")  # between columns; the first wins a tie
MAX_ROSTER_BYTES = 5_000_000  # a school's whole enrolment is well under 1 MB
# Header names accepted for each column, compared without case or surrounding spaces. A
# school's export often splits the name: first and last name columns stand for `student`.
COLUMNS = {
    "student": ("student", "name", "student name", "full name"),
    "first": ("first name", "first", "firstname", "given name"),
    "last": ("last name", "last", "lastname", "surname", "family name"),
    "careers": ("careers", "career"),
    "note": ("note",),
}


@dataclass(frozen=True)
class Student:
    """One roster row: who, which careers (guide slugs) and an optional note."""

    name: str
    careers: tuple[str, ...]
    note: str | None
    line: int


def read_roster(path: Path) -> Iterator[Student | Problem]:
    """Each data row as a `Student`, or as a `Problem` naming its line when it is unusable.

    A roster that cannot be read at all (missing, not UTF-8, no usable header) raises
    GuideError: nothing could be built from it.
    """
    try:
        text = gate.read_text(path, gate.ANYWHERE, MAX_ROSTER_BYTES)
    except gate.Refused as refused:
        if refused.reason.startswith("is not UTF-8"):
            raise GuideError(
                Problem(path, "is not UTF-8 text; save the roster as CSV UTF-8")
            ) from None
        reason = refused.reason.removeprefix("is ")
        raise GuideError(Problem.about(path, f"cannot read the roster ({reason})")) from None
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=_separator(lines))
    columns, line = None, 1
    for row in _rows(path, reader):
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = _columns(path, row, start)
            continue
        yield _student(path, row, columns, start)
    if columns is None:
        raise GuideError(Problem(path, "the roster is empty; it needs a header row"))


def _separator(lines: list[str]) -> str:
    """The column separator, read from the header row: spreadsheets save "CSV" with commas,
    semicolons (Excel where the decimal mark is a comma) or tabs."""
    header = next((line for line in lines if line.strip()), "")
    return max(SEPARATORS, key=header.count)


def _rows(path: Path, reader: "_csv.Reader") -> Iterator[list[str]]:
    """The reader's rows; a row the csv module cannot read (a cell past its size limit)
    stops the roster with that line named."""
    try:
        yield from reader
    except csv.Error as error:
        message = f"the roster cannot be read past this line ({error})"
        raise GuideError(Problem(path, message, line=reader.line_num)) from None


def _columns(path: Path, header: list[str], line: int) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    found = {
        column: next((names.index(alias) for alias in aliases if alias in names), None)
        for column, aliases in COLUMNS.items()
    }
    named = found["student"] is not None or found["first"] is not None
    missing = [
        column
        for column, ok in (("student", named), ("careers", found["careers"] is not None))
        if not ok
    ]
    if missing:
        raise GuideError(
            Problem(
                path,
                "the header row needs the columns student (or first name and last name) and "
                f"careers (missing {', '.join(missing)};"
                f" found {', '.join(cell for cell in header if cell.strip()) or 'nothing'})",
                line=line,
            )
        )
    return {column: index for column, index in found.items() if index is not None}


def _student(path: Path, row: list[str], columns: dict[str, int], line: int) -> Student | Problem:
    def cell(column: str) -> str:
        index = columns.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    name = cell("student") or " ".join(filter(None, (cell("first"), cell("last"))))
    slugs = [slug.strip().removesuffix(".yaml") for slug in cell("careers").split(CAREER_SEPARATOR)]
    careers = tuple(dict.fromkeys(slug for slug in slugs if slug))  # each career once, in order
    if not name:
        return Problem(path, "student: the name is empty", line=line)
    if not careers:
        return Problem(path, f"careers: no career for {name}", line=line)
    return Student(name, careers, cell("note") or None, line)


def student_file_name(student: Student) -> str:
    """`<slug of the name>.pdf`; a name with no Latin letters or digits falls back to its line."""
    latin = unicodedata.normalize("NFKD", student.name).encode("ascii", "ignore").decode()
    stem = slugify(student.name) if any(ch.isalnum() for ch in latin) else f"student-{student.line}"
    return f"{stem}.pdf"


class _Packets:
    """Lays out handouts for a roster's students, reusing what every student shares.

    A career's handout is the same for every student except on the first career of each
    packet (it carries the name), so the shared ones are laid out once per roster.
    """

    def __init__(self, guides: dict[str, Path], settings: Settings, allow_network: bool) -> None:
        self.guide_paths = guides
        self.layout = HandoutLayout(settings)
        self.settings = self.layout.settings
        self.allow_network = allow_network
        self.loaded: dict[str, Guide | GuideError] = {}
        self.shared: dict[str, Laid] = {}
        self._blank: LaidOut | None = None
        self._titles: dict[str, str] | None = None

    def guide(self, slug: str) -> Guide:
        if slug not in self.loaded:
            try:
                self.loaded[slug] = load_guide(self.guide_paths[slug])
            except GuideError as error:
                self.loaded[slug] = error
        found = self.loaded[slug]
        if isinstance(found, GuideError):
            raise found
        return found

    def handout(self, slug: str, student: Student | None, warnings: list[Problem]) -> Laid:
        """The laid-out handout of `slug`; personal (name and note) when `student` is given."""
        if student is None and slug in self.shared:
            return self.shared[slug]
        path = self.guide_paths[slug]
        fetcher = fetcher_for([path], self.settings, self.allow_network)
        variables = {"prepared_for": student.name, "note": student.note} if student else None
        laid = self.layout.lay_out(self.guide(slug), path, fetcher, variables)
        warnings += laid.warnings + refusals(path, fetcher)
        if student is None:
            self.shared[slug] = laid
        return laid

    def blank_page(self) -> LaidOut:
        """An empty page of the paper size: the back of a one-page handout."""
        if self._blank is None:
            from ..render.fetcher import SandboxedFetcher
            from ..render.pdf import lay_out

            size = PAPER_SIZES[self.settings.paper]
            page = Page(html=f"<style>@page {{ size: {size} }}</style>", title="", language="en")
            self._blank = lay_out(page, base_dir=Path.cwd(), fetcher=SandboxedFetcher([]))
        return self._blank

    def packet(self, student: Student, roster: Path, warnings: list[Problem]) -> LaidOut:
        """The student's handouts bound in one document, each starting on a right-hand page.

        Warnings about the student's own copy (the first career) name the roster's line.
        """
        handouts = []
        for index, slug in enumerate(student.careers):
            found: list[Problem] = []
            laid = self.handout(slug, student if index == 0 else None, found)
            if index == 0:
                found = [_on_line(problem, roster, student.line) for problem in found]
            warnings += found
            handouts.append(laid.document)
        words = labels(self.guide(student.careers[0]).career.language)
        titles = ", ".join(self.guide(slug).career.title for slug in student.careers)
        title = f"{words['prepared_for']} {student.name}: {titles}"
        return LaidOut.bound(handouts, self.blank_page, title)

    def titles(self) -> dict[str, str]:
        """Each guide's career title by file name, for careers named by title."""
        if self._titles is None:
            self._titles = {}
            for slug in self.guide_paths:
                try:
                    self._titles[slug] = self.guide(slug).career.title
                except GuideError:
                    continue  # reported if a row names it
        return self._titles

    def write(self, task: tuple[Student, Path, Path]) -> Outcome:
        """Lay out one student's packet and write it to `target` (in a worker process)."""
        student, roster, target = task
        outcome = Outcome(roster)
        with captured(outcome, f"{roster}:{student.line}"):
            packet = self.packet(student, roster, outcome.warnings)
            write_atomic(target, packet.write(self.settings.pdf_variant))
            outcome.written.append(target)
        return outcome

    def find(self, wanted: str) -> str:
        """The guide a row's career names: its file name, or words of its title ("nurse",
        "Registered Nurses"); ValueError says why none, in words."""
        for slug in (wanted, slugify(wanted)):
            if slug in self.guide_paths:
                return slug
        if any(mark in wanted for mark in "|,/"):
            raise ValueError(
                f"no guide named {wanted!r} (separate careers with {CAREER_SEPARATOR})"
            )
        titles = self.titles()
        for matches in (
            [slug for slug, title in titles.items() if same_words(wanted, title)],
            [slug for slug, title in titles.items() if has_words(wanted, title)],
        ):
            if len(matches) == 1:
                return matches[0]
            if matches:
                raise ValueError(
                    f"{wanted!r} matches {len(matches)} guides; name one: {', '.join(matches)}"
                )
        by_title = {title: slug for slug, title in titles.items()}
        close = [by_title[title] for title in suggestions(wanted, by_title, limit=3)]
        hint = (
            f" (did you mean {' or '.join(repr(slug) for slug in close)}?)"
            if close
            else did_you_mean(wanted, set(self.guide_paths))
        )
        raise ValueError(f"no guide named {wanted!r}{hint}")

    def check(
        self, roster: Path, row: Student, written: dict[str, int], warnings: list[Problem]
    ) -> Student:
        """The row with its careers as guide file names. A career that is unknown or broken
        is left out with a warning naming the row's line and the value, and the student's
        other careers are still built; with none left, GuideError names the line."""
        found: list[str] = []
        problems: list[list[Problem]] = []  # per career left out: the line, then details
        for wanted in row.careers:
            try:
                slug = self.find(wanted)
            except ValueError as unknown:
                problems.append([Problem(roster, f"careers: {unknown}", line=row.line)])
                continue
            try:
                self.guide(slug)
            except GuideError as error:
                message = f"careers: the guide {slug!r} has errors"
                problems.append([Problem(roster, message, line=row.line), *error.problems])
                continue
            if slug not in found:
                found.append(slug)
        if not found:
            raise GuideError([problem for group in problems for problem in group])
        for headline, *details in problems:
            message = f"{headline.message}; left out, the other careers built"
            warnings.append(replace(headline, message=message, level="warning"))
            warnings += [replace(detail, level="warning") for detail in details]
        row = replace(row, careers=tuple(found))
        name = student_file_name(row)
        if name in written:
            raise GuideError(
                Problem(
                    roster,
                    f"student: {row.name} would overwrite {name}, written for line"
                    f" {written[name]}; make the names differ",
                    line=row.line,
                )
            )
        return row


def build_roster(
    roster: Path,
    guide_paths: list[Path],
    out_dir: Path,
    settings: Settings,
    allow_network: bool = False,
    combined: Path | None = None,
) -> Iterator[Outcome]:
    """One PDF per roster row into `out_dir`, an outcome per row as each is written, and
    with `combined`, every packet in that one PDF too (one print job for the class).

    The roster is read at once, so one that cannot be used at all raises GuideError
    before anything is built.
    """
    rows = list(read_roster(roster))
    guides: dict[str, Path] = {}
    for path in guide_paths:
        guides.setdefault(slugify(path.stem), path)
    packets = _Packets(guides, settings, allow_network)
    return _build_rows(roster, rows, packets, out_dir, combined)


def _build_rows(
    roster: Path,
    rows: list[Student | Problem],
    packets: _Packets,
    out_dir: Path,
    combined: Path | None,
) -> Iterator[Outcome]:
    written: dict[str, int] = {}
    files: list[Path] = []
    with budgeted(budget(packets.settings), packets.write) as write:
        for row in rows:
            if isinstance(row, Problem):
                yield Outcome(roster, error=str(row))
                continue
            outcome = Outcome(roster)
            with captured(outcome, f"{roster}:{row.line}"):
                row = packets.check(roster, row, written, outcome.warnings)
                target = out_dir / student_file_name(row)
                made: Outcome = write((row, roster, target))
                made.warnings[:0] = outcome.warnings  # the row's own, found here
                outcome = made
                if not outcome.error:
                    written[target.name] = row.line
                    files.append(target)
            yield outcome
    if combined is not None and files:
        outcome = Outcome(roster)
        with captured(outcome, combined):
            _join_files(files, combined)
            outcome.written.append(combined)
        yield outcome


def _join_files(files: list[Path], combined: Path) -> None:
    """The students' PDFs in one, each starting on a right-hand page (a blank back after a
    packet of odd length), read back from their files rather than kept in memory."""
    import pikepdf

    with pikepdf.new() as joined, contextlib.ExitStack() as parts:
        for path in files:
            part = parts.enter_context(pikepdf.open(path))
            if len(joined.pages) % 2:
                box = joined.pages[-1].mediabox
                joined.add_blank_page(page_size=(float(box[2]), float(box[3])))
            joined.pages.extend(part.pages)
        joined.docinfo["/Title"] = combined.stem  # not the first student's "Prepared for"
        with atomic_file(combined) as file:
            joined.save(file)


def _on_line(problem: Problem, roster: Path, line: int) -> Problem:
    """A problem of a student's copy, placed at their roster line with its guide as the field."""
    return replace(problem, path=roster, line=line, col=None, field=str(problem.path))
