"""The `careerguide` command: wiring only; the work is done by the library modules.

Heavy modules (WeasyPrint, Jinja, pydantic models) are imported inside the commands so
`careerguide --help` answers at once.
"""

import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from .batch import Outcome
    from .settings import Settings

app = typer.Typer(
    help="Build print-ready career guides (PDF and HTML) from YAML files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


@app.callback()
def careerguide() -> None:
    """Build print-ready career guides (PDF and HTML) from YAML files."""


Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks for failures.")]


def _fail(message: str, verbose: bool = False) -> NoReturn:
    for line in message.splitlines():
        typer.echo(line, err=True)
    if verbose:
        import traceback

        traceback.print_exc()
    raise typer.Exit(EXIT_USAGE)


Theme = Annotated[str, typer.Option(help="Theme name; see `careerguide themes`.")]
PaperOption = Annotated[str, typer.Option(help="Paper size: letter or a4.")]
AllowNetwork = Annotated[
    bool, typer.Option(help="Let the renderer fetch http(s) URLs named in guides or styles.")
]
PdfVariant = Annotated[
    str | None,
    typer.Option(
        help="pdf/ua-1: tagged for screen readers (structure, language, alt text); "
        "pdf/a-3b: archival. Default: a plain PDF, fastest."
    ),
]


@app.command()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Guide files or folders of guides.", show_default="guide/"),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")] = Path(
        "build"
    ),
    format: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated outputs: pdf, html.")
    ] = "pdf,html",
    layout: Annotated[
        str, typer.Option(help="Layout: guide (the full guide) or handout (one sheet).")
    ] = "guide",
    theme: Theme = "classic",
    paper: PaperOption = "letter",
    allow_network: AllowNetwork = False,
    roster: Annotated[
        Path | None,
        typer.Option(
            help="CSV with columns student, careers (slugs separated by ;) and note: "
            "one handout PDF per student, from the guides in PATHS."
        ),
    ] = None,
    pdf_variant: PdfVariant = None,
    verbose: Verbose = False,
) -> None:
    """Build guides into PDF and HTML handouts, one line per file written."""
    from .batch import FORMATS, build_many
    from .errors import GuideError
    from .settings import LAYOUTS

    formats = tuple(part.strip() for part in format.split(",") if part.strip())
    if not formats or set(formats) - set(FORMATS):
        _fail(f"--format: expected a comma-separated list of {', '.join(FORMATS)}, got {format!r}")
    if layout not in LAYOUTS:
        _fail(f"--layout: expected one of {', '.join(LAYOUTS)}, got {layout!r}")
    settings = _settings(theme, paper, pdf_variant, layout=layout)
    guides = _find(paths, verbose)
    _quiet_renderer_logs(verbose)
    if roster is None:
        _exit(_report(build_many(guides, out, settings, formats, allow_network), verbose), "guides")
        return
    from .roster import build_roster

    try:
        rows = build_roster(roster, guides, out, settings, allow_network)
    except GuideError as error:
        _fail(str(error), verbose)
    _exit(_report(rows, verbose), "roster rows")


@app.command()
def booklet(
    paths: Annotated[list[Path], typer.Argument(help="Guide files or folders of guides.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The booklet PDF to write.")],
    title: Annotated[
        str | None, typer.Option(help="Title on the cover.", show_default="Career guides")
    ] = None,
    school: Annotated[str | None, typer.Option(help="School name on the cover.")] = None,
    theme: Theme = "classic",
    paper: PaperOption = "letter",
    allow_network: AllowNetwork = False,
    pdf_variant: PdfVariant = None,
    verbose: Verbose = False,
) -> None:
    """Many guides in one PDF: a cover, contents with page numbers, a bookmark per career."""
    from .booklet import build_booklet
    from .settings import Branding

    settings = _settings(theme, paper, pdf_variant, branding=Branding(school=school))
    guides = _find(paths, verbose)
    _quiet_renderer_logs(verbose)
    result = build_booklet(guides, output, settings, title=title, allow_network=allow_network)
    _report(result.failures, verbose)
    for warning in result.warnings:
        typer.echo(warning, err=True)
    if result.written:
        typer.echo(f"wrote {output} ({len(result.careers)} careers, {result.pages} pages)")
    if result.failures:
        typer.echo(f"{len(result.failures)} of {len(guides)} guides left out", err=True)
        raise typer.Exit(EXIT_SOME_FAILED if result.written else EXIT_USAGE)


def _settings(theme: str, paper: str, pdf_variant: str | None, **choices) -> "Settings":
    """Settings from the options every output command shares, checked one by one."""
    from .compose import themes
    from .errors import GuideError
    from .settings import PAPER_SIZES, PDF_VARIANTS, Settings

    if paper not in PAPER_SIZES:
        _fail(f"--paper: expected letter or a4, got {paper!r}")
    if pdf_variant is not None and pdf_variant not in PDF_VARIANTS:
        _fail(f"--pdf-variant: expected one of {', '.join(PDF_VARIANTS)}, got {pdf_variant!r}")
    settings = Settings(
        theme=theme, paper=paper, pdf_variant=pdf_variant, project_dir=Path.cwd(), **choices
    )  # type: ignore[arg-type]
    try:
        if theme not in themes(settings):
            _fail(f"--theme: no theme {theme!r}; choose from {', '.join(themes(settings))}")
    except GuideError as error:
        _fail(str(error))
    return settings


def _find(paths: list[Path] | None, verbose: bool) -> list[Path]:
    """The guide files named by PATHS (default guide/); none at all is a usage error."""
    from .batch import find_guides
    from .errors import GuideError

    named = paths or [Path("guide")]
    try:
        guides = find_guides(named)
    except GuideError as error:
        _fail(str(error), verbose)
    if not guides:
        _fail(f"no guide files (*.yaml) in {', '.join(map(str, named))}")
    return guides


def _report(outcomes: "Iterable[Outcome]", verbose: bool) -> "list[Outcome]":
    """Print each outcome as it comes: warnings and errors to stderr, written files to stdout."""
    reported = []
    for outcome in outcomes:
        for warning in outcome.warnings:
            typer.echo(warning, err=True)
        if outcome.error:
            for line in outcome.error.splitlines():
                typer.echo(line, err=True)
            if verbose and outcome.detail:
                typer.echo(outcome.detail, err=True)
        for path in outcome.written:
            typer.echo(f"wrote {path}")
        reported.append(outcome)
    return reported


def _exit(outcomes: "list[Outcome]", noun: str) -> None:
    failed = [outcome for outcome in outcomes if outcome.error]
    if failed:
        typer.echo(f"{len(failed)} of {len(outcomes)} {noun} failed", err=True)
        # Nothing built and every failure was the user's: a usage error, as for one bad guide.
        user_errors = all(outcome.detail is None for outcome in failed)
        raise typer.Exit(
            EXIT_USAGE if user_errors and len(failed) == len(outcomes) else EXIT_SOME_FAILED
        )


def _quiet_renderer_logs(verbose: bool) -> None:
    """WeasyPrint logs each refused URL with its own wording; ours is one line per URL."""
    logging.getLogger("weasyprint").setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def main() -> None:
    """Console entry point."""
    sys.exit(app())
