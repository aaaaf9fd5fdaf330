"""Project settings: `careerguide.yaml` in the project folder, then command-line flags -> Settings.

A counselor writes the school's look once (theme, paper, accent, extra CSS, school name,
logo, counselor, contact, footer note) in `careerguide.yaml`; a flag on the command line
wins over the file. Both go through the same pydantic model, so a bad colour or a missing
logo reads the same from either: `careerguide.yaml:4:9: accent: ...` or `--accent: ...`,
exit 2, before anything is built. The logo is read here and handed on as a data URI:
compose never opens files beyond templates and styles, and the HTML stays self-contained.
"""

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from .batch import SETTINGS_FILE
from .errors import GuideError
from .load import load_model
from .settings import LAYOUTS, PAPER_SIZES, PDF_VARIANTS, Branding, Settings

MAX_LOGO_BYTES = 2_000_000
MIN_ACCENT_CONTRAST = 3.0  # WCAG's minimum for large text: the accent colours headings
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class ProjectFile(BaseModel):
    """The keys of `careerguide.yaml`; each is also a `careerguide build` flag."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    theme: str | None = Field(
        None,
        description="Theme: classic, mono, large-print, readable, or your own in styles/.",
        examples=["classic"],
    )
    layout: str | None = Field(None, description="Layout of each guide.", examples=["guide"])
    paper: str | None = Field(None, description="Paper size: letter or a4.", examples=["letter"])
    accent: str | None = Field(
        None,
        description='Accent colour: "#rgb", "#rrggbb" (in quotes) or a CSS colour name.',
        examples=["#1f5fa8"],
    )
    css: list[Path] = Field(
        default=[],
        description="Extra CSS files applied after the theme.",
        examples=[["school.css"]],
    )
    school: str | None = Field(
        None, description="School name, on page 1 and in the footer.", examples=["Lincoln High"]
    )
    logo: Path | None = Field(
        None, description="School logo for page 1: PNG, JPEG or SVG.", examples=["logo.png"]
    )
    counselor: str | None = Field(
        None, description='Printed on page 1 as "Prepared by ...".', examples=["Ms. Rivera"]
    )
    contact: str | None = Field(
        None, description="How students reach you.", examples=["Room 114 · rivera@example.org"]
    )
    footer_note: str | None = Field(
        None,
        description="A closing note printed after the last section.",
        examples=["Questions? Drop by the counseling office any lunchtime."],
    )
    pdf_variant: str | None = Field(
        None,
        description="pdf/ua-1 (tagged, for screen readers) or pdf/a-3b (archival).",
        examples=["pdf/ua-1"],
    )

    @field_validator("*", mode="before")
    @classmethod
    def _not_empty(cls, value: object, info: ValidationInfo) -> object:
        if value is None:  # `key:` with nothing after it, or `accent: #123` (# starts a comment)
            quote = (
                ' (a # colour needs quotes: accent: "#1f5fa8")'
                if info.field_name == "accent"
                else ""
            )
            raise ValueError(f"is empty{quote}")
        return value

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, theme: str, info: ValidationInfo) -> str:
        known = info.context["themes"]
        if theme not in known:
            raise ValueError(f"no theme {theme!r}; choose from {', '.join(known)}")
        return theme

    @field_validator("layout", "paper", "pdf_variant")
    @classmethod
    def _one_of(cls, value: str, info: ValidationInfo) -> str:
        choices = {"layout": LAYOUTS, "paper": tuple(PAPER_SIZES), "pdf_variant": PDF_VARIANTS}[
            str(info.field_name)
        ]
        if value not in choices:
            words = " or ".join(filter(None, [", ".join(choices[:-1]), choices[-1]]))
            raise ValueError(f"expected {words}, got {value!r}")
        return value

    @field_validator("accent")
    @classmethod
    def _colour(cls, accent: str) -> str:
        return accent_colour(accent)

    @field_validator("css", mode="after")
    @classmethod
    def _css_files(cls, paths: list[Path], info: ValidationInfo) -> list[Path]:
        resolved = [info.context["folder"] / path for path in paths]
        for path in resolved:
            if not path.is_file():
                raise ValueError(f"no such file {str(path)!r}")
        return resolved

    @field_validator("logo", mode="after")
    @classmethod
    def _logo_file(cls, path: Path, info: ValidationInfo) -> Path:
        path = info.context["folder"] / path
        logo_type(path)
        return path


def accent_colour(text: str) -> str:
    """`text` as "#rrggbb" if it is a hex or named CSS colour dark enough to read on white."""
    from tinycss2.color4 import parse_color

    text = text.strip()
    is_hex = re.fullmatch(r"#([0-9a-fA-F]{3}){1,2}", text)
    colour = parse_color(text) if is_hex or re.fullmatch(r"[a-zA-Z]+", text) else None
    if colour is None or isinstance(colour, str) or colour.alpha < 1:
        raise ValueError(f"{text!r} is not a colour; use #rgb, #rrggbb or a CSS name such as navy")
    red, green, blue = (round(channel * 255) for channel in colour.to("srgb").coordinates)
    contrast = 1.05 / (_luminance(red, green, blue) + 0.05)
    if contrast < MIN_ACCENT_CONTRAST:
        raise ValueError(
            f"{text!r} is too light to read on white paper (contrast {contrast:.1f}:1, "
            f"needs {MIN_ACCENT_CONTRAST:.0f}:1); choose a darker shade"
        )
    return f"#{red:02x}{green:02x}{blue:02x}"


def _luminance(*rgb: int) -> float:
    """WCAG relative luminance of an sRGB colour."""
    linear = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def logo_type(path: Path) -> str:
    """The logo's media type, checked against the file's first bytes, not only its name."""
    if not path.is_file():
        raise ValueError(f"no such file {str(path)!r}")
    media_type = LOGO_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise ValueError(f"{path.name}: use a PNG, JPEG or SVG file")
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise ValueError(
            f"{path.name} is over {MAX_LOGO_BYTES // 1_000_000} MB; use a smaller image"
        )
    head = path.read_bytes()[:512]
    looks_right = {
        "image/png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg": head.startswith(b"\xff\xd8\xff"),
        "image/svg+xml": b"<svg" in head or head.lstrip().startswith(b"<?xml"),
    }[media_type]
    if not looks_right:
        raise ValueError(f"{path.name} is not a {media_type.split('/')[1].upper()} image")
    return media_type


def data_uri(path: Path) -> str:
    """The file as a data URI, so the page carries its own image."""
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{logo_type(path)};base64,{encoded}"


@dataclass(frozen=True)
class Flags:
    """What the command line said; None (or empty) where a flag was not given."""

    theme: str | None = None
    layout: str | None = None
    paper: str | None = None
    accent: str | None = None
    css: tuple[Path, ...] = ()
    school: str | None = None
    logo: Path | None = None
    counselor: str | None = None
    contact: str | None = None
    footer_note: str | None = None
    pdf_variant: str | None = None


def project_settings(project_dir: Path, flags: Flags) -> Settings:
    """Settings from `careerguide.yaml` in `project_dir` (if any), with flags on top."""
    from .compose import themes

    context = {"themes": themes(Settings(project_dir=project_dir)), "folder": project_dir}
    saved = ProjectFile()
    if (project_dir / SETTINGS_FILE).is_file():
        saved = load_model(
            project_dir / SETTINGS_FILE,
            ProjectFile,
            shape="a mapping of `key: value` lines",
            if_empty=None,
            context=context,
        )
    given = {key: value for key, value in vars(flags).items() if value not in (None, ())}
    try:
        chosen = ProjectFile.model_validate(given, context={**context, "folder": Path.cwd()})
    except ValidationError as error:
        raise GuideError(_flag_problems(error)) from None
    merged: dict[str, Any] = {
        **saved.model_dump(exclude_unset=True),
        **chosen.model_dump(exclude_unset=True),
    }
    return Settings(
        layout=merged.get("layout", "guide"),
        theme=merged.get("theme", "classic"),
        paper=merged.get("paper", "letter"),
        accent=merged.get("accent"),
        extra_css=tuple(merged.get("css", ())),
        project_dir=project_dir,
        branding=Branding(
            school=merged.get("school"),
            logo_data_uri=data_uri(merged["logo"]) if merged.get("logo") else None,
            counselor=merged.get("counselor"),
            contact=merged.get("contact"),
            footer_note=merged.get("footer_note"),
        ),
        pdf_variant=merged.get("pdf_variant"),
    )


def _flag_problems(error: ValidationError) -> list[str]:
    """One `--flag: message` line per bad flag; every check above raises a worded ValueError."""
    lines = []
    for detail in error.errors(include_url=False):
        flag = "--" + str(detail["loc"][0]).replace("_", "-")
        cause = (detail.get("ctx") or {}).get("error")
        lines.append(f"{flag}: {cause if cause is not None else detail['msg']}")
    return lines


def settings_file_text() -> str:
    """A commented `careerguide.yaml` listing every key with an example, all switched off."""
    import yaml

    lines = [
        "# careerguide project settings. Delete the # in front of a setting to use it; an",
        "# option given to `careerguide build` wins over the same key here. Paths are",
        "# relative to this folder.",
    ]
    for key, field in ProjectFile.model_fields.items():
        example = yaml.safe_dump({key: field.examples[0]}, allow_unicode=True).strip()
        lines += ["", f"# {field.description}", *(f"#{line}" for line in example.splitlines())]
    return "\n".join(lines) + "\n"
