"""The Markdown subset: bold, italics, links and lists render; HTML and unsafe links do not."""

import pytest
from pypdf import PdfReader

from careerguide.core.markup import block, inline, is_safe_url, link_targets
from helpers import build


def test_bold_italics_and_links_render_inline():
    assert inline("**bold**, *italic*, _also_ and [BLS](https://www.bls.gov)") == (
        '<strong>bold</strong>, <em>italic</em>, <em>also</em> and <a href="https://www.bls.gov">BLS</a>'
    )
    assert inline("[write](mailto:counselor@school.org)") == (
        '<a href="mailto:counselor@school.org">write</a>'
    )


def test_lists_and_paragraphs_render_as_blocks():
    assert block("Intro.\n\n- one\n- **two**\n\n1. first\n2. second") == (
        "<p>Intro.</p>\n<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n"
        "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"
    )


@pytest.mark.parametrize(
    "html",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>bold</b>", "<!-- c -->"],
)
def test_raw_html_is_shown_as_text(html):
    rendered = block(f"Before {html} after")
    assert "<" not in rendered.removeprefix("<p>").removesuffix("</p>")
    assert "&lt;" in rendered


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "page.html",
    ],
)
def test_links_other_than_http_and_mailto_stay_plain_text(url):
    rendered = inline(f"[click]({url})")
    assert "<a" not in rendered and "href" not in rendered
    assert "[click]" in rendered
    assert not is_safe_url(url)
    assert link_targets(f"see [click]({url})") == [url]


def test_headings_quotes_and_images_are_not_in_the_subset():
    assert block("# Title") == "<p># Title</p>"
    assert block("> quoted") == "<p>&gt; quoted</p>"
    assert "<img" not in inline("![logo](https://example.org/logo.png)")


def test_links_in_guide_text_are_clickable_in_the_pdf(write_guide, tmp_path):
    path = write_guide(
        "career:\n  title: Nurse\n"
        "  summary: 'Read **the** [BLS page](https://www.bls.gov/ooh/) or [this](javascript:x()).'\n"
    )
    pdf = build(path, tmp_path / "out", formats=("pdf",)).written[0]
    uris = [
        annot.get_object()["/A"].get("/URI")
        for page in PdfReader(pdf).pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    ]
    assert uris == ["https://www.bls.gov/ooh/"]
