"""Where the words users read about their files are written.

- The wording of every pydantic error type (a value of the wrong kind, out of range, an
  unknown key with a "did you mean"), shared by guides and `careerguide.yaml`:
  `for_validation_error`, in our own words keyed on the error's type, never pydantic's text.
- Rules across fields (a score over `max`, shares over 100, an unknown source id) word their
  message beside the rule, in `model.py`, because the message restates the rule.
- YAML that cannot be read (syntax, tags, limits) and keys that are not names: `load.py`.
- The checks of options (a theme, a colour, a logo): `options.py` and `marks.py`.
- Warnings about a valid guide: the rules of `authoring/check.py`.

Every one of them reaches the user as a `Problem`, one line each with its file and line.
"""

import difflib
from collections.abc import Mapping
from typing import Any

Loc = tuple[str | int, ...]


def did_you_mean(word: str, choices: set[str]) -> str:
    """A "did you mean" suffix, or nothing when no choice is close."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f" (did you mean {match[0]!r}?)" if match else ""


def printable(text: str) -> str:
    """Text for a one-line message: as written, or quoted with escapes if it holds a newline."""
    return text if text.isprintable() else repr(text)


def for_validation_error(detail: Mapping[str, Any], loc: Loc, allowed: set[str]) -> str:
    """Our own wording for each pydantic error type (never a rewrite of pydantic's text).

    `allowed` holds the keys accepted where an unknown key was found, for a hint.
    """
    kind, ctx, value = detail["type"], detail.get("ctx") or {}, detail.get("input")
    shown = show(value)
    if kind == "value_error":
        return str(ctx["error"])
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
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


def show(value: Any) -> str:
    """A value as a message quotes it: text in quotes, long values cut, mappings and lists named."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."
