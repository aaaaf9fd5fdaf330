"""The theme's custom properties written into its rules once, for the PDF engine.

WeasyPrint resolves every `var(--name)` again for each element a rule applies to, and a
shorthand holding one (`border-bottom: 1.5pt solid var(--accent)`) is parsed again there
too: 4% of a guide's build. The themes set their custom properties on `:root` alone, so
each `var()` has one value for the whole page, and the stylesheet can hold that value
instead, once per process.

Only where that holds: a stylesheet declaring a custom property anywhere but `:root` (or
`body` with the same value, as mono does) is left as it is (another selector, inside
`@media`, `!important`), and so is a page whose own HTML declares one
(`with_values_if_flat`). The custom properties stay declared, so a `var()` the page itself
holds still finds them. A value that does not fit where it is used is now dropped as the
stylesheet is parsed, where the engine would have left that property unset; the themes'
values all fit.
"""

import re
from functools import lru_cache

import tinycss2
from tinycss2.ast import Declaration, FunctionBlock, Node, QualifiedRule

# A custom property declared in a page's HTML (a style attribute or element); a text that
# only looks like one just keeps the stylesheet as it is.
_DECLARED = re.compile(r"--[A-Za-z0-9_-]+\s*:")
# A stylesheet whose `var()`s nest deeper than this, or would write out more tokens than
# this in all (a stranger's properties each holding the next many times over grow without
# bound), is left for the engine to resolve, as is a cycle.
_MAX_DEPTH = 8
_MAX_TOKENS = 100_000


class _Unwritable(Exception):
    """The values would nest too deep or grow too large to write into the rules."""


def with_values_if_flat(css: str, html: str) -> str:
    """`css` with its `var()`s replaced by their values, where the page allows it."""
    return css if _DECLARED.search(html) else with_values(css)


@lru_cache(maxsize=16)
def with_values(css: str) -> str:
    """`css` with each `var(--name)` of a `:root` custom property replaced by its value.

    Left unchanged when a custom property is declared anywhere else, as the value could
    then differ from one element to another.
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True)
    values = _root_values(rules)
    if not values:
        return css
    budget = [_MAX_TOKENS]
    try:
        for rule in rules:
            if getattr(rule, "content", None):
                rule.content = _substituted(rule.content, values, 0, budget)
    except _Unwritable:
        return css
    return "".join(rule.serialize() for rule in rules)


def _root_values(rules: list[Node]) -> dict[str, list[Node]] | None:
    """The custom properties of the `:root` rules (the last one wins), or None if any is
    declared elsewhere or differs between `:root` and `body` (which a theme may also set)."""
    scopes: dict[str, dict[str, list[Node]]] = {":root": {}, "body": {}}
    for rule in rules:
        content = getattr(rule, "content", None)
        if rule.type == "at-rule" and content and _DECLARED.search(tinycss2.serialize(content)):
            return None
        if not isinstance(rule, QualifiedRule):
            continue
        custom = [
            item
            for item in tinycss2.parse_blocks_contents(rule.content)
            if isinstance(item, Declaration) and item.name.startswith("--")
        ]
        if not custom:
            continue
        selectors = {part.strip() for part in tinycss2.serialize(rule.prelude).split(",")}
        if not selectors <= scopes.keys() or any(item.important for item in custom):
            return None
        for selector in selectors:
            scopes[selector].update((item.name, item.value) for item in custom)
    root, body = scopes[":root"], scopes["body"]
    if any(name not in root or _text(root[name]) != _text(value) for name, value in body.items()):
        return None
    return root


def _text(value: list[Node]) -> str:
    return tinycss2.serialize(_stripped(value))


def _substituted(
    tokens: list[Node], values: dict[str, list[Node]], depth: int, budget: list[int]
) -> list[Node]:
    """`tokens` with each `var(--name)` of a known name replaced by its value's tokens;
    `budget` holds how many more tokens may be written in their place."""
    out: list[Node] = []
    for token in tokens:
        name = _var_name(token)
        if name in values:
            if depth >= _MAX_DEPTH:
                raise _Unwritable
            value = _substituted(_stripped(values[name]), values, depth + 1, budget)
            budget[0] -= len(value)
            if budget[0] < 0:
                raise _Unwritable
            out += value
            continue
        if hasattr(token, "content") and isinstance(token.content, list):
            token.content = _substituted(token.content, values, depth, budget)
        if isinstance(token, FunctionBlock):
            token.arguments = _substituted(token.arguments, values, depth, budget)
        out.append(token)
    return out


def _var_name(token: Node) -> str | None:
    """The custom property a `var()` names, when it names nothing else (no fallback)."""
    if not isinstance(token, FunctionBlock) or token.lower_name != "var":
        return None
    arguments = [arg for arg in token.arguments if arg.type not in ("whitespace", "comment")]
    if len(arguments) == 1 and arguments[0].type == "ident":
        return str(arguments[0].value)
    return None


def _stripped(value: list[Node]) -> list[Node]:
    """A custom property's value without the whitespace around it."""
    start, end = 0, len(value)
    while start < end and value[start].type in ("whitespace", "comment"):
        start += 1
    while end > start and value[end - 1].type in ("whitespace", "comment"):
        end -= 1
    return value[start:end]
