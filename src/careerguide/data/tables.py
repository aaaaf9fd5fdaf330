"""One table from a publisher's file: the Excel edition (.xlsx), tab-separated text or CSV.

Every file is read once, through the gate, whole; its first row is the header. Columns are
found by their header text (case, spaces and punctuation ignored), never by position, so a
column added or moved by the publisher changes nothing. A missing column or an unreadable
file is a `GuideError` naming the file.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import gate
from ..core.errors import GuideError, Problem, refusal

LIMIT = 256 * 1024 * 1024  # bytes: the largest O*NET or BLS file is about 80 MB as text
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
    """`folder/name.xlsx`, `.txt` or `.csv`, whichever exists first."""
    for suffix in EDITIONS:
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
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
            rows = list(csv.reader(io.StringIO(text)))
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise GuideError(Problem.about(path, "is empty; expected a header row and data rows"))
    header = tuple(str(cell).strip() for cell in rows[0])
    return Table(path, header, rows[1:])


def _workbook_rows(path: Path, data: bytes) -> Sequence[Sequence[Cell]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own errors for a damaged workbook
        raise GuideError(
            Problem.about(path, f"is not a readable Excel workbook ({error})")
        ) from None


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
