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
    from .project import Flags
    from .settings import Settings

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
GuidePaths = Annotated[
    list[Path] | None,
    typer.Argument(help="Guide files or folders of guides.", show_default="guide/"),
]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")]
Formats = Annotated[str, typer.Option("--format", "-f", help="Comma-separated outputs: pdf, html.")]
Theme = Annotated[
    str | None,
    typer.Option(help="Theme name; see `careerguide themes`.", show_default="classic"),
]
PaperOption = Annotated[
    str | None, typer.Option(help="Paper size: letter or a4.", show_default="letter")
]
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
    layout: Annotated[
        str | None,
        typer.Option(
            help="Layout: guide (the full guide) or handout (one sheet).", show_default="guide"
        ),
    ] = None,
    theme: Theme = None,
    paper: PaperOption = None,
    allow_network: AllowNetwork = False,
    accent: Annotated[
        str | None, typer.Option(help="Accent colour: #rgb, #rrggbb or a CSS colour name.")
    ] = None,
    css: Annotated[
        list[Path] | None, typer.Option(help="Extra CSS file applied after the theme (repeatable).")
    ] = None,
    school: Annotated[
        str | None, typer.Option(help="School name for page 1 and the footer.")
    ] = None,
    logo: Annotated[
        Path | None, typer.Option(help="School logo for page 1: PNG, JPEG or SVG.")
    ] = None,
    counselor: Annotated[
        str | None, typer.Option(help='Printed on page 1: "Prepared by ...".')
    ] = None,
    contact: Annotated[str | None, typer.Option(help="How students reach the counselor.")] = None,
    footer_note: Annotated[
        str | None, typer.Option(help="A closing note printed after the last section.")
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option(
            help="CSV with columns student, careers (slugs separated by ;) and note: "
            "one handout PDF per student, from the guides in PATHS."
        ),
    ] = None,
    pdf_variant: PdfVariant = None,
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
    """Build guides into PDF and HTML handouts, one line per file written.

    The look and the school's marks can also be set in careerguide.yaml in the current folder; an option given here wins.
    """
    from .batch import Shard, build_many, default_jobs
    from .errors import GuideError
    from .progress import BatchReport
    from .project import Flags

    formats = _formats(format)
    flags = Flags(
        theme=theme,
        layout=layout,
        paper=paper,
        accent=accent,
        css=tuple(css or ()),
        school=school,
        logo=logo,
        counselor=counselor,
        contact=contact,
        footer_note=footer_note,
        pdf_variant=pdf_variant,
    )
    settings = _settings(flags, verbose)
    guides = _find(paths, verbose)
    _quiet_renderer_logs(verbose)
    if roster is None:
        try:
            guides = Shard.parse(shard).select(guides) if shard else guides
        except GuideError as error:
            _fail(str(error), verbose)
        report = BatchReport(len(guides), verbose)
        outcomes = build_many(
            guides, out, settings, formats, allow_network,
            jobs=jobs or default_jobs(), force=force, started=report.started,
        )  # fmt: skip
        if not report.follow(outcomes):
            raise typer.Exit(EXIT_INTERRUPTED)
        _exit_code(report.failures, len(guides))
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
    theme: Theme = None,
    paper: PaperOption = None,
    allow_network: AllowNetwork = False,
    pdf_variant: PdfVariant = None,
    verbose: Verbose = False,
) -> None:
    """Many guides in one PDF: a cover, contents with page numbers, a bookmark per career."""
    from .booklet import build_booklet
    from .project import Flags

    flags = Flags(theme=theme, paper=paper, school=school, pdf_variant=pdf_variant)
    settings = _settings(flags, verbose)
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


def _settings(flags: "Flags", verbose: bool) -> "Settings":
    """Settings from careerguide.yaml in the current folder, with the options on top."""
    from .errors import GuideError
    from .project import project_settings

    try:
        return project_settings(Path.cwd(), flags)
    except GuideError as error:
        _fail(str(error), verbose)


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
    _exit_code(failed, len(outcomes))


def _exit_code(failed: "list[Outcome]", total: int) -> None:
    """Exit 1 when something failed; 2 when nothing was built and every failure was the
    user's (a usage error, as for one bad guide)."""
    if failed:
        user_errors = all(outcome.detail is None for outcome in failed)
        raise typer.Exit(EXIT_USAGE if user_errors and len(failed) == total else EXIT_SOME_FAILED)


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
    handout: Annotated[
        bool,
        typer.Option(
            help="Also lay out each one-sheet handout (about a second a guide) to warn when "
            "it would leave sections out to fit two pages."
        ),
    ] = True,
) -> None:
    """Validate and lint guides without writing a PDF: errors, then warnings, one line each."""
    from .lint import check_guides
    from .project import Flags

    settings = _settings(Flags(), verbose=False) if handout else None
    guides = _find(paths, verbose=False)
    _quiet_renderer_logs(verbose=False)
    report = check_guides(guides, settings)
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
    from .project import Flags, project_settings
    from .watch import watch as watch_guides

    formats = _formats(format)
    _quiet_renderer_logs(verbose=False)
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its Ctrl-C notice; ours follows
    typer.echo("watching for changes; press Ctrl-C to stop", err=True)
    try:
        for rebuild in watch_guides(
            paths or [Path("guide")], out, lambda: project_settings(Path.cwd(), Flags()), formats
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


@app.command()
def themes() -> None:
    """List the themes (bundled and the project's own styles/), one line each."""
    from .compose import themes as find_themes
    from .settings import Settings

    found = find_themes(Settings(project_dir=Path.cwd()))
    width = max(map(len, found))
    for name, description in found.items():
        typer.echo(f"{name:<{width}}  {description}")


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="New (or empty) folder for the project.")],
    verbose: Verbose = False,
) -> None:
    """Start a project: guide/ with the example, careerguide.yaml, templates/ and styles/."""
    from .errors import GuideError
    from .scaffold import init_project

    try:
        written = init_project(folder)
    except GuideError as error:
        _fail(str(error), verbose)
    for path in written:
        typer.echo(f"wrote {path}")
    typer.echo(f"next: cd {folder} && careerguide build")


def _quiet_renderer_logs(verbose: bool) -> None:
    """WeasyPrint logs each refused URL with its own wording; ours is one line per URL."""
    logging.getLogger("weasyprint").setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def main() -> None:
    """Console entry point."""
    sys.exit(app())
