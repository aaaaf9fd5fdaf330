"""Join: PDFs laid out apart -> one PDF, written a part at a time.

A booklet of a thousand careers is laid out as a thousand small PDFs (so no process ever
holds the whole booklet's layout) and joined here. pikepdf's own joining
(`pages.extend`) keeps every source open until it saves, since it reads their streams
then, and every copied object in memory: 1,000 guides took 700 MB. `PdfJoiner` instead
opens one part at a time, writes the objects its pages use straight to the output under
new numbers, and closes it; what it keeps is an offset per object and, for the end, the
bookmarks and named destinations (a few small values per page).

Each part keeps its own links: internal links name a destination (`/Dest (name)`), and
every part's named destinations are merged, so they must be unique across the parts (a
booklet prefixes every id with its career's). A link to `<goto_scheme>NAME` (the
contents page, which points into parts written after it) becomes a link to the named
destination NAME.
"""

import hashlib
import io
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote

import pikepdf

# Keys a page inherits from the page tree; the joined page tree is new, so each page
# carries its own.
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
# Named destinations per leaf of the joined name tree: readers look a name up by halving.
_NAMES_PER_LEAF = 128


def stamp(path: Path, stamps: bytes, *, keep: int | None = None) -> None:
    """Draw page N of the PDF `stamps` over page N of the PDF at `path`, rewriting it with
    only its first `keep` pages (all without `keep`).

    The stamps' pages must be transparent but for what they add (a page number).
    """
    with (
        pikepdf.open(path, allow_overwriting_input=True) as pdf,
        pikepdf.open(io.BytesIO(stamps)) as over,
    ):
        for page, mark in zip(pdf.pages, over.pages, strict=False):
            page.add_overlay(mark, rect=None)  # over the whole page
        if keep is not None:
            del pdf.pages[keep:]
        pdf.save(path)


@dataclass
class _Bookmark:
    title: bytes  # a PDF string, written
    target: bytes  # `/Dest [...]` or `/A <<...>>`, written with the joined numbers
    children: list["_Bookmark"] = field(default_factory=list)


class PdfJoiner:
    """Writes one PDF to `out` from the pages of PDFs appended one after another.

    The document's language and its information (title, author) come from the first PDF
    appended; the bookmarks are each PDF's own, one after the other.
    """

    def __init__(self, out: BinaryIO, *, goto_scheme: str | None = None) -> None:
        self._out, self._goto_scheme = out, goto_scheme
        self._digest = hashlib.md5(usedforsecurity=False)
        self._offsets: list[int | None] = [None]  # by object number; 0 is never used
        self._pages: list[int] = []
        self._bookmarks: list[_Bookmark] = []
        self._dests: list[tuple[bytes, bytes, bytes]] = []  # (name, as written, destination)
        self._language: bytes | None = None
        self._info: int | None = None
        self._written = 0
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self._tree = self._reserve()  # the page tree, written at the end
        # Per appended PDF: its objects' new numbers, and those still to be written.
        self._numbers: dict[tuple[int, int], int] = {}
        self._queue: deque[Any] = deque()
        self._page_keys: set[tuple[int, int]] = set()

    @property
    def pages(self) -> int:
        """Pages joined so far."""
        return len(self._pages)

    def append(self, path: Path) -> None:
        """Add every page of the PDF at `path`, with its links, bookmarks and destinations."""
        with pikepdf.open(path) as pdf:
            first = not self._pages
            self._numbers, self._queue = {}, deque()
            pages = [page.obj for page in pdf.pages]
            self._page_keys = {page.objgen for page in pages}
            for page in pages:
                self._pages.append(self._number(page))
            if first:
                language = pdf.Root.get("/Lang")
                self._language = language.unparse() if language is not None else None
                info = pdf.trailer.get("/Info")
                self._info = self._number(info) if info is not None else None
            names = pdf.Root.get("/Names")
            if names is not None and "/Dests" in names:
                for name, destination in pikepdf.NameTree(names.Dests).items():
                    key = pikepdf.String(name)
                    self._dests.append((bytes(key), key.unparse(), self._value(destination)))
            outlines = pdf.Root.get("/Outlines")
            if outlines is not None:
                self._bookmarks += self._outline(outlines.get("/First"))
            while self._queue:
                self._object(self._queue.popleft())

    def finish(self) -> None:
        """Write the page tree, bookmarks, destinations, catalog and cross-reference table."""
        kids = b" ".join(b"%d 0 R" % number for number in self._pages)
        self._put(self._tree, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(self._pages), kids))
        catalog = [b"/Type /Catalog", b"/Pages %d 0 R" % self._tree]
        if self._bookmarks:
            catalog.append(b"/Outlines %d 0 R" % self._outlines())
        if self._dests:
            catalog.append(b"/Names << /Dests %d 0 R >>" % self._name_tree())
        if self._language:
            catalog.append(b"/Lang " + self._language)
        root = self._reserve()
        self._put(root, b"<< " + b" ".join(catalog) + b" >>")
        self._trailer(root)

    # -- objects of the PDF being appended --

    def _number(self, obj: Any) -> int:
        """The joined number of an indirect object, queued to be written on first sight."""
        key = obj.objgen
        if key not in self._numbers:
            self._numbers[key] = self._reserve()
            self._queue.append(obj)
        return self._numbers[key]

    def _object(self, obj: pikepdf.Object) -> None:
        number = self._numbers[obj.objgen]
        if isinstance(obj, pikepdf.Stream):
            data = obj.read_raw_bytes()
            entries = self._entries(obj.stream_dict, skip={"/Length"})
            body = b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data)
        elif obj.objgen in self._page_keys and isinstance(obj, pikepdf.Dictionary):
            body = self._page(obj)
        else:
            body = self._value(obj, top=True)
        self._put(number, body)

    def _page(self, page: pikepdf.Dictionary) -> bytes:
        """A page under the joined page tree, with what it inherited from its own."""
        entries = [self._entries(page, skip={"/Parent", *_INHERITED})]
        for key in _INHERITED:
            value = _inherited(page, key)
            if value is not None:
                entries.append(pikepdf.Name(key).unparse() + b" " + self._value(value))
        entries.append(b"/Parent %d 0 R" % self._tree)
        return b"<< " + b" ".join(entries) + b" >>"

    def _value(self, value: Any, top: bool = False) -> bytes:
        """A value as PDF syntax, its references renumbered (an indirect object at `top`
        is the object itself, not a reference to it)."""
        if value is None:
            return b"null"
        if isinstance(value, bool):
            return b"true" if value else b"false"
        if isinstance(value, int):
            return b"%d" % value
        if isinstance(value, Decimal | float):
            return _real(value)
        if not top and value.is_indirect:
            return b"%d 0 R" % self._number(value)
        if isinstance(value, pikepdf.Dictionary):
            name = self._goto(value)
            if name is not None:
                dest = b"/Dest " + pikepdf.String(name).unparse()
                return b"<< " + self._entries(value, skip={"/A"}) + b" " + dest + b" >>"
            return b"<< " + self._entries(value) + b" >>"
        if isinstance(value, pikepdf.Array):
            return b"[ " + b" ".join(self._value(item) for item in value) + b" ]"
        return value.unparse()  # a name or a string

    def _entries(self, dictionary: pikepdf.Object, skip: Iterable[str] = ()) -> bytes:
        return b" ".join(
            pikepdf.Name(key).unparse() + b" " + self._value(value)
            for key, value in dictionary.items()
            if key not in skip
        )

    def _goto(self, dictionary: pikepdf.Dictionary) -> str | None:
        """NAME, when the dictionary is a link to `<goto_scheme>NAME`: it is written as a
        link to the named destination NAME."""
        action = dictionary.get("/A")
        if (
            self._goto_scheme is None
            or dictionary.get("/Subtype") != "/Link"
            or not isinstance(action, pikepdf.Dictionary)
            or action.get("/S") != "/URI"
        ):
            return None
        uri = str(action.URI)
        return (
            unquote(uri.removeprefix(self._goto_scheme))
            if uri.startswith(self._goto_scheme)
            else None
        )

    def _outline(self, item: pikepdf.Object | None) -> list[_Bookmark]:
        bookmarks = []
        while item is not None:
            if "/Dest" in item:
                target = b"/Dest " + self._value(item.Dest)
            else:
                target = b"/A " + self._value(item.A) if "/A" in item else b""
            children = self._outline(item.get("/First"))
            bookmarks.append(_Bookmark(item.Title.unparse(), target, children))
            item = item.get("/Next")
        return bookmarks

    # -- the joined document's own objects --

    def _outlines(self) -> int:
        root = self._reserve()
        first, last, count = self._bookmark_list(self._bookmarks, root)
        self._put(
            root,
            b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (first, last, count),
        )
        return root

    def _bookmark_list(self, bookmarks: list[_Bookmark], parent: int) -> tuple[int, int, int]:
        """Write sibling bookmarks (open); return the first's and last's numbers and how
        many bookmarks they show."""
        numbers = [self._reserve() for _ in bookmarks]
        shown = len(bookmarks)
        for index, (bookmark, number) in enumerate(zip(bookmarks, numbers, strict=True)):
            entries = [b"/Title " + bookmark.title, bookmark.target, b"/Parent %d 0 R" % parent]
            if index:
                entries.append(b"/Prev %d 0 R" % numbers[index - 1])
            if index + 1 < len(numbers):
                entries.append(b"/Next %d 0 R" % numbers[index + 1])
            if bookmark.children:
                first, last, count = self._bookmark_list(bookmark.children, number)
                entries.append(b"/First %d 0 R /Last %d 0 R /Count %d" % (first, last, count))
                shown += count
            self._put(number, b"<< " + b" ".join(entries) + b" >>")
        return numbers[0], numbers[-1], shown

    def _name_tree(self) -> int:
        """The named destinations of every part, as a name tree of sorted leaves."""
        # Sorted by their bytes, as a name tree must be; of two alike, the first appended.
        dests: list[tuple[bytes, bytes, bytes]] = []
        for entry in sorted(self._dests, key=lambda entry: entry[0]):
            if not dests or dests[-1][0] != entry[0]:
                dests.append(entry)
        root = self._reserve()
        if len(dests) <= _NAMES_PER_LEAF:
            self._put(root, b"<< /Names [ %s ] >>" % _pairs(dests))
            return root
        leaves = []
        for start in range(0, len(dests), _NAMES_PER_LEAF):
            leaf = dests[start : start + _NAMES_PER_LEAF]
            number = self._reserve()
            limits = b"/Limits [ %s %s ]" % (leaf[0][1], leaf[-1][1])
            self._put(number, b"<< %s /Names [ %s ] >>" % (limits, _pairs(leaf)))
            leaves.append(number)
        self._put(root, b"<< /Kids [ %s ] >>" % b" ".join(b"%d 0 R" % n for n in leaves))
        return root

    def _trailer(self, root: int) -> None:
        xref = self._written
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self._offsets)]
        offsets = [offset for offset in self._offsets[1:] if offset is not None]
        assert len(offsets) == len(self._offsets) - 1, "an object was numbered but never written"
        lines += [b"%010d 00000 n \n" % offset for offset in offsets]
        identifier = self._digest.hexdigest().encode()
        info = b" /Info %d 0 R" % self._info if self._info is not None else b""
        lines.append(
            b"trailer\n<< /Size %d /Root %d 0 R%s /ID [ <%s> <%s> ] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self._offsets), root, info, identifier, identifier, xref)
        )
        self._write(b"".join(lines))

    # -- writing --

    def _reserve(self) -> int:
        self._offsets.append(None)
        return len(self._offsets) - 1

    def _put(self, number: int, body: bytes) -> None:
        self._offsets[number] = self._written
        self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._digest.update(data)
        self._written += len(data)


def _inherited(page: Any, key: str) -> Any:
    """The page's own value for `key`, else the nearest one up its page tree."""
    node, seen = page, set()
    while node is not None and node.objgen not in seen:
        if key in node:
            return node[key]
        seen.add(node.objgen)
        node = node.get("/Parent")
    return None


def _real(value: Decimal | float) -> bytes:
    """A number as PDF writes reals: plain digits, never an exponent."""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.encode() if text not in ("", "-0") else b"0"


def _pairs(dests: list[tuple[bytes, bytes, bytes]]) -> bytes:
    return b" ".join(name + b" " + destination for _, name, destination in dests)
