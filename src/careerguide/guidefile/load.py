"""Load a guide file: YAML text to a validated `Guide`, or `GuideError` with file:line:col.

The YAML is composed into nodes first (which keep their line and column), then built into
plain Python values by PyYAML's safe constructor, then validated by pydantic. Each
pydantic error location is walked back down the node tree to the line that caused it.
Guides can come from anyone, so only safe YAML is accepted, files are capped in size and
aliases are capped in how far they expand (an "alias bomb" fails at once).
"""

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .. import gate
from ..core.errors import GuideError, Problem, refusal
from .messages import Loc, for_validation_error, printable, show, yaml_syntax
from .model import Guide, inner_model
from .rules import Finding, broken_rules

MAX_BYTES = 1_000_000
MAX_EXPANDED_NODES = 50_000
# Text once aliases are expanded: twice what a file may hold, so a guide without aliases
# never reaches it.
MAX_EXPANDED_CHARACTERS = 2 * MAX_BYTES
MAX_NESTING = 50  # a guide needs 5 levels; PyYAML and the checks below recurse once per level


Model = TypeVar("Model", bound=BaseModel)


def load_guide(path: Path) -> Guide:
    """Read, parse and validate one guide file.

    Every build reads every guide, so this parses with libyaml where it can (`_fast_read`):
    the bundled guide loads in 2 ms instead of 21. A file libyaml cannot take, and any
    problem with a file, goes to the pure-Python loader, whose messages `check` gives too.
    """
    fast = _fast_read(path)
    if fast is not None:
        try:
            return _validate_guide(path, *fast)
        except GuideError:
            pass  # said below, where `check` says it
    return load_guide_with_nodes(path)[0]


def load_guide_with_nodes(path: Path) -> tuple[Guide, Any, yaml.Node]:
    """The validated guide, its plain values and its YAML root node (for locating findings).

    The nodes come from the pure-Python parser, whose marks hold the file's text for `check`
    to read back around a finding. A file only libyaml can read (`{question: Why?, ...}`)
    gets libyaml's nodes, so that `check` and `build` accept the same files."""
    try:
        data, root = read_yaml(path)
    except GuideError:
        fast = _fast_read(path)
        if fast is None:
            raise
        data, root = fast
    guide = _validate_guide(path, data, root)
    assert root is not None, "an empty guide is refused (if_empty)"
    return guide, data, root


def _validate_guide(path: Path, data: Any, root: yaml.Node | None) -> Guide:
    return _validate(
        path,
        data,
        root,
        Guide,
        "a mapping with a `career:` key",
        "a guide needs at least `career:`",
        rules=broken_rules,
    )


def load_model(
    path: Path,
    model: type[Model],
    *,
    shape: str,
    if_empty: str | None,
    context: dict[str, Any] | None = None,
    roots: Iterable[Path] | None = gate.ANYWHERE,
) -> Model:
    """Read a YAML mapping and validate it as `model`, each problem at its file:line:col.

    Guides and the project settings file share this, so both report mistakes alike. An
    empty file (only comments, say) is an error saying `if_empty`, or when that is None,
    the model's defaults. `context` reaches the model's validators; `roots` bound the read.
    """
    data, root = read_yaml(path, roots)
    return _validate(path, data, root, model, shape, if_empty, context)


def _validate(
    path: Path,
    data: Any,
    root: yaml.Node | None,
    model: type[Model],
    shape: str,
    if_empty: str | None,
    context: dict[str, Any] | None = None,
    rules: Callable[[dict[str, Any]], list[Finding]] | None = None,
) -> Model:
    """`data` as `model`, or every problem with it at once: each field's, then each broken
    rule across fields (`rules`) whose value has no problem of its own, in file order."""
    if root is None:
        if if_empty is not None:
            raise GuideError(Problem(path, f"the file is empty; {if_empty}"))
        return model()
    if not isinstance(data, dict):
        raise GuideError(Problem(path, f"the top level must be {shape}"))
    problems: list[Problem] = []
    validated: Model | None = None
    try:
        validated = model.model_validate(data, context=context)
    except ValidationError as error:
        problems = _problems(path, root, error, model)
    fields = {problem.field for problem in problems}
    for loc, message in rules(data) if rules else []:
        if dotted(loc) not in fields:
            problems.append(problem_at(path, node_at(root, loc)[0], message, dotted(loc)))
    if problems:
        raise GuideError(sorted(problems, key=lambda problem: (problem.line, problem.col)))
    assert validated is not None, "a ValidationError names at least one problem"
    return validated


def read_yaml(
    path: Path, roots: Iterable[Path] | None = gate.ANYWHERE
) -> tuple[Any, yaml.Node | None]:
    """Safely parse a YAML file into (plain values, root node), or (None, None) if empty.

    The file is read through the gate, inside `roots` (anywhere for a path the user named).
    User mistakes (unreadable, not UTF-8, bad YAML, too big) raise GuideError."""
    text = _read_text(path, roots)
    try:
        loader = _GuideLoader(text)
    except yaml.reader.ReaderError as error:
        line, col = _line_col(text, error.position)
        message = f"YAML: the control character U+{error.character:04X} is not allowed here"
        raise GuideError(Problem(path, message, line=line, col=col)) from None
    try:
        return _document(path, loader)
    except yaml.MarkedYAMLError as error:
        if isinstance(error, _Refused):
            mark, message = error.problem_mark, error.problem or "invalid"
        else:
            mark, message = yaml_syntax(error, text)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise GuideError(Problem(path, " ".join(message.split()), line=line, col=col)) from None
    except yaml.YAMLError as error:
        raise GuideError(Problem(path, "YAML: " + " ".join(str(error).split()))) from None


def _read_text(path: Path, roots: Iterable[Path] | None) -> str:
    """The file's text, read through the gate; GuideError when refused or not UTF-8."""
    try:
        raw = gate.read(path, roots, MAX_BYTES)
    except gate.Refused as refused:
        raise refusal(refused) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise GuideError(
            Problem(path, "is not UTF-8 text; save it as UTF-8", line=line, col=col)
        ) from None


def _document(
    path: Path, loader: "_GuideLoader | yaml.CSafeLoader"
) -> tuple[Any, yaml.Node | None]:
    """The loader's document as (plain values, root node), or (None, None) when empty; the
    aliases' expansion and the keys are checked on the nodes before any value is built."""
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_expansion(path, node)
        _check_keys(path, node)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def _fast_read(path: Path) -> tuple[Any, yaml.Node] | None:
    """(plain values, root node) parsed by libyaml, or None where `read_yaml` must decide:
    no libyaml in this PyYAML, an unreadable or empty file, a YAML mistake, a limit reached.

    libyaml builds nodes by recursing in C, where a file nested thousands deep would crash
    the process instead of raising, so its limits are checked first (`_within_limits`) on
    the stream of events, which libyaml makes without recursing."""
    if _LibyamlLoader is None:
        return None
    try:
        text = _read_text(path, gate.ANYWHERE)
        yaml.reader.Reader(text)  # refuses the control characters `read_yaml` refuses
        if not _within_limits(text):
            return None
        data, node = _document(path, _LibyamlLoader(text))
    except (yaml.YAMLError, GuideError):
        return None
    return None if node is None else (data, node)


def _within_limits(text: str) -> bool:
    """True when no value is nested more than `MAX_NESTING` deep, directly or through an
    alias, and the file holds at most `MAX_EXPANDED_NODES` values (the limits
    `_GuideLoader` enforces), read from libyaml's events. An alias to a value not yet
    complete (its own ancestor) or to no anchor at all is left to `_GuideLoader` too."""
    heights: dict[str, int] = {}  # anchor -> height of its value
    open_collections: list[list[Any]] = []  # [anchor, height of the tallest child so far]
    values = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            values += 1
            open_collections.append([event.anchor, 0])
            if len(open_collections) > MAX_NESTING:
                return False
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, tallest = open_collections.pop()
            height = tallest + 1
        elif isinstance(event, yaml.ScalarEvent):
            values += 1
            anchor, height = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in heights:
                return False
            anchor, height = None, heights[event.anchor]
        else:
            continue
        if height > MAX_NESTING or values > MAX_EXPANDED_NODES:
            return False
        if anchor is not None:
            heights[anchor] = height
        if open_collections:
            open_collections[-1][1] = max(open_collections[-1][1], height)
    return True


def _line_col(text: str, position: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1


class _Refused(yaml.MarkedYAMLError):
    """A document PyYAML would accept that a guide may not be; the problem is the whole message."""

    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(problem=message, problem_mark=mark)


class _Constructing(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, reporting a scalar it cannot build at its line; shared by
    both parsers (each also refuses unknown tags by name: `_refuse_tag`)."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError):
            kind = {"int": "whole number", "float": "number", "timestamp": "date"}.get(
                _short_tag(node.tag).removeprefix("!!"), _short_tag(node.tag)
            )
            raise _Refused(f"{node.value!r} is not a valid {kind}", node.start_mark) from None


class _GuideLoader(_Constructing, yaml.SafeLoader):
    """PyYAML's safe loader, with limits and errors a guide author can act on.

    Unknown tags (`!!python/object` and the like) are refused by name. Values nested
    deeper than `MAX_NESTING`, directly or through aliases, are refused before Python's
    recursion limit turns them into a crash; a file of more than `MAX_EXPANDED_NODES`
    values is refused as soon as it gets there (the pure-Python parser would otherwise
    spend half a minute on a megabyte of `[a,a,a,...`). A scalar the safe constructor cannot build
    (`2026-02-30` read as a date, `!!int abc`) is reported at its line, not as a traceback.
    """

    _too_deep = f"YAML: values are nested more than {MAX_NESTING} levels deep"

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0
        self._heights: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise _Refused(self._too_deep, self.peek_event().start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is not None and id(node) not in self._heights:  # an alias: already measured
            height = 1 + max(
                (self._heights.get(id(child), 0) for child in _children(node)), default=0
            )
            if height > MAX_NESTING:
                raise _Refused(self._too_deep, node.start_mark)
            self._heights[id(node)] = height
            if len(self._heights) > MAX_EXPANDED_NODES:
                message = f"YAML: the file holds more than {MAX_EXPANDED_NODES:,} values"
                raise _Refused(message, node.start_mark)
        return node


def _refuse_tag(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.Node) -> None:
    message = f"YAML tag {_short_tag(node.tag)} is not allowed; guides hold plain values only"
    raise _Refused(message, node.start_mark)


_GuideLoader.add_constructor(None, _refuse_tag)

# PyYAML built without libyaml (no wheel for the platform) has no CSafeLoader.
_LibyamlLoader: type[yaml.CSafeLoader] | None = None
if yaml.__with_libyaml__:

    class _LibyamlGuideLoader(_Constructing, yaml.CSafeLoader):
        """libyaml's parser, the guide's constructor; `_fast_read` checks the limits first."""

    _LibyamlGuideLoader.add_constructor(None, _refuse_tag)
    _LibyamlLoader = _LibyamlGuideLoader


def _short_tag(tag: str) -> str:
    """A tag in the short `!!name` spelling an author writes."""
    return tag.replace("tag:yaml.org,2002:", "!!")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return []


def problem_at(
    path: Path, node: yaml.Node, message: str, field: str = "", level: str = ""
) -> Problem:
    """A problem located at the start of a YAML node."""
    mark = node.start_mark
    return Problem(path, message, line=mark.line + 1, col=mark.column + 1, field=field, level=level)


def _check_expansion(path: Path, root: yaml.Node) -> None:
    """Refuse documents whose aliases expand to more values, or more text, than any guide
    needs: one long string repeated through thousands of aliases is a small file that
    expands to gigabytes."""
    sizes: dict[int, tuple[int, int]] = {}  # node -> (values, characters) once expanded

    def size(node: yaml.Node) -> tuple[int, int]:
        key = id(node)
        if key not in sizes:
            sizes[key] = (0, 0)  # a node that refers to itself counts once
            below = [size(child) for child in _children(node)]
            own = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            sizes[key] = (1 + sum(v for v, _ in below), own + sum(c for _, c in below))
            values, characters = sizes[key]
            if values > MAX_EXPANDED_NODES:
                message = f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values"
                raise GuideError(problem_at(path, node, message))
            if characters > MAX_EXPANDED_CHARACTERS:
                message = f"YAML aliases expand to more than {MAX_EXPANDED_CHARACTERS:,} characters"
                raise GuideError(problem_at(path, node, message))
        return sizes[key]

    size(root)


_NAME_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:merge")


def _check_keys(path: Path, node: yaml.Node, seen: set[int] | None = None) -> None:
    """Every key is a name, and appears once in its mapping.

    PyYAML keeps the last of two equal keys silently (a guide author meant one of them),
    and reads `1:`, `~:`, `yes:` or `[a, b]:` as keys that no guide field can have.
    """
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag not in _NAME_TAGS:
                what = f"key {show(key.value)}" if isinstance(key, yaml.ScalarNode) else "this key"
                message = f"{what} is not a name; keys are words such as `title`"
                raise GuideError(problem_at(path, key, message))
            if key.value in keys:
                message = f"key `{printable(key.value)}` appears twice in the same mapping"
                raise GuideError(problem_at(path, key, message))
            keys.add(key.value)
            _check_keys(path, value, seen)
    else:
        for item in _children(node):
            _check_keys(path, item, seen)


def _problems(
    path: Path, root: yaml.Node, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(detail["loc"])
        node, key_node = node_at(root, loc)
        unknown_key = detail["type"] == "extra_forbidden"
        split = _split_by_a_comma(root, loc) if unknown_key else None
        if split is not None:  # `{detail: Biology, chemistry and math}`
            text_node, example = split
            message = f"text with a comma inside {{...}} needs quotes: {example}"
            problems.append(problem_at(path, text_node, message, dotted(loc[:-1])))
            continue
        allowed = _allowed_keys(model, loc[:-1]) if unknown_key else set()
        homes = _homes(model, loc) if unknown_key else ()
        message = for_validation_error(detail, loc, allowed, homes)
        problems.append(problem_at(path, key_node if unknown_key else node, message, dotted(loc)))
    return sorted(problems, key=lambda problem: (problem.line, problem.col))


def _split_by_a_comma(root: yaml.Node, loc: Loc) -> tuple[yaml.Node, str] | None:
    """For an unknown key that is really the rest of a text cut at a comma inside `{...}`:
    the text's node and the line as it should be written, else None.

    In `{stage: High school, detail: Biology, chemistry and math}` YAML reads
    `chemistry and math` as a key with no value, after `detail: Biology`.
    """
    parent, _ = node_at(root, loc[:-1])
    value, key = node_at(root, loc)
    if not (isinstance(parent, yaml.MappingNode) and parent.flow_style):
        return None
    if not (isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null") and not value.value):
        return None
    index = next(i for i, (k, _) in enumerate(parent.value) if k is key)
    if index == 0 or not isinstance(parent.value[index - 1][1], yaml.ScalarNode):
        return None
    before_key, before = parent.value[index - 1]
    joined = f"{before.value}, {key.value}".replace('"', '\\"')
    return before, f'{before_key.value}: "{joined}"'


def dotted(loc: Loc) -> str:
    """`("skills", "items", 3, "score")` -> `skills.items[3].score`."""
    text = ""
    for part in loc:
        if part == "[key]":  # pydantic's mark for a mapping's key: the key is named already
            continue
        name = printable(str(part))
        text += f"[{part}]" if isinstance(part, int) else (f".{name}" if text else name)
    return text


def node_at(root: yaml.Node, loc: Loc) -> tuple[yaml.Node, yaml.Node]:
    """The deepest node along `loc` (and the key node that led to it).

    A location that goes past the file (a default value, a key left out) stops at the
    nearest enclosing node, so a finding about a missing key points at its parent.
    """
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
        model = inner_model(field.annotation)
        if model is None:
            return set()
    return {field.alias or name for name, field in model.model_fields.items()}


def _homes(root: type[BaseModel], loc: Loc) -> tuple[str, ...]:
    """The sections just below where an unknown key was found that accept it: `max:` at the
    top level of a guide belongs under `skills:` (a key moved out from under its section)."""
    key, parent = loc[-1], loc[:-1]
    found = []
    for name in sorted(_allowed_keys(root, parent)):
        if key in _allowed_keys(root, (*parent, name)):
            found.append(dotted((*parent, name)))
    return tuple(found)
