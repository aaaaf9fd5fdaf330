"""Joining PDFs a part at a time: pages in order, links and bookmarks kept, footers stamped."""

from io import BytesIO

import pikepdf
from pypdf import PdfReader
from weasyprint import HTML

from careerguide.render.join import PdfJoiner, stamp
from helpers import outline_tree, page_texts

ANCHORS = 300  # more than one leaf of the joined name tree holds


def pdf(html: str) -> bytes:
    return HTML(string=f"<style>@page {{ size: A6 }}</style>{html}").write_pdf()


def named(reader: PdfReader, name: str) -> int:
    return reader.get_destination_page_number(reader.named_destinations[name]) + 1


def test_pages_links_and_bookmarks_survive_the_join(tmp_path):
    contents = tmp_path / "contents.pdf"
    contents.write_bytes(pdf('<p><a href="x-goto:entry-250">to 250</a></p>'))
    entries = tmp_path / "entries.pdf"
    entries.write_bytes(
        pdf(
            '<h1 style="bookmark-level: 1">Entries</h1><p><a href="#entry-299">last</a></p>'
            + "".join(
                f'<p id="entry-{n}" style="break-before: page">{n}</p>' for n in range(ANCHORS)
            )
        )
    )
    joined = tmp_path / "joined.pdf"
    with joined.open("wb") as out:
        joiner = PdfJoiner(out, goto_scheme="x-goto:")
        joiner.append(contents)
        joiner.append(entries)
        joiner.finish()
    assert joiner.pages == 2 + ANCHORS

    reader = PdfReader(joined)
    assert [text.strip() for text in page_texts(joined)[2:5]] == ["0", "1", "2"]
    assert all(named(reader, f"entry-{n}") == n + 3 for n in range(ANCHORS))
    [link] = reader.pages[0]["/Annots"]
    assert link.get_object()["/Dest"] == "entry-250" and "/A" not in link.get_object()
    [internal] = reader.pages[1]["/Annots"]
    assert named(reader, internal.get_object()["/Dest"]) == ANCHORS + 2
    assert outline_tree(joined) == [("Entries", 2, [])]
    with pikepdf.open(joined) as check:
        assert check.check_pdf_syntax() == []


def test_a_stamp_is_drawn_over_each_page_and_the_rest_left_out(tmp_path):
    part = tmp_path / "part.pdf"
    part.write_bytes(
        pdf("<p>one</p><p style='break-before: page'>two</p><p style='break-before: page'>")
    )
    stamps = pdf("<p>I</p><p style='break-before: page'>II</p>")
    stamp(part, stamps, keep=2)
    assert [text.split() for text in page_texts(part)] == [["one", "I"], ["two", "II"]]
    with pikepdf.open(BytesIO(part.read_bytes())) as check:
        assert check.check_pdf_syntax() == []
