"""Templating: the sandboxed Jinja environment and what every template of a career sees.

Templates may come from a project folder shared like a theme, so a stranger may have
written them: they run in Jinja's sandbox, see plain data only (no Python object whose
methods reach files or code), and are stopped when they compute or print too much. Text
from guides is escaped by autoescape; Markdown goes through `markup`, which has raw HTML off.
"""

import contextlib
import dataclasses
import functools
import hashlib
import math
import re
import traceback
import types
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from markupsafe import Markup
from pydantic import BaseModel

from .. import __version__
from ..core import markup
from ..core.errors import GuideError, Problem
from ..core.labels import formatters, labels
from ..core.resources import user_cache
from ..guidefile.model import Guide, Source
from ..settings.model import Settings
from .faq import generated_faq
from .loader import GatedLoader
from .qr import qr_data_uri
from .themes import search_path
from .typography import typeset, url_text

# What one template may make: a longer string or list from an operator, filter or method,
# a larger number (in bits) from `*` or `**`, a longer page. Far above any real guide, far
# below what takes minutes or gigabytes.
MAX_ITEMS = 1_000_000
MAX_BITS = 10_000
# Characters of rendered HTML a template may print beyond twice the text it was given (a
# booklet's page holds its careers' bodies): the bundled guides print 41,000 at most.
MAX_OUTPUT = 1_000_000


class _BoundedCompiler(jinja2.compiler.CodeGenerator):
    """Compiles `a ~ b` to pass its result through `environment.bounded`: doubling a text
    with `~` in a loop would otherwise reach gigabytes in thirty steps."""

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: jinja2.compiler.Frame) -> None:
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's sandbox, refusing values too large to compute quickly: from `*`, `**`, `+`,
    `%` and `~`, and from a method or filter asked for a huge width or count.

    `range()` is already capped by Jinja (MAX_RANGE items). Templates see plain dicts, so a
    name that is both a key and a dict method (`skills.items`) means the key.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCompiler

    @staticmethod
    def bounded(value: Any) -> Any:
        """`value` if it is no longer than MAX_ITEMS, else a SecurityError."""
        if isinstance(value, str | list | tuple) and len(value) > MAX_ITEMS:
            raise jinja2.sandbox.SecurityError(f"a value would be longer than {MAX_ITEMS:,} items")
        return value

    def call(self, context: jinja2.runtime.Context, obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, str):  # "x".center(n), .zfill(n), .join(...), .format(...)
            _check_counts(args, kwargs)
            _check_string_method(owner, getattr(obj, "__name__", ""), args, kwargs)
        return self.bounded(super().call(context, obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_format_widths(left)
        try:
            return self.bounded(super().call_binop(context, operator, left, right))
        except OverflowError as error:
            too_large = f"the result of {operator} is too large ({error})"
            raise jinja2.sandbox.SecurityError(too_large) from None


def _check_counts(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a width or count that would make a huge value (`center(10**9)`)."""
    for value in (*args, *kwargs.values()):
        if _whole(value) and value > MAX_ITEMS:
            raise jinja2.sandbox.SecurityError(f"{value:,} is more than {MAX_ITEMS:,} items")


# A width or precision in a printf-style format, after an optional mapping key:
# `%1000000000s`, `%.9999999f`, `%(a)999999999s`.
_FORMAT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
# Any number in a `str.format` field's spec: `{:>999999999}`, `{0:.999999999f}`.
_BRACE_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d+)")


def _check_format_widths(text: str) -> None:
    """Refuse `"%999999999s" % x` and `"{:999999999}".format(x)`: the width is allocated
    before anything is printed."""
    sizes = [size for match in _FORMAT_WIDTH.finditer(text) for size in match.groups()]
    sizes += _BRACE_WIDTH.findall(text)
    for size in sizes:
        if size == "*" or (size and int(size) > MAX_ITEMS):
            raise jinja2.sandbox.SecurityError(f"a format width is larger than {MAX_ITEMS:,}")


def _refuse_longer(length: int, what: str) -> None:
    if length > MAX_ITEMS:
        raise jinja2.sandbox.SecurityError(f"{what} would be longer than {MAX_ITEMS:,} items")


def _check_string_method(
    text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    """Refuse a string method whose result would be huge, before it is made: a separator
    joining many long texts, a replacement multiplied by every match, a format's width."""
    if name == "join" and args:
        _check_join(args[0], text)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        old, new = args[0], args[1]
        matches = text.count(old) if old else len(text) + 1
        _refuse_longer(len(text) + matches * len(str(new)), "the result of replace")
    elif name in ("format", "format_map"):
        _check_format_widths(text)
    elif name == "expandtabs" and args and _whole(args[0]):
        _refuse_longer(len(text) * max(args[0], 1), "the result of expandtabs")


def _check_join(items: Any, separator: str = "") -> None:
    """Refuse joining texts whose lengths add up past MAX_ITEMS (counted before joining)."""
    if isinstance(items, str | list | tuple):
        total = len(separator) * len(items)
        for item in items:
            total += len(item) if isinstance(item, str) else 32  # a number's few digits
            _refuse_longer(total, "the result of join")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter that refuses a huge width or count (`|center(10**9)`), a join,
    replace, indent or format that would be huge, and any result longer than MAX_ITEMS."""
    # Jinja passes some filters the environment or context before the value.
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, rest = (args[skip], args[skip + 1 :]) if len(args) > skip else (None, ())
        _check_counts(rest, kwargs)
        if name == "join" and value is not None:
            if not isinstance(value, str | list | tuple):  # `map(...)`: counted, then joined
                value = list(value)
                args = (*args[:skip], value, *rest)
            _check_join(value, str(rest[0] if rest else kwargs.get("d", "")))
        elif name == "format" and isinstance(value, str):
            _check_format_widths(value)
        elif name == "replace" and isinstance(value, str):
            _check_string_method(value, "replace", rest[:2], {})
        elif name == "indent" and isinstance(value, str):
            width = rest[0] if rest else kwargs.get("width", 4)
            each = len(width) if isinstance(width, str) else width if _whole(width) else 0
            _refuse_longer(len(value) + (value.count("\n") + 1) * each, "the result of indent")
        return _Sandbox.bounded(function(*args, **kwargs))

    return bounded


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_product(left: Any, right: Any) -> None:
    """Refuse `left * right` when it would make a huge string, list or number."""
    for sequence, times in ((left, right), (right, left)):
        repeated = isinstance(sequence, str | list | tuple) and isinstance(times, int)
        if repeated and len(sequence) * times > MAX_ITEMS:
            raise jinja2.sandbox.SecurityError(
                f"the result of * would be longer than {MAX_ITEMS:,} items"
            )
    if _whole(left) and _whole(right) and left.bit_length() + right.bit_length() > MAX_BITS:
        raise jinja2.sandbox.SecurityError(
            f"the result of * would be larger than {MAX_BITS:,} bits"
        )


def _check_power(base: Any, exponent: Any) -> None:
    """Refuse `base ** exponent` when the number would be huge (floats overflow on their own)."""
    growing = _whole(base) and _whole(exponent) and abs(base) > 1 and exponent > 0
    # Past MAX_BITS, the exponent alone is too large (and too large to turn into a float).
    if growing and (exponent > MAX_BITS or exponent * math.log2(abs(base)) > MAX_BITS):
        raise jinja2.sandbox.SecurityError(
            f"the result of ** would be larger than {MAX_BITS:,} bits"
        )


@cache
def _environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    # Sandboxed: a project's template override is shared like a theme, and plain Jinja
    # lets a template reach Python (`''.__class__.__mro__...`) and run anything.
    env = _Sandbox(
        loader=GatedLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.bytecode_cache = _CompiledTemplates(env)
    env.filters = {name: _bounded_filter(name, function) for name, function in env.filters.items()}
    env.filters["md"] = markup.inline
    env.filters["md_block"] = markup.block
    env.filters["css_string"] = css_string
    env.filters["safe_url"] = lambda url: url if url and markup.is_safe_url(url) else None
    env.tests["filled"] = filled
    env.filters["qr"] = qr_data_uri
    env.filters["url_text"] = url_text
    # Placeholder text no layout prints, whose paragraph count a template could set to millions.
    env.globals.pop("lipsum", None)
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs: compiling them is most of a cold build's
    composing (80 ms). Jinja recompiles a template whose source changed; a cache folder
    that cannot be written only costs that time again.

    Jinja keys its cache on the template file alone, so the folder is named after the
    environment's settings (sandbox, autoescape, whitespace, versions): code compiled by an
    environment set up differently is never loaded by this one.
    """

    def __init__(self, env: jinja2.Environment) -> None:
        settings = {
            k: v for k, v in vars(env).items() if isinstance(v, bool | int | str | frozenset)
        }
        # The compiler's name too: code compiled without `bounded` must not be loaded
        # (rename `_BoundedCompiler` when what it compiles changes).
        binops = sorted(getattr(env, "intercepted_binops", ()))
        compiler = env.code_generator_class.__qualname__
        described = repr(
            (
                type(env).__qualname__,
                compiler,
                env.undefined.__name__,
                binops,
                sorted(settings.items()),
            )
        )
        versions = f"{jinja2.__version__}|{__version__}|{described}"
        folder = user_cache() / "templates" / hashlib.sha256(versions.encode()).hexdigest()[:16]
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


# Settings of a section, not content: a section holding only these prints nothing.
_NOT_CONTENT = frozenset({"cite", "threshold", "max", "currency"})


def filled(value: Any) -> bool:
    """Whether a section has anything to print (so an empty one leaves no heading)."""
    if isinstance(value, Mapping):
        return any(filled(v) for name, v in value.items() if name not in _NOT_CONTENT)
    if isinstance(value, list | tuple):
        return any(filled(item) for item in value)
    return value not in (None, "")


def css_string(text: str) -> Markup:
    """A CSS string literal holding `text` (for running footers built in CSS)."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-·:()'" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def source_numbers(guide: Guide) -> dict[str, int]:
    """Source id -> its printed number: in order of first citation, uncited ones last."""
    order: list[str] = []
    for _, ids in guide.citations():
        order += [source_id for source_id in ids if source_id not in order]
    order += [source.id for source in guide.sources if source.id not in order]
    return {source_id: number for number, source_id in enumerate(order, start=1)}


# Settings templates have no use for: the files the build reads, and the school's words in
# other languages (a template sees `branding` for its guide's language).
_FILE_SETTINGS = frozenset({"project_dir", "extra_css", "by_language"})


def settings_data(settings: Settings) -> dict[str, Any]:
    """The settings as templates see them: the choices, without the folders and files."""
    data = {
        field.name: getattr(settings, field.name)
        for field in dataclasses.fields(settings)
        if field.name not in _FILE_SETTINGS
    }
    return data | {"branding": dataclasses.asdict(settings.branding)}


def guide_context(guide: Guide, settings: Settings, today: date | None = None) -> dict[str, Any]:
    """What every template of one career sees: the guide, its words, formatters and sources.

    Models are turned into plain data by `render_template`; the settings are chosen here.
    """
    words = labels(guide.career.language)
    if guide.career.updated is None:
        # The date printed is then the day of the build, not when the facts were checked:
        # the footer and header call it "printed", not "updated".
        words = {**words, "updated": words["printed"]}
    fmt = formatters(words["locale"])
    numbers = source_numbers(guide)
    sources: list[Source] = sorted(guide.sources, key=lambda source: numbers[source.id])
    return {
        "guide": guide,
        "career": guide.career,
        "L": words,
        "numbers": numbers,
        "sources": sources,
        "branding": dataclasses.asdict(settings.branding_for(guide.career.language)),
        "settings": settings_data(settings),
        "fmt": fmt,
        "faq": guide.faq or generated_faq(guide, words, fmt),
        "updated": guide.career.updated or today or date.today(),
    }


_PLAIN = (str, Markup, bool, int, float, date)


def plain(value: Any) -> Any:
    """`value` as data a template may see: strings (Markup stays Markup), numbers, booleans,
    None, dates, and lists and dicts of them; a guide model becomes its dict.

    Anything else raises TypeError: a live object (a Path, a settings object) has methods
    that reach files and code, and a template may come from a stranger.
    """
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, BaseModel):
        return plain(value.model_dump(mode="python"))
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    raise TypeError(f"templates see plain data only, not a {type(value).__qualname__}")


def _formatter_functions(value: Any) -> dict[str, Any]:
    """`fmt`: our own formatting functions, the one kind of callable a template gets."""
    if isinstance(value, dict) and all(
        isinstance(key, str) and isinstance(function, types.FunctionType)
        for key, function in value.items()
    ):
        return dict(value)
    raise TypeError(f"fmt should map names to formatting functions, not {value!r}")


def template_data(context: Mapping[str, Any]) -> dict[str, Any]:
    """The whole context as plain data, `fmt` kept as its functions."""
    return {
        name: _formatter_functions(value) if name == "fmt" else plain(value)
        for name, value in context.items()
    }


def _text_size(value: Any) -> int:
    """Characters of text in plain data: what a template was given to print."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_size(key) + _text_size(item) for key, item in value.items())
    if isinstance(value, list):
        return sum(_text_size(item) for item in value)
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _template_place(error: BaseException) -> tuple[str, int | None]:
    """The template file and line a rendering error came from (Jinja rewrites tracebacks)."""
    for frame, line in reversed(list(traceback.walk_tb(error.__traceback__))):
        if frame.f_code.co_filename.endswith(".j2"):
            return frame.f_code.co_filename, line
    return "", None


def render_template(settings: Settings, name: str, context: Mapping[str, Any]) -> str:
    """Render one template (the project's copy first, then the bundled one), its text set
    with typographic punctuation (`typeset`: one place for every text of every page).

    The context is made plain data first (`plain`). A template that does something unsafe,
    breaks, or prints more than MAX_OUTPUT characters beyond twice the text it was given, is
    a user error, in one line.
    """
    folders = tuple(search_path(settings, "templates"))
    try:
        template = _environment(folders).get_template(name)
    except jinja2.TemplateNotFound:
        missing = f"no template {name} in {', '.join(map(str, folders))}"
        raise GuideError(Problem.about("", missing)) from None
    except jinja2.TemplateSyntaxError as error:
        message = _one_line(f"template syntax error: {error.message}")
        raise GuideError(Problem(error.filename or name, message, error.lineno, None)) from None
    data = template_data(context)
    limit = MAX_OUTPUT + 2 * _text_size(data)
    parts: list[str] = []
    size = 0
    try:
        for part in template.generate(data):
            size += len(part)
            if size > limit:
                too_large = (
                    f"the output of template {name} is too large"
                    f" (over {limit:,} characters); it was stopped"
                )
                raise GuideError(Problem.about("", too_large))
            parts.append(part)
    except jinja2.sandbox.SecurityError as error:
        path, line = _template_place(error)
        stopped = _one_line(f"the template tried an unsafe operation and was stopped: {error}")
        raise GuideError(Problem(path or name, stopped, line, None)) from None
    except jinja2.TemplateSyntaxError as error:  # an included template that does not parse
        message = _one_line(f"template syntax error: {error.message}")
        raise GuideError(Problem(error.filename or name, message, error.lineno, None)) from None
    except (MemoryError, GuideError):
        raise  # the budget's (naming the guide and the limit), or already in our words
    except Exception as error:
        # Jinja's own errors, a template's own sums (1 / 0), Jinja's cap on range() (an
        # OverflowError past MAX_RANGE items), a macro calling itself (RecursionError), a
        # filter given what it cannot take (`guide|tojson`): all the template's doing.
        path, line = _template_place(error)
        kind = "" if isinstance(error, jinja2.TemplateError) else f"{type(error).__name__}: "
        message = _one_line(f"template error: {kind}{error}")
        raise GuideError(Problem(path or name, message, line, None)) from None
    return typeset("".join(parts))
