"""One table from a publisher's file: the Excel edition (.xlsx), tab-separated text or CSV.

Every file is read once, through the gate, whole; its first row is the header. Columns are
found by their header text (case, spaces and punctuation ignored), never by position, so a
column added or moved by the publisher changes nothing. A missing column or an unreadable
file is a `GuideError` naming the file.

A file may come from anywhere (a download, a colleague's folder), and the Excel reader
allocates a sheet's whole grid at once and aborts the process when it cannot: so before a
workbook is parsed, what it unpacks to (counted while unpacking, not as its header claims)
and the grid its sheets declare or use are bounded; a CSV field is bounded too. A file in
an O*NET folder is read only if it really is in that folder (a link inside it is refused).
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import gate
from ..core.errors import GuideError, Problem, refusal

LIMIT = 256 * 1024 * 1024  # bytes: the largest O*NET or BLS file is about 80 MB as text
# What a workbook may unpack to, and the cells its sheets may span: O*NET's largest sheet
# (Skills) unpacks to 35 MB and spans 15 columns by 61,531 rows, under a million cells.
MAX_UNPACKED = 1024 * 1024 * 1024
MAX_CELLS = 20_000_000
MAX_FIELD = 131_072  # characters in one CSV field (Python's own default)
EDITIONS = (".xlsx", ".txt", ".csv")  # the forms a table is looked for in, in this order

# A workbook's cells may also be dates, times and durations (read as text where a column
# expects text, and as no number).
Cell = str | float | int | datetime.date | datetime.time | datetime.timedelta | None


def key(header: object) -> str:
    """A header reduced to lowercase letters and digits: `O*NET-SOC Code` -> `onetsoccode`."""
    return re.sub(r"[^a-z0-9]", "", str(header).lower())


@dataclass(frozen=True)
class Table:
    """A file's header and rows, as read."""

    path: Path
    header: tuple[str, ...]
    rows: Sequence[Sequence[Cell]]

    def find(self, *names: str, prefix: bool = False) -> int | None:
        """Index of the first column whose header is one of `names` (or starts with one)."""
        keys = [key(header) for header in self.header]
        for name in names:
            for index, found in enumerate(keys):
                if found == key(name) or (prefix and found.startswith(key(name))):
                    return index
        return None

    def column(self, *names: str, prefix: bool = False) -> int:
        """`find`, or a `GuideError` naming the file and the column it lacks."""
        index = self.find(*names, prefix=prefix)
        if index is None:
            raise GuideError(
                Problem.about(self.path, f"no column {names[0]!r} in its first row (the header)")
            )
        return index

    def records(self, *columns: int | None) -> Iterator[tuple[Cell, ...]]:
        """The cells of `columns` in every row (None for a column absent or past a short row)."""
        for row in self.rows:
            yield tuple(
                row[index] if index is not None and index < len(row) else None for index in columns
            )


def find_table(folder: Path, name: str) -> Path | None:
    """`folder/name.xlsx`, `.txt` or `.csv`, whichever exists first; a link in `folder` to a
    file outside it is a `GuideError`: the folder is the only place its files are read from."""
    for suffix in EDITIONS:
        path = folder / f"{name}{suffix}"
        if path.is_file():
            try:
                gate.resolve(path, [folder], where=f"its folder {folder}")
                return path
            except gate.Refused as refused:
                raise refusal(refused) from None
    return None


def read_table(path: Path) -> Table:
    """The table in `path`: an Excel workbook's first sheet, tab-separated text or CSV."""
    try:
        data = gate.read(path, gate.ANYWHERE, LIMIT)
    except gate.Refused as refused:
        raise refusal(refused) from None
    suffix = path.suffix.lower()
    rows: Sequence[Sequence[Cell]]
    if suffix in (".xlsx", ".xlsm", ".xls"):
        rows = _workbook_rows(path, data)
    else:
        text = _decode(path, data)
        if suffix == ".txt" or ("\t" in text.partition("\n")[0] and suffix != ".csv"):
            rows = [line.split("\t") for line in text.splitlines()]
        else:
            rows = _csv_rows(path, text)
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise GuideError(Problem.about(path, "is empty; expected a header row and data rows"))
    header = tuple(str(cell).strip() for cell in rows[0])
    return Table(path, header, rows[1:])


def _csv_rows(path: Path, text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text))
    try:
        return list(reader)
    except csv.Error as error:  # a field past MAX_FIELD, a NUL byte
        raise GuideError(
            Problem(path, f"cannot be read as CSV ({error})", reader.line_num, None)
        ) from None


def _workbook_rows(path: Path, data: bytes) -> Sequence[Sequence[Cell]]:
    from python_calamine import CalamineWorkbook

    _check_workbook(path, data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own errors for a damaged workbook
        raise GuideError(
            Problem.about(path, f"is not a readable Excel workbook ({error})")
        ) from None


# A sheet's declared extent (`<dimension ref="A1:O61531"/>`), and the places of its rows
# and cells; the reader allocates the grid they span.
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')
_ROW = re.compile(rb'<row r="(\d{1,7})"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})')


def _check_workbook(path: Path, data: bytes) -> None:
    """A `GuideError` when the workbook unpacks to more than MAX_UNPACKED bytes or a sheet
    spans more than MAX_CELLS cells (declared or used): before the reader allocates them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = 0
        for entry in archive.infolist():
            unpacked += entry.file_size
            if unpacked > MAX_UNPACKED:
                raise _too_large(path)
            if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                unpacked = _check_sheet(path, archive, entry, unpacked - entry.file_size)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise GuideError(
            Problem.about(path, f"is not a readable Excel workbook ({error})")
        ) from None


def _check_sheet(
    path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, unpacked: int
) -> int:
    """Unpack one sheet a piece at a time, counting its bytes and the grid it spans; the
    bytes unpacked so far, this sheet's included."""
    rows = columns = 0
    tail = b""
    with archive.open(entry) as sheet:
        while piece := sheet.read(1 << 20):
            unpacked += len(piece)
            if unpacked > MAX_UNPACKED:
                raise _too_large(path)
            text = tail + piece
            for match in _DIMENSION.finditer(text):
                last_column, last_row = match[3] or match[1], match[4] or match[2]
                rows, columns = max(rows, int(last_row)), max(columns, _column(last_column))
            rows = max([rows, *(int(row) for row in _ROW.findall(text))])
            columns = max([columns, *(_column(c) for c in set(_CELL_COLUMN.findall(text)))])
            if rows * columns > MAX_CELLS:
                grid = f"{columns:,} columns by {rows:,} rows"
                raise GuideError(
                    Problem.about(
                        path, f"has a sheet of {grid}, more than {MAX_CELLS:,} cells to read"
                    )
                )
            tail = text[-64:]  # a tag cut in two by the piece's end is found whole next time
    return unpacked


def _column(letters: bytes) -> int:
    """A column's number from its letters: A -> 1, Z -> 26, AA -> 27, XFD -> 16,384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _too_large(path: Path) -> GuideError:
    return GuideError(
        Problem.about(path, f"unpacks to more than {MAX_UNPACKED // 1024**2:,} MB; not read")
    )


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark); older BLS and O*NET files are Latin-1."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def text(cell: Cell) -> str:
    """A cell as trimmed text; a whole number read as a float loses its `.0`."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def number(cell: Cell) -> float | None:
    """A cell as a number, or None for a blank or a marker (`*`, `**`, `#`, `N/A`, `-`)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    cleaned = text(cell).replace(",", "").replace("$", "").replace("%", "")
    try:
        return float(cleaned)
    except ValueError:
        return None
