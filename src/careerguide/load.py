"""Load a guide file: YAML text to a validated `Guide`, or `GuideError` with file:line:col.

The YAML is composed into nodes first (which keep their line and column), then built into
plain Python values by PyYAML's safe constructor, then validated by pydantic. Each
pydantic error location is walked back down the node tree to the line that caused it.
Guides can come from anyone, so only safe YAML is accepted, files are capped in size and
aliases are capped in how far they expand (an "alias bomb" fails at once).
"""

import types
import typing
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import GuideError, Problem
from .model import FieldError, Guide, did_you_mean

MAX_BYTES = 1_000_000
MAX_EXPANDED_NODES = 50_000

Loc = tuple[str | int, ...]
Model = TypeVar("Model", bound=BaseModel)


def load_guide(path: Path) -> Guide:
    """Read, parse and validate one guide file."""
    return load_model(
        path,
        Guide,
        shape="a mapping with a `career:` key",
        if_empty="a guide needs at least `career:`",
    )


def load_model(
    path: Path,
    model: type[Model],
    *,
    shape: str,
    if_empty: str | None,
    context: dict[str, Any] | None = None,
) -> Model:
    """Read a YAML mapping and validate it as `model`, each problem at its file:line:col.

    Guides and the project settings file share this, so both report mistakes alike. An
    empty file (only comments, say) is an error saying `if_empty`, or when that is None,
    the model's defaults. `context` reaches the model's validators.
    """
    data, root = read_yaml(path)
    if root is None:
        if if_empty is not None:
            raise GuideError(Problem(path, f"the file is empty; {if_empty}"))
        return model()
    if not isinstance(data, dict):
        raise GuideError(Problem(path, f"the top level must be {shape}"))
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        raise GuideError(_problems(path, root, error, model)) from None


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Safely parse a YAML file into (plain values, root node), or (None, None) if empty.

    User mistakes (unreadable, not UTF-8, bad YAML, too big) raise GuideError."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise GuideError(Problem(path, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}"))
        raw = path.read_bytes()
    except OSError as error:
        raise GuideError(Problem(path, f"cannot read the file ({error.strerror})")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise GuideError(
            Problem(path, "is not UTF-8 text; save it as UTF-8", line=line, col=col)
        ) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_expansion(path, node)
        _check_duplicate_keys(path, node)
        return loader.construct_document(node), node
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = "YAML: " + (" ".join(filter(None, (error.context, error.problem))) or "invalid")
        if isinstance(error, yaml.constructor.ConstructorError):
            message = f"YAML tag {_tag(error)} is not allowed; guides hold plain values only"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise GuideError(Problem(path, message, line=line, col=col)) from None
    except yaml.YAMLError as error:
        raise GuideError(Problem(path, f"YAML: {error}")) from None
    finally:
        loader.dispose()


def _tag(error: yaml.MarkedYAMLError) -> str:
    """The offending tag in its short `!!name` spelling, as the author wrote it."""
    problem = error.problem or ""
    tag = problem.split("tag ", 1)[-1].strip(" '") if "tag " in problem else "here"
    return tag.replace("tag:yaml.org,2002:", "!!")


def _at(path: Path, node: yaml.Node, message: str, field: str = "") -> Problem:
    """A problem located at the start of a YAML node."""
    mark = node.start_mark
    return Problem(path, message, line=mark.line + 1, col=mark.column + 1, field=field)


def _check_expansion(path: Path, root: yaml.Node) -> None:
    """Refuse documents whose aliases expand to more values than any guide needs."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key not in sizes:
            sizes[key] = 0  # a node that refers to itself counts once
            children: list[yaml.Node] = []
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            sizes[key] = 1 + sum(size(child) for child in children)
            if sizes[key] > MAX_EXPANDED_NODES:
                message = f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values"
                raise GuideError(_at(path, node, message))
        return sizes[key]

    size(root)


def _check_duplicate_keys(path: Path, node: yaml.Node, seen: set[int] | None = None) -> None:
    """PyYAML keeps the last of two equal keys silently; a guide author meant one of them."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in keys:
                    message = f"key `{key.value}` appears twice in the same mapping"
                    raise GuideError(_at(path, key, message))
                keys.add(key.value)
            _check_duplicate_keys(path, value, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(path, item, seen)


def _problems(
    path: Path, root: yaml.Node, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(detail["loc"])
        ctx = detail.get("ctx") or {}
        if isinstance(ctx.get("error"), FieldError):
            loc = loc + ctx["error"].loc
        node, key_node = _node_at(root, loc)
        where = key_node if detail["type"] == "extra_forbidden" else node
        problems.append(_at(path, where, _message(detail, loc, model), dotted(loc)))
    return sorted(problems, key=lambda problem: (problem.line, problem.col))


def dotted(loc: Loc) -> str:
    """`("skills", "items", 3, "score")` -> `skills.items[3].score`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _node_at(root: yaml.Node, loc: Loc) -> tuple[yaml.Node, yaml.Node]:
    """The deepest node along `loc` (and the key node that led to it)."""
    node = key_node = root
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            child = next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = (node.value[part], node.value[part]) if part < len(node.value) else None
        if child is None:
            break
        key_node, node = child
    return node, key_node


def _message(detail: dict[str, Any], loc: Loc, model: type[BaseModel]) -> str:
    """Our own wording for each pydantic error type (never a rewrite of pydantic's text)."""
    kind, ctx, value = detail["type"], detail.get("ctx") or {}, detail.get("input")
    shown = _show(value)
    if kind == "value_error":
        return str(ctx["error"])
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        return f"unknown key{did_you_mean(str(loc[-1]), allowed)}"
    if kind == "string_pattern_mismatch":
        return f"{shown} {_PATTERN_HINTS.get(str(loc[-1]), 'does not have the expected form')}"
    simple = {
        "greater_than_equal": f"{shown} is below the minimum {ctx.get('ge')}",
        "less_than_equal": f"{shown} is above the maximum {ctx.get('le')}",
        "greater_than": f"{shown} must be more than {ctx.get('gt')}",
        "less_than": f"{shown} must be less than {ctx.get('lt')}",
        "literal_error": f"{shown} is not one of {ctx.get('expected')}",
        "string_too_short": "must not be empty",
        "too_long": f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length')}",
        "too_short": f"has {ctx.get('actual_length')} items; at least {ctx.get('min_length')}",
    }
    if kind in simple:
        return simple[kind]
    if kind.startswith("int_"):
        return f"{shown} must be a whole number"
    if kind.startswith("date_"):
        return f"{shown} must be a date written YYYY-MM-DD"
    if kind.startswith("string_"):
        return f"{shown} must be text"
    if kind == "list_type":
        return f"{shown} must be a list (one `- item` per line)"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"{shown} must be a mapping of `key: value` lines"
    return str(detail["msg"])


_PATTERN_HINTS = {
    "time": 'must be a 24-hour time written "HH:MM"',
    "url": "must start with http://, https:// or mailto:",
    "currency": "must be a three-letter currency code such as USD",
    "id": "must start with a letter and hold only letters, digits, - and _",
}


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _allowed_keys(root: type[BaseModel], loc: Loc) -> set[str]:
    """The keys the model at `loc` (below `root`) accepts, for "did you mean" hints."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = next(
            (f for name, f in model.model_fields.items() if (f.alias or name) == part), None
        )
        if field is None:
            return set()
        model = _inner_model(field.annotation)
        if model is None:
            return set()
    return {field.alias or name for name, field in model.model_fields.items()}


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `X`, `X | None` or `list[X]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in {
        list,
        typing.Union,
    }:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
