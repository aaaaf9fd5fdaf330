"""Templating: the sandboxed Jinja environment and what every template of a career sees.

Templates may come from a project folder shared like a theme, so they run in Jinja's
sandbox. Text from guides is escaped by autoescape; Markdown goes through `markup`, which
has raw HTML off.
"""

import contextlib
import hashlib
from collections.abc import Mapping
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
from ..core.model import Guide, Source
from ..core.resources import user_cache
from ..core.settings import Settings
from .faq import generated_faq
from .qr import qr_data_uri
from .themes import search_path


@cache
def _environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    # Sandboxed: a project's template override is shared like a theme, and plain Jinja
    # lets a template reach Python (`''.__class__.__mro__...`) and run anything.
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.bytecode_cache = _CompiledTemplates(env)
    env.filters["md"] = markup.inline
    env.filters["md_block"] = markup.block
    env.filters["css_string"] = css_string
    env.filters["safe_url"] = lambda url: url if url and markup.is_safe_url(url) else None
    env.tests["filled"] = filled
    env.filters["qr"] = qr_data_uri
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
        described = repr((type(env).__qualname__, env.undefined.__name__, sorted(settings.items())))
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
    if isinstance(value, BaseModel):
        return any(filled(v) for name, v in value if name not in _NOT_CONTENT)
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


def guide_context(guide: Guide, settings: Settings, today: date | None = None) -> dict[str, Any]:
    """What every template of one career sees: the guide, its words, formatters and sources."""
    words = labels(guide.career.language)
    fmt = formatters(words["locale"])
    numbers = source_numbers(guide)
    sources: list[Source] = sorted(guide.sources, key=lambda source: numbers[source.id])
    return {
        "guide": guide,
        "career": guide.career,
        "L": words,
        "numbers": numbers,
        "sources": sources,
        "branding": settings.branding,
        "settings": settings,
        "fmt": fmt,
        "faq": guide.faq or generated_faq(guide, words, fmt),
        "updated": guide.career.updated or today or date.today(),
    }


def render_template(settings: Settings, name: str, context: Mapping[str, Any]) -> str:
    """Render one template (the project's copy first, then the bundled one)."""
    folders = tuple(search_path(settings, "templates"))
    try:
        template = _environment(folders).get_template(name)
    except jinja2.TemplateNotFound:
        missing = f"no template {name} in {', '.join(map(str, folders))}"
        raise GuideError(Problem.about("", missing)) from None
    try:
        return template.render(context)
    except jinja2.sandbox.SecurityError as error:
        stopped = f"a template tried an unsafe operation and was stopped: {error}"
        raise GuideError(Problem.about("", stopped)) from None
