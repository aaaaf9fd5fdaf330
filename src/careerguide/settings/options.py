"""The choices a counselor makes about the output, declared once.

Each `Option` is at the same time a flag of the commands (`--footer-note`), a key of
`careerguide.yaml` (`footer_note`) and a field of `Settings` (`branding.footer_note`): its
name, type, help text, example and check are written here only. The CLI adds the flags to
its commands from this list, `build.project` makes the model that validates the settings
file from it, and `settings_from` puts what both said into a `Settings`.

Plain data with no pydantic import, so `careerguide --help` stays fast.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .. import gate
from .marks import accent_colour, data_uri, logo_for_print
from .model import PAPER_SIZES, PDF_VARIANTS, Branding, Settings

# What a check may know beyond the value: "themes" and "layouts" (the names on offer),
# "folder" (what relative paths are relative to: the project folder, or the current one
# for flags) and "roots" (where a named file may be: inside the project for a path written
# in careerguide.yaml, anywhere for a path typed on the command line).
Context = Mapping[str, Any]
Check = Callable[[Any, Context], Any]


@dataclass(frozen=True)
class Option:
    """One choice: a command-line flag, a settings-file key and a `Settings` field."""

    name: str  # the settings-file key; the flag is the same with dashes
    kind: Any  # the type given: str, Path or list[Path] (a repeatable flag)
    help: str
    example: Any  # shown in the commented settings file `init` writes; must pass `check`
    setting: str  # the `Settings` field it fills, dotted below `branding`
    check: Check | None = None  # raises ValueError in our words, returns the value to keep
    to_setting: Callable[[Any], Any] | None = None  # the checked value as `Settings` holds it

    @property
    def flag(self) -> str:
        """The option on the command line."""
        return "--" + self.name.replace("_", "-")

    @property
    def default(self) -> Any:
        """The value when nobody chose: the `Settings` default."""
        holder: Any = Settings()
        for part in self.setting.split("."):
            holder = getattr(holder, part)
        return holder


def one_of(choices: tuple[str, ...] | Callable[[Context], tuple[str, ...]]) -> Check:
    """A check that the value is one of `choices` (fixed, or read from the context)."""

    def check(value: str, context: Context) -> str:
        allowed = tuple(choices(context) if callable(choices) else choices)
        by_case = {choice.casefold(): choice for choice in allowed}  # `A4` means a4
        if value.casefold() not in by_case:
            words = " or ".join(filter(None, [", ".join(allowed[:-1]), allowed[-1]]))
            raise ValueError(f"expected {words}, got {value!r}")
        return by_case[value.casefold()]

    return check


def _known_theme(theme: str, context: Context) -> str:
    known = context["themes"]
    if theme not in known:
        raise ValueError(f"no theme {theme!r}; choose from {', '.join(known)}")
    return theme


def _accent(accent: str, context: Context) -> str:
    return accent_colour(accent)


def _existing_files(paths: list[Path], context: Context) -> list[Path]:
    resolved = [context["folder"] / path.expanduser() for path in paths]
    for path in resolved:
        try:
            gate.regular_file(path, context["roots"])
        except gate.Refused as refused:
            raise ValueError(refused.sentence()) from None
    return resolved


def within(low: int, high: int, unit: str) -> Check:
    """A check that a whole number is from `low` to `high` (in `unit`, for the message)."""

    def check(value: int, context: Context) -> int:
        if not low <= value <= high:
            raise ValueError(f"expected {low:,} to {high:,} {unit}, got {value:,}")
        return value

    return check


def _logo_file(path: Path, context: Context) -> Path:
    path = context["folder"] / path.expanduser()
    logo_for_print(path, context["roots"])  # a picture that cannot be decoded fails here
    return path


OPTIONS: tuple[Option, ...] = (
    Option(
        "theme",
        str,
        "Theme: classic, mono, large-print, readable, or your own in styles/ "
        "(`careerguide themes` lists them).",
        "classic",
        "theme",
        _known_theme,
    ),
    Option(
        "layout",
        str,
        "Layout of each guide: guide (the full guide) or handout (one sheet).",
        "guide",
        "layout",
        one_of(lambda context: tuple(context["layouts"])),
    ),
    Option(
        "paper", str, "Paper size: letter or a4.", "letter", "paper", one_of(tuple(PAPER_SIZES))
    ),
    Option(
        "accent",
        str,
        'Accent colour: "#rgb", "#rrggbb" (in quotes in the file) or a CSS colour name.',
        "#1f5fa8",
        "accent",
        _accent,
    ),
    Option(
        "css",
        list[Path],
        "Extra CSS file applied after the theme (repeatable).",
        ["school.css"],
        "extra_css",
        _existing_files,
        tuple,
    ),
    Option(
        "school",
        str,
        "School name, on page 1 and in the footer.",
        "Lincoln High",
        "branding.school",
    ),
    Option(
        "logo",
        Path,
        "School logo for page 1: PNG, JPEG or SVG.",
        "logo.png",
        "branding.logo_data_uri",
        _logo_file,
        data_uri,
    ),
    Option(
        "counselor",
        str,
        'Printed on page 1 as "Prepared by ...".',
        "Ms. Rivera",
        "branding.counselor",
    ),
    Option(
        "contact",
        str,
        "How students reach the counselor.",
        "Room 114 · rivera@example.org",
        "branding.contact",
    ),
    Option(
        "footer_note",
        str,
        "A closing note printed after the last section.",
        "Questions? Drop by the counseling office any lunchtime.",
        "branding.footer_note",
    ),
    Option(
        "pdf_variant",
        str,
        "pdf/ua-1: tagged for screen readers (structure, language, alt text); "
        "pdf/a-3b: archival. Default: a plain PDF, fastest.",
        "pdf/ua-1",
        "pdf_variant",
        one_of(PDF_VARIANTS),
    ),
    Option(
        "time_limit",
        int,
        "Seconds one guide may take to compose and lay out before it is stopped.",
        60,
        "time_limit",
        within(1, 3600, "seconds"),
    ),
    Option(
        "memory_limit",
        int,
        "Megabytes of memory one guide's worker process may use before the guide is stopped.",
        2048,
        "memory_limit",
        within(256, 65536, "MB"),
    ),
)
BY_NAME = {option.name: option for option in OPTIONS}


def settings_from(chosen: Mapping[str, Any], project_dir: Path | None) -> Settings:
    """`Settings` holding the checked values `chosen` (option name -> value), defaults elsewhere."""
    fields: dict[str, Any] = {"project_dir": project_dir}
    branding: dict[str, Any] = {}
    for name, value in chosen.items():
        option = BY_NAME[name]
        kept = option.to_setting(value) if option.to_setting else value
        where, _, field = option.setting.partition(".")
        if field:
            branding[field] = kept
        else:
            fields[where] = kept
    return replace(Settings(**fields), branding=Branding(**branding))
