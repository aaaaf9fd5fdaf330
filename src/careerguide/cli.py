"""The `careerguide` command: wiring only; the work is done by the library modules.

Heavy modules (WeasyPrint, Jinja, pydantic models) are imported inside the commands so
`careerguide --help` answers at once.
"""

import logging
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

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
GuidePaths = Annotated[
    list[Path] | None,
    typer.Argument(help="Guide files or folders of guides.", show_default="guide/"),
]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")]
Formats = Annotated[str, typer.Option("--format", "-f", help="Comma-separated outputs: pdf, html.")]


def _fail(message: str, verbose: bool = False) -> NoReturn:
    for line in message.splitlines():
        typer.echo(line, err=True)
    if verbose:
        import traceback

        traceback.print_exc()
    raise typer.Exit(EXIT_USAGE)


@app.command()
def build(
    paths: GuidePaths = None,
    out: OutDir = Path("build"),
    format: Formats = "pdf,html",
    layout: Annotated[str, typer.Option(help="Layout: guide (the full guide).")] = "guide",
    theme: Annotated[str, typer.Option(help="Theme name; see `careerguide themes`.")] = "classic",
    paper: Annotated[str, typer.Option(help="Paper size: letter or a4.")] = "letter",
    allow_network: Annotated[
        bool, typer.Option(help="Let the renderer fetch http(s) URLs named in guides or styles.")
    ] = False,
    verbose: Verbose = False,
) -> None:
    """Build guides into PDF and HTML handouts, one line per file written."""
    from .batch import build_many, find_guides
    from .errors import GuideError
    from .settings import LAYOUTS, PAPER_SIZES, Settings

    formats = _formats(format)
    if paper not in PAPER_SIZES:
        _fail(f"--paper: expected letter or a4, got {paper!r}")
    if layout not in LAYOUTS:
        _fail(f"--layout: expected one of {', '.join(LAYOUTS)}, got {layout!r}")
    settings = Settings(layout=layout, theme=theme, paper=paper, project_dir=Path.cwd())  # type: ignore[arg-type]
    try:
        from .compose import themes

        if theme not in themes(settings):
            _fail(f"--theme: no theme {theme!r}; choose from {', '.join(themes(settings))}")
        guides = find_guides(paths or [Path("guide")])
    except GuideError as error:
        _fail(str(error), verbose)
    if not guides:
        _fail(f"no guide files (*.yaml) in {', '.join(map(str, paths or [Path('guide')]))}")
    _quiet_renderer_logs(verbose)
    failed, user_errors = 0, 0
    for outcome in build_many(guides, out, settings, formats, allow_network):
        for warning in outcome.warnings:
            typer.echo(warning, err=True)
        if outcome.error:
            failed += 1
            user_errors += outcome.detail is None
            for line in outcome.error.splitlines():
                typer.echo(line, err=True)
            if verbose and outcome.detail:
                typer.echo(outcome.detail, err=True)
        for path in outcome.written:
            typer.echo(f"wrote {path}")
    if failed:
        typer.echo(f"{failed} of {len(guides)} guides failed", err=True)
        # Nothing built and every failure was the user's: a usage error, as for one bad guide.
        raise typer.Exit(EXIT_USAGE if user_errors == len(guides) else EXIT_SOME_FAILED)


def _formats(option: str) -> tuple[str, ...]:
    """The outputs named by `--format`, or a usage error."""
    from .batch import FORMATS

    formats = tuple(part.strip() for part in option.split(",") if part.strip())
    if not formats or set(formats) - set(FORMATS):
        _fail(f"--format: expected a comma-separated list of {', '.join(FORMATS)}, got {option!r}")
    return formats


@app.command()
def new(
    title: Annotated[str, typer.Argument(help='Career title, e.g. "Park Ranger".')],
    folder: Annotated[Path, typer.Option("--dir", help="Folder for the new guide.")] = Path(
        "guide"
    ),
    language: Annotated[str, typer.Option(help="Language of the guide: en or es.")] = "en",
) -> None:
    """Write a commented skeleton guide that builds as it is; never overwrites a file."""
    from .errors import GuideError
    from .scaffold import new_guide

    if language not in ("en", "es"):
        _fail(f"--language: expected en or es, got {language!r}")
    try:
        typer.echo(f"wrote {new_guide(title, folder, language)}")
    except GuideError as error:
        _fail(str(error))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the guide file (for editor autocomplete and validation)."""
    from .model import guide_schema

    typer.echo(guide_schema(), nl=False)


@app.command()
def check(
    paths: GuidePaths = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 when there are warnings.")] = False,
) -> None:
    """Validate and lint guides without rendering: errors, then warnings, one line each."""
    from .batch import find_guides
    from .errors import GuideError
    from .lint import check_guides

    try:
        report = check_guides(find_guides(paths or [Path("guide")]))
    except GuideError as error:
        _fail(str(error))
    for problem in report.errors + report.warnings:
        typer.echo(str(problem))
    counts = [
        (report.checked, "guide"),
        (len(report.errors), "error"),
        (len(report.warnings), "warning"),
    ]
    checked, errors, warnings = (f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
    typer.echo(f"checked {checked}: {errors}, {warnings}", err=True)
    if report.errors:
        raise typer.Exit(EXIT_USAGE)
    if strict and report.warnings:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def watch(
    paths: GuidePaths = None,
    out: OutDir = Path("build"),
    format: Formats = "pdf,html",
) -> None:
    """Build, then rebuild a guide whenever it, a template, a style or careerguide.yaml is saved."""
    from .errors import GuideError
    from .settings import Settings
    from .watch import watch as watch_guides

    formats = _formats(format)
    _quiet_renderer_logs(verbose=False)
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its Ctrl-C notice; ours follows
    typer.echo("watching for changes; press Ctrl-C to stop", err=True)
    try:
        for rebuild in watch_guides(
            paths or [Path("guide")], out, Settings(project_dir=Path.cwd()), formats
        ):
            outcome, stamp = rebuild.outcome, f"{rebuild.finished:%H:%M:%S}"
            if outcome.error:
                typer.echo(f"{stamp} failed {outcome.source} ({rebuild.seconds:.1f} s)", err=True)
                typer.echo(outcome.error, err=True)
            else:
                written = ", ".join(map(str, outcome.written))
                typer.echo(f"{stamp} built {outcome.source} ({rebuild.seconds:.1f} s): {written}")
    except GuideError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        pass  # Ctrl-C during a build: stop as quietly as during the wait
    typer.echo("stopped watching", err=True)


def _quiet_renderer_logs(verbose: bool) -> None:
    """WeasyPrint logs each refused URL with its own wording; ours is one line per URL."""
    logging.getLogger("weasyprint").setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def main() -> None:
    """Console entry point."""
    sys.exit(app())
