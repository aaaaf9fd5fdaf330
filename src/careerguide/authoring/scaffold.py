"""Starting points for counselors, each one building as it is: a new guide, a new project.

`init_project` lays out a counselor's own project folder: the bundled example guide, a
commented `careerguide.yaml`, and empty `templates/` and `styles/` folders whose files,
once added, replace the bundled ones of the same name.

The skeleton is generated from `model.Guide` field by field: every section is present,
each value is a placeholder of the field's type and each key carries the field's
description as its comment. A field added to the model therefore appears in the
skeleton, with its help, without touching this module.
"""

import json
import os
import shutil
import typing
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..core.errors import GuideError, Problem
from ..core.resources import bundled
from ..guidefile.model import Guide, inner_model, slugify
from ..guidefile.placeholders import EXAMPLE_SOURCE, EXAMPLES, placeholder
from ..orchestration.project import settings_file_text
from ..render.write import write_atomic
from ..settings.model import SETTINGS_FILE

SCHEMA_FILE = "guide.schema.json"
_LIST_LENGTH = 3  # text lists get three items: enough to read as a list, and fit's threshold


def new_guide(title: str, folder: Path, language: str = "en", today: date | None = None) -> Path:
    """Write `folder/<slug>.yaml`, a commented skeleton; never replaces an existing file."""
    if not title.strip():
        raise GuideError(Problem.about("", "the title must not be empty"))
    target = folder / f"{slugify(title)}.yaml"
    if target.exists():
        raise GuideError(
            Problem.about("", f"{target} already exists; choose another title or edit that file")
        )
    text = skeleton(title.strip(), language, today or date.today(), _schema_reference(folder))
    write_atomic(target, text.encode("utf-8"))
    return target


def _schema_reference(folder: Path) -> str:
    """Path from the new guide to the bundled schema, as yaml-language-server resolves it.

    Relative when both sit in one tree (a checkout, a project with its own virtualenv), so
    the line stays true when the tree moves; absolute when the only common folder is `/`.
    """
    schema, here = bundled("schema") / SCHEMA_FILE, folder.resolve()
    if os.path.commonpath([schema, here]) == here.anchor:
        return str(schema)
    return os.path.relpath(schema, here)


def skeleton(title: str, language: str, today: date, schema_path: str) -> str:
    """The YAML text of a new guide: every field, a placeholder and its description."""
    given = {
        **EXAMPLES,
        "Career.title": title,
        "Career.language": language,
        "Career.updated": today,
        "Guide.omit": [],
        "Source.accessed": today,
        "today": today,
    }
    data = _model_example(Guide, given)
    lines = [
        f"# yaml-language-server: $schema={schema_path}",
        "# Replace each [placeholder] and delete what does not apply: every section but `career`",
        "# is optional. `careerguide check` lists the placeholders left.",
        "",
        *_emit(Guide, data, indent=0),
    ]
    return "\n".join(lines) + "\n"


def _model_example(model: type[BaseModel], given: dict[str, Any]) -> dict[str, Any]:
    return {
        field.alias or name: _field_example(model, name, field, given)
        for name, field in model.model_fields.items()
    }


def _field_example(
    model: type[BaseModel], name: str, field: FieldInfo, given: dict[str, Any]
) -> Any:
    key = f"{model.__name__}.{name}"
    if key in given:
        return given[key]
    if name == "cite":
        return [EXAMPLE_SOURCE]
    if field.default not in (None, [], Ellipsis) and not field.is_required():
        return field.default
    return _type_example(field.annotation, name, field, given)


def _type_example(annotation: Any, name: str, field: FieldInfo, given: dict[str, Any]) -> Any:
    """A value of `annotation` that validates: the first choice, the lowest number, a list."""
    model = inner_model(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        item = args[0]
        if inner_model(item) is not None or typing.get_origin(item) is typing.Literal:
            return [_type_example(item, name, field, given)]
        return [placeholder(name, number) for number in range(1, _LIST_LENGTH + 1)]
    if model is not None:
        return _model_example(model, given)
    if origin is typing.Literal:
        return args[0]
    plain = next((arg for arg in args if arg is not type(None)), annotation) if args else annotation
    if plain is int:
        bounds = [getattr(rule, "ge", None) for rule in field.metadata]
        return next((bound for bound in bounds if bound is not None), 0)
    if plain is date:
        return given["today"]
    return placeholder(name)


def _model_of(field: FieldInfo) -> type[BaseModel]:
    """The model of a field whose example is a mapping (or a list of them)."""
    model = inner_model(field.annotation)
    assert model is not None, f"{field.annotation} holds no model, yet its example is a mapping"
    return model


def _emit(model: type[BaseModel], data: dict[str, Any], indent: int) -> list[str]:
    """YAML lines for `data`, block style, each key followed by its field's description."""
    lines: list[str] = []
    pad = " " * indent
    for name, field in model.model_fields.items():
        key = field.alias or name
        value = data[key]
        comment = f"  # {field.description}" if field.description else ""
        if indent == 0 and lines:
            lines.append("")
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:{comment}")
            lines += _emit(_model_of(field), value, indent + 2)
        elif value and isinstance(value, list) and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:{comment}")
            for item in value:
                item_lines = _emit(_model_of(field), item, indent + 4)
                item_lines[0] = f"{pad}  - {item_lines[0].lstrip()}"
                lines += item_lines
        elif isinstance(value, list) and len(value) > 1:
            lines.append(f"{pad}{key}:{comment}")
            lines += [f"{pad}  - {_scalar(item)}" for item in value]
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}{comment}")
    return lines


def _scalar(value: Any) -> str:
    """One value in YAML syntax; text in double quotes, so a colon or # typed later is safe."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(map(_scalar, value)) + "]"
    return yaml.safe_dump(value).removesuffix("\n").removesuffix("\n...")


OVERRIDE_HINTS = {
    "templates": "Copy a bundled template here (e.g. sections/skills.html.j2, same path) and edit"
    " it: a file here replaces the bundled one of the same name.",
    "styles": "Copy a bundled theme here (e.g. classic.css) and edit it, or add my-theme.css and"
    " build with --theme my-theme: a file here replaces the bundled one of the same name.",
}


# A class list to copy over: `careerguide roster students.csv` builds it as it is.
ROSTER_FILE = "students.csv"
EXAMPLE_ROSTER = (
    "student,careers,note\n"
    "Ana Ruiz,machine-learning-engineer,Ask about the robotics club.\n"
    "Ben Ode,machine-learning-engineer,\n"
)


def init_project(folder: Path) -> list[Path]:
    """Create a project in `folder` (new or empty) and return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise GuideError(
            Problem.about(folder, "already exists and is not an empty folder; choose a new one")
        )
    shutil.copytree(bundled("guide"), folder / "guide", dirs_exist_ok=True)
    written = sorted(path for path in (folder / "guide").rglob("*") if path.is_file())
    (folder / SETTINGS_FILE).write_text(settings_file_text(), encoding="utf-8")
    written.append(folder / SETTINGS_FILE)
    (folder / ROSTER_FILE).write_text(EXAMPLE_ROSTER, encoding="utf-8")
    written.append(folder / ROSTER_FILE)
    for name, hint in OVERRIDE_HINTS.items():
        readme = folder / name / "README.md"
        readme.parent.mkdir()
        readme.write_text(f"{hint}\nThe bundled ones are in {bundled(name)}\n", encoding="utf-8")
        written.append(readme)
    return written
