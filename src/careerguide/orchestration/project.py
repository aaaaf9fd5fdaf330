"""Project settings: `careerguide.yaml`, then command-line flags -> `Settings`.

A counselor writes the school's look once (theme, paper, accent, extra CSS, school name,
logo, counselor, contact, footer note) in `careerguide.yaml`; a flag on the command line
wins over the file. Both are validated by one model made from the declared options
(`settings.options`), so a bad colour or a missing logo reads the same from either:
`careerguide.yaml:4:9: accent: ...` or `--accent: ...`, exit 2, before anything is built.
"""

import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
)

from .. import gate
from ..compose.themes import themes
from ..core.errors import GuideError, Problem
from ..guidefile.load import load_model
from ..layouts.registry import LAYOUTS
from ..settings.model import SETTINGS_FILE, Branding, Settings
from ..settings.options import OPTIONS, Option, settings_from


class DataFiles(BaseModel):
    """`data:` in careerguide.yaml: where `careerguide import` finds the publishers' files,
    and the state whose wages it takes, so a counselor types the codes only. Paths are
    relative to the project folder and must stay inside it, like every path written in a
    project file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    onet: Path | None = Field(None, description="The O*NET database folder (Excel or text).")
    wages: Path | None = Field(None, description="BLS OEWS wages file.")
    projections: Path | None = Field(None, description="BLS Employment Projections CSV.")
    region: str | None = Field(
        None, description="A state's postal code (TX): its wages instead of the nation's."
    )

    @field_validator("onet", "wages", "projections", mode="after")
    @classmethod
    def _inside_the_project(cls, path: Path | None, info: ValidationInfo) -> Path | None:
        if path is None:
            return None
        assert info.context is not None, "validated with the project folder (`_context`)"
        folder = info.context["folder"]
        path = folder / path.expanduser()
        if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
            raise ValueError(_outside(path, folder, f"--{info.field_name}"))
        return path

    def given(self, **typed: Path | str | None) -> "DataFiles":
        """These paths with what was typed on the command line in their place: a flag wins
        over careerguide.yaml, and a flag left out keeps the file's value."""
        return self.model_copy(update={key: value for key, value in typed.items() if value})


def _outside(path: Path, folder: Path, flag: str) -> str:
    """Why a data path of careerguide.yaml is refused, and the two ways forward when a link
    inside the project leads out of it (a project may come from a stranger, so its links
    are not followed out of it)."""
    inside = [part for part in (path, *path.parents) if part.is_relative_to(folder)]
    link = next((part for part in inside if part != folder and part.is_symlink()), None)
    if link is None:
        return f"{path} is outside the project folder"
    return (
        f"{link.relative_to(folder)} is a link to {os.path.realpath(link)}, outside the project "
        f"folder, and links out of a project are not followed; delete this line and name it on "
        f"the command line ({flag} {os.path.realpath(path)}), or copy it into the project"
    )


DATA_HELP = (
    "Where `careerguide import` finds O*NET and BLS files (inside this folder), and the state "
    "whose wages it takes."
)
DATA_EXAMPLE = {
    "data": {
        "onet": "data/onet-29.3",
        "wages": "data/oews_national_state_M2025.csv",
        "projections": "data/Employment Projections.csv",
        "region": "TX",
    }
}


class LanguageWords(BaseModel):
    """The school's words for guides in one language: a Spanish guide prints the Spanish
    closing note and contact. What is not given here is the same as in every language."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    school: str | None = Field(None, description="School name in this language.")
    counselor: str | None = Field(None, description='Printed as "Prepared by ...".')
    contact: str | None = Field(None, description="How students reach the counselor.")
    footer_note: str | None = Field(None, description="The closing note after the last section.")


LANGUAGES_HELP = (
    "The school's words for guides in one language (career.language), where they differ."
)
LANGUAGES_EXAMPLE = {
    "languages": {
        "es": {
            "contact": "Salón 114 · rivera@example.org",
            "footer_note": "¿Preguntas? Pasa por la oficina de orientación a la hora del almuerzo.",
        }
    }
}


class _SettingsFile(BaseModel):
    """Settings-file keys are checked like guide keys: a typo is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    data: DataFiles | None = Field(None, description=DATA_HELP, examples=[DATA_EXAMPLE["data"]])
    languages: dict[Literal["en", "es"], LanguageWords] | None = Field(
        None, description=LANGUAGES_HELP, examples=[LANGUAGES_EXAMPLE["languages"]]
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


def _validator(option: Option) -> Any:
    def check(cls: type, value: Any, info: ValidationInfo) -> Any:
        assert info.context is not None, "careerguide.yaml and flags are validated with one"
        return option.check(value, info.context) if option.check else value

    return field_validator(option.name, mode="after")(classmethod(check))


# Its fields are made from OPTIONS at run time, which create_model's overloads cannot type.
ProjectFile: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "ProjectFile",
    __base__=_SettingsFile,
    __doc__="The keys of `careerguide.yaml`; each is also a flag of the commands.",
    __validators__={f"_check_{o.name}": _validator(o) for o in OPTIONS if o.check},
    **{
        option.name: (
            option.kind | None,
            Field(None, description=option.help, examples=[option.example]),
        )
        for option in OPTIONS
    },
)


def find_project(paths: Iterable[Path]) -> Path:
    """The project folder: the nearest folder holding `careerguide.yaml`, walking up from the
    first guide path named (as git and ruff find their settings), else the current folder.

    So a build started from another folder still gets the school's branding.
    """
    for named in paths:
        start = (named if named.is_dir() else named.parent).absolute()
        for folder in (start, *start.parents):
            if os.path.lexists(folder / SETTINGS_FILE):  # a FIFO or link is refused by name
                return folder
        break
    return Path.cwd()


def settings_file(settings: Settings) -> Path | None:
    """The settings file a build used, if there was one."""
    folder = settings.project_dir
    return folder / SETTINGS_FILE if folder and (folder / SETTINGS_FILE).is_file() else None


def project_settings(project_dir: Path, given: Mapping[str, Any] | None = None) -> Settings:
    """Settings from `careerguide.yaml` in `project_dir` (if any), with the flags `given` on
    top (option name -> value; None or empty where a flag was not given)."""
    context = _context(project_dir)
    saved: BaseModel = ProjectFile()
    if os.path.lexists(project_dir / SETTINGS_FILE):
        saved = load_model(
            project_dir / SETTINGS_FILE,
            ProjectFile,
            shape="a mapping of `key: value` lines",
            if_empty=None,
            context=context,
            roots=[project_dir],
        )
    flags = {key: value for key, value in (given or {}).items() if value not in (None, (), [])}
    try:
        chosen = ProjectFile.model_validate(
            flags, context={**context, "folder": Path.cwd(), "roots": gate.ANYWHERE}
        )
    except ValidationError as error:
        raise GuideError(_flag_problems(error)) from None
    merged = {**saved.model_dump(exclude_unset=True), **chosen.model_dump(exclude_unset=True)}
    merged.pop("data", None)  # for `careerguide import`, not the look: see `data_files`
    languages = merged.pop("languages", None) or {}
    settings = settings_from(merged, project_dir)
    # A flag given on the command line wins in every language.
    by_language = tuple(
        (language, Branding(**{k: v for k, v in words.items() if v and k not in flags}))
        for language, words in sorted(languages.items())
    )
    return replace(settings, by_language=by_language)


def _context(project_dir: Path) -> dict[str, Any]:
    """What the checks of careerguide.yaml's values need to know (see `settings.options`)."""
    return {
        "themes": themes(Settings(project_dir=project_dir)),
        "layouts": tuple(LAYOUTS),
        "folder": project_dir,
        "roots": [project_dir],
    }


def data_files(project_dir: Path) -> DataFiles:
    """The `data:` paths of careerguide.yaml in `project_dir`, checked; none if absent."""
    if not os.path.lexists(project_dir / SETTINGS_FILE):
        return DataFiles()
    saved = load_model(
        project_dir / SETTINGS_FILE,
        ProjectFile,
        shape="a mapping of `key: value` lines",
        if_empty=None,
        context=_context(project_dir),
        roots=[project_dir],
    )
    return saved.data or DataFiles()


def _flag_problems(error: ValidationError) -> list[Problem]:
    """One `--flag: message` line per bad flag; every option's check raises a worded ValueError."""
    problems = []
    for detail in error.errors(include_url=False):
        flag = "--" + str(detail["loc"][0]).replace("_", "-")
        cause = (detail.get("ctx") or {}).get("error")
        problems.append(Problem.about(flag, str(cause if cause is not None else detail["msg"])))
    return problems


def settings_file_text() -> str:
    """A commented `careerguide.yaml` listing every key with an example, all switched off."""
    import yaml

    lines = [
        "# careerguide project settings. Delete the # in front of a setting to use it; an",
        "# option given to `careerguide build` wins over the same key here. Paths are",
        "# relative to this folder.",
    ]
    examples = [(option.help, {option.name: option.example}) for option in OPTIONS]
    for description, example in examples:
        text = yaml.safe_dump(example, allow_unicode=True).strip()
        lines += ["", f"# {description}", *(f"#{line}" for line in text.splitlines())]
    # On one line, in {...}: deleting its one # switches the whole key on.
    data = yaml.safe_dump(DATA_EXAMPLE, sort_keys=False, default_flow_style=None, width=200)
    lines += ["", f"# {DATA_HELP}", f"#{data.strip()}"]
    words = yaml.safe_dump(
        LANGUAGES_EXAMPLE["languages"],
        sort_keys=False,
        default_flow_style=True,
        width=400,
        allow_unicode=True,
    )
    lines += ["", f"# {LANGUAGES_HELP}", f"#languages: {words.strip()}"]
    return "\n".join(lines) + "\n"
