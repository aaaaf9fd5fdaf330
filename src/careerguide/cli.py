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

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


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
    layout: Annotated[str, typer.Option(help="Layout: guide (the full guide).")] = "guide",
    theme: Annotated[str, typer.Option(help="Theme name; see `careerguide themes`.")] = "classic",
    paper: Annotated[str, typer.Option(help="Paper size: letter or a4.")] = "letter",
    allow_network: Annotated[
        bool, typer.Option(help="Let the renderer fetch http(s) URLs named in guides or styles.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes building guides side by side.",
            show_default="CPUs",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Rebuild every guide, even those unchanged since the last build.")
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(help="Build only slice K of N (K/N), to spread a build over N machines."),
    ] = None,
    verbose: Verbose = False,
) -> None:
    """Build guides into PDF and HTML handouts, one line per file written."""
    from .batch import FORMATS, Shard, build_many, default_jobs, find_guides
    from .errors import GuideError
    from .progress import BatchReport
    from .settings import LAYOUTS, PAPER_SIZES, Settings

    formats = tuple(part.strip() for part in format.split(",") if part.strip())
    if not formats or set(formats) - set(FORMATS):
        _fail(f"--format: expected a comma-separated list of {', '.join(FORMATS)}, got {format!r}")
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
        slice_ = Shard.parse(shard) if shard else None
    except GuideError as error:
        _fail(str(error), verbose)
    if not guides:
        _fail(f"no guide files (*.yaml) in {', '.join(map(str, paths or [Path('guide')]))}")
    if slice_ is not None:
        guides = slice_.select(guides)
    _quiet_renderer_logs(verbose)
    report = BatchReport(len(guides), verbose)
    outcomes = build_many(
        guides, out, settings, formats, allow_network,
        jobs=jobs or default_jobs(), force=force, started=report.started,
    )  # fmt: skip
    if not report.follow(outcomes):
        raise typer.Exit(EXIT_INTERRUPTED)
    if report.failed:
        # Nothing built and every failure was the user's: a usage error, as for one bad guide.
        raise typer.Exit(EXIT_USAGE if report.user_errors == len(guides) else EXIT_SOME_FAILED)


def _quiet_renderer_logs(verbose: bool) -> None:
    """WeasyPrint logs each refused URL with its own wording; ours is one line per URL."""
    logging.getLogger("weasyprint").setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def main() -> None:
    """Console entry point."""
    sys.exit(app())
