"""The HTML handout in a real browser (headless Chromium), at desktop and phone widths.

Skipped where Chromium is not installed; `.ci/run` installs the Debian package.
Screenshots land in the session's temporary folder (printed on failure) for a person to
look at.
"""

import pytest
from PIL import Image

from chromium import CHROMIUM, Chromium
from helpers import THEMES

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} not found: install the Debian package `chromium` (bash .ci/run does)",
)

WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def browser():
    chromium = Chromium()
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def looks(browser, theme_build, tmp_path_factory):
    """(theme, width) -> (probe, screenshot path), each page opened once."""
    folder = tmp_path_factory.mktemp("screenshots")
    seen = {}

    def look(theme: str, width: int):
        if (theme, width) not in seen:
            shot = folder / f"{theme}-{width}.png"
            seen[theme, width] = browser.look(theme_build(theme)["html"], width, shot), shot
        return seen[theme, width]

    return look


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
def test_no_horizontal_scrolling(looks, theme, width):
    probe, shot = looks(theme, width)
    assert probe["innerWidth"] == width
    assert probe["scrollWidth"] <= probe["innerWidth"], shot


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
def test_every_section_is_visible_inside_the_window(looks, theme, width):
    probe, shot = looks(theme, width)
    assert len(probe["sections"]) == 19  # the title block and the bundled guide's 18 sections
    for section in probe["sections"]:
        assert section["visible"], (section, shot)
        assert section["left"] >= 0 and section["right"] <= width, (section, shot)


@pytest.mark.parametrize("theme", THEMES)
def test_fonts_are_loaded_not_substituted(looks, theme):
    probe, _ = looks(theme, 390)
    assert probe["fontsStatus"] == "loaded"
    assert not [face for face in probe["faces"] if face[3] == "error"]
    for selector, face, loaded in probe["used"]:
        assert loaded, f"{selector}: {face} is not loaded"
        assert "Source Sans Pro" in face or "Source Serif Pro" in face


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
def test_screenshot_is_the_whole_page(looks, theme, width):
    probe, shot = looks(theme, width)
    image = Image.open(shot)
    assert image.size == (width, probe["scrollHeight"])
    assert len(image.convert("L").getcolors(256) or []) > 16, "the page looks blank"
