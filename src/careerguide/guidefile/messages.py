"""Where the words users read about their files are written.

- The wording of every pydantic error type (a value of the wrong kind, out of range, an
  unknown key with a "did you mean"), shared by guides and `careerguide.yaml`:
  `for_validation_error`, in our own words keyed on the error's type, never pydantic's text.
- Rules across fields (a score over `max`, shares over 100, an unknown source id) word their
  message beside the rule, in `rules.py`, because the message restates the rule.
- YAML syntax mistakes, in plain words at the place to edit, with the fix: `yaml_syntax`.
- YAML refused for its tags or limits, and keys that are not names: `load.py`.
- The checks of options (a theme, a colour, a logo): `settings/options.py` and `settings/marks.py`.
- Warnings about a valid guide: the rules of `authoring/check.py`.

Every one of them reaches the user as a `Problem`, one line each with its file and line.
"""

import difflib
import re
from collections.abc import Mapping
from typing import Any

import yaml

Loc = tuple[str | int, ...]


def did_you_mean(word: str, choices: set[str]) -> str:
    """A "did you mean" suffix, or nothing when no choice is close."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f" (did you mean {match[0]!r}?)" if match else ""


def printable(text: str) -> str:
    """Text for a one-line message: as written, or quoted with escapes if it holds a newline."""
    return text if text.isprintable() else repr(text)


def for_validation_error(
    detail: Mapping[str, Any], loc: Loc, allowed: set[str], homes: tuple[str, ...] = ()
) -> str:
    """Our own wording for each pydantic error type (never a rewrite of pydantic's text).

    `allowed` holds the keys accepted where an unknown key was found, for a hint; `homes`
    the sections that do take that key, for a key moved out from under its section.
    """
    kind, ctx, value = detail["type"], detail.get("ctx") or {}, detail.get("input")
    shown = show(value)
    if kind == "value_error":
        return str(ctx["error"])
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        if homes:
            under = " or ".join(f"`{home}:`" for home in homes)
            return f"unknown key here; indent it under {under}, where it belongs"
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
    if kind.startswith("bool_"):
        return f"{shown} must be true or false"
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


def show(value: Any) -> str:
    """A value as a message quotes it: text in quotes, long values cut, mappings and lists named."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def yaml_syntax(error: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Mark | None, str]:
    """Where to edit and what to do for a YAML syntax mistake a counselor is likely to make.

    PyYAML reports where it gave up, which for an unclosed quote or bracket is the end of
    the file or a line late; the place to edit is where the quote or bracket opened.
    """
    context, problem = error.context or "", error.problem or ""
    if context.startswith("while scanning a quoted scalar"):
        return error.context_mark, (
            "YAML: the quoted text that starts here has no closing quote;"
            " add it where the text ends"
        )
    if "found character '\\t'" in problem:
        return error.problem_mark, "YAML: a tab character; indent with spaces only"
    if problem.startswith("expected <block end>") and error.problem_mark:
        return error.problem_mark, _misaligned(text, error.problem_mark.line)
    if problem.startswith("mapping values are not allowed here") and error.problem_mark:
        swallowed = _key_inside_text(text, error.problem_mark.line, error.problem_mark.column)
        if swallowed:
            row = error.problem_mark.line
            key_mark = yaml.Mark("", 0, row, _indent(text.splitlines()[row]), None, 0)
            return key_mark, swallowed
        return error.problem_mark, (
            "YAML: a colon followed by a space inside text; put the whole text in quotes, as in "
            + _quoted_example(text, error.problem_mark.line)
        )
    for kind, opening, closing in (("sequence", "[", "]"), ("mapping", "{", "}")):
        if context.startswith(f"while parsing a flow {kind}") and error.context_mark:
            return error.context_mark, (
                f"YAML: the {opening} that opens here has no closing {closing};"
                f" add {closing} after the last item"
            )
    words = " ".join(" ".join(filter(None, (context, problem))).split()) or "invalid"
    return error.problem_mark or error.context_mark, "YAML: " + words


_KEY = re.compile(r"([A-Za-z_][\w-]*):(\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _misaligned(text: str, row: int) -> str:
    """A line indented to no level above it: a list item a space short, a key a space out.

    The fix is the indentation of the nearest line above of the same kind (a `- item` or a
    `key:`) whose indentation is closest to this one's.
    """
    lines = text.splitlines()
    line = lines[row] if row < len(lines) else ""
    item = line.lstrip().startswith("-")
    indent, best = _indent(line), None
    for number in range(row - 1, -1, -1):
        other = lines[number].strip()
        if not other or other.startswith("#") or other.startswith("-") != item:
            continue
        if not item and not _KEY.match(other):
            continue
        distance = abs(_indent(lines[number]) - indent)
        if distance and (best is None or distance < best[0]):
            best = (distance, number)
    what = "list item" if item else "key"
    spaces = f"{indent} space{'' if indent == 1 else 's'}"
    if best is None:
        return f"YAML: this {what} is indented {spaces}, which lines up with nothing above it"
    number = best[1]
    other = lines[number]
    return (
        f"YAML: this {what} is indented {spaces}, which lines up with nothing above it; "
        f"indent it {_indent(other)} spaces, like line {number + 1}: {show(other.strip())}"
    )


def _key_inside_text(text: str, row: int, column: int) -> str | None:
    """For a `key:` line indented under a `key: text` line, which YAML reads as more of the
    text: the words that say so, else None (the colon really is inside a text)."""
    lines = text.splitlines()
    found = _KEY.match(lines[row].strip()) if row < len(lines) else None
    if found is None or _indent(lines[row]) + len(found[1]) != column:
        return None
    above = next(
        (
            n
            for n in range(row - 1, -1, -1)
            if lines[n].strip() and _indent(lines[n]) < _indent(lines[row])
        ),
        None,
    )
    if above is None or not _KEY.match(lines[above].strip()):
        return None
    if not lines[above].partition(":")[2].strip():
        return None  # `section:` with nothing after it holds no text
    key, owner = lines[row].strip().partition(":")[0], lines[above].strip().partition(":")[0]
    return (
        f"YAML: `{key}:` is indented further than `{owner}:` on line {above + 1}, so it reads "
        f"as more of its text; indent `{key}:` {_indent(lines[above])} spaces, like `{owner}:`"
    )


def _quoted_example(text: str, line: int) -> str:
    """The line with its value in double quotes: `summary: "Nurses: they care"`."""
    lines = text.splitlines()
    source = lines[line].strip() if line < len(lines) else ""
    key, separator, value = source.partition(": ")
    if not separator:
        return 'key: "text: more text"'
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{key}: "{escaped}"'
