"""QR codes decode to their URL where a student would scan them: on the rendered page."""

from pathlib import Path

import pytest
from weasyprint import HTML

from careerguide.compose.qr import qr_data_uri
from careerguide.guidefile.load import load_guide
from helpers import BUNDLED, page_texts, qr_codes


@pytest.mark.parametrize(
    "url",
    [
        "https://a.io",  # short enough for a Micro QR, which phones do not read
        "https://www.bls.gov/ooh/healthcare/registered-nurses.htm?utm=one&x=%C3%A9#pay",
        "mailto:counselor@school.example?subject=Career%20guide",
    ],
)
def test_a_code_decodes_to_its_url(tmp_path: Path, url: str):
    assert 'width="' not in qr_data_uri(url)  # sized by the page's CSS, not the file
    html = f'<img src="{qr_data_uri(url)}" style="width: 0.8in" alt="">'
    pdf = tmp_path / "qr.pdf"
    HTML(string=html).write_pdf(pdf)
    assert qr_codes(pdf) == [url]


def test_the_full_guide_prints_a_code_per_link(bundled_build):
    links = [link.url for link in load_guide(BUNDLED).links]
    texts = page_texts(bundled_build["pdf"])
    page = next(number for number, text in enumerate(texts, 1) if "\nLearn more\n" in f"\n{text}")
    assert qr_codes(bundled_build["pdf"], page) == links
