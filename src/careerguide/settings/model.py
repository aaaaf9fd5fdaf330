"""What a counselor chooses about the output: layout, theme, paper, colour and branding.

Plain data handed from the CLI to compose and render; nothing here reads guides.
"""

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Literal

Paper = Literal["letter", "a4"]
PAPER_SIZES: dict[str, str] = {"letter": "letter", "a4": "A4"}
# The project settings file: found in the project folder, never taken for a guide.
SETTINGS_FILE = "careerguide.yaml"
# Tagged for screen readers (structure tree, language, alt text) or archival; the default
# (None) stays untagged, which is what a quick print needs.
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")


@dataclass(frozen=True)
class Branding:
    """The school's marks printed on page 1 and in the footer."""

    school: str | None = None
    logo_data_uri: str | None = None
    counselor: str | None = None
    contact: str | None = None
    footer_note: str | None = None


@dataclass(frozen=True)
class Settings:
    """Every choice that changes the output, besides the guide itself."""

    layout: str = "guide"
    theme: str = "classic"
    paper: Paper = "letter"
    accent: str | None = None  # "#rrggbb", checked by options.accent_colour
    extra_css: tuple[Path, ...] = ()
    project_dir: Path | None = None
    branding: Branding = field(default_factory=Branding)
    pdf_variant: str | None = None  # one of PDF_VARIANTS, or None for a plain PDF
    # The school's words in another language (a Spanish closing note and contact), by
    # language code; each holds only what differs from `branding`.
    by_language: tuple[tuple[str, Branding], ...] = ()
    # The budget of one guide (composed and rendered in a worker process): they change no
    # output, so they are left out of the repr the build cache hashes.
    time_limit: int = field(default=60, repr=False)  # seconds
    memory_limit: int = field(default=2048, repr=False)  # megabytes

    def branding_for(self, language: str) -> Branding:
        """The school's marks for a guide in `language`: `branding`, with that language's
        own words where careerguide.yaml gives them."""
        own = dict(self.by_language).get(language)
        if own is None:
            return self.branding
        given = {f.name: getattr(own, f.name) for f in fields(own) if getattr(own, f.name)}
        return replace(self.branding, **given)
