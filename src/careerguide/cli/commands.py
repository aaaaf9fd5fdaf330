"""The `careerguide` commands: wiring only; the work is done by the layers below.

Heavy modules (WeasyPrint, Jinja, pydantic models) are imported inside the commands so
`careerguide --help` answers at once. A user's mistake is raised as `GuideError` and
printed by `options.command`; outcomes are printed by `build.progress.OutcomePrinter`.
"""

import logging
import sys
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..core.errors import GuideError, Problem
from .options import EXIT_INTERRUPTED, EXIT_SOME_FAILED, EXIT_USAGE, command, with_options

if TYPE_CHECKING:
    from ..authoring.importer import Imported
    from ..orchestration.guides import Found
    from ..orchestration.outcome import Outcome
    from ..settings.model import Settings

app = typer.Typer(
    help="Build print-ready career guides (PDF and HTML) from YAML files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(asked: bool) -> None:
    """`--version`: `careerguide X.Y.Z`, answered before any command loads the renderer."""
    if asked:
        from .. import __version__

        typer.echo(f"careerguide {__version__}")
        raise typer.Exit()


@app.callback()
def careerguide(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Build print-ready career guides (PDF and HTML) from YAML files."""


Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks for failures.")]
GuidePaths = Annotated[
    list[Path] | None,
    typer.Argument(help="Guide files or folders of guides.", show_default="guide/"),
]


# `--out` is None when not typed: a folder the user typed may be anywhere, even a link.
OUT_HELP = "Folder for the outputs."
BuildOut = Annotated[Path | None, typer.Option("--out", "-o", help=OUT_HELP, show_default="build")]
RosterOut = Annotated[
    Path | None, typer.Option("--out", "-o", help=OUT_HELP, show_default="handouts")
]
SiteOut = Annotated[Path | None, typer.Option("--out", "-o", help=OUT_HELP, show_default="site")]


def _typed(path: Path | None, default: str) -> Path:
    """The output path the user typed (recorded with the gate, which lets writes follow it
    anywhere), else `default`, which writes check folder by folder for links."""
    from .. import gate

    return Path(default) if path is None else gate.typed_output(path)


Formats = Annotated[str, typer.Option("--format", "-f", help="Comma-separated outputs: pdf, html.")]
AllowNetwork = Annotated[
    bool, typer.Option(help="Let the renderer fetch http(s) URLs named in guides or styles.")
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Worker processes building side by side.", show_default="CPUs"
    ),
]
Force = Annotated[
    bool, typer.Option(help="Rebuild everything, even what is unchanged since the last build.")
]
LOOK = ("theme", "paper", "pdf_variant")
BRANDING = ("accent", "css", "school", "logo", "counselor", "contact", "footer_note")
BUDGET = ("time_limit", "memory_limit")


@command(app)
@with_options("layout", *LOOK, *BRANDING, *BUDGET)
def build(
    paths: GuidePaths = None,
    out: BuildOut = None,
    format: Formats = "pdf,html",
    allow_network: AllowNetwork = False,
    jobs: Jobs = None,
    force: Force = False,
    shard: Annotated[
        str | None,
        typer.Option(help="Build only slice K of N (K/N), to spread a build over N machines."),
    ] = None,
    verbose: Verbose = False,
    given: dict[str, Any] | None = None,
) -> None:
    """Build guides into PDF and HTML handouts, one line per file written.

    The look and the school's marks can also be set in careerguide.yaml in the current folder; an option given here wins.
    """
    from ..orchestration.batch import build_many, default_jobs
    from ..orchestration.progress import OutcomePrinter
    from ..orchestration.project import settings_file
    from ..orchestration.shard import Shard

    formats, out = _formats(format), _typed(out, "build")
    settings, found = _start(given, paths, verbose)
    select = Shard.parse(shard).select if shard else list
    guides, refused = select(found.guides), _refused(found)
    printer = OutcomePrinter(len(guides) + len(refused), verbose, settings=settings_file(settings))
    outcomes = build_many(
        guides, out, settings, formats, allow_network,
        jobs=jobs or default_jobs(), force=force, started=printer.started,
    )  # fmt: skip
    if not printer.follow(chain(refused, outcomes)):
        raise typer.Exit(EXIT_INTERRUPTED)
    if "pdf" in formats and printer.counts["built"]:
        _note_slow_fonts()
    _exit_code(printer.failures, len(guides) + len(refused))


def _note_slow_fonts() -> None:
    """Say, after the build, what the machine lacks when its PDFs take 2.5 times as long."""
    from ..render.pdf import fonts_subset_slowly

    if fonts_subset_slowly():
        typer.echo(
            "note: PDFs take about 2.5 times as long here: HarfBuzz's font subsetter is not "
            "installed (sudo apt-get install -y libharfbuzz-subset0)",
            err=True,
        )


@command(app)
@with_options(*LOOK, *BRANDING, *BUDGET)
def roster(
    roster: Annotated[
        Path,
        typer.Argument(
            help="CSV with columns student (or first name and last name), careers (guide "
            "file names or career titles, separated by ;) and note; commas, semicolons or tabs "
            "between columns.",
            show_default=False,
        ),
    ],
    paths: GuidePaths = None,
    out: RosterOut = None,
    combined: Annotated[
        Path | None,
        typer.Option(
            help="Also write every student's handouts in this one PDF, for one print job."
        ),
    ] = None,
    allow_network: AllowNetwork = False,
    verbose: Verbose = False,
    given: dict[str, Any] | None = None,
) -> None:
    """A handout PDF per student of a class list, with the careers each one chose."""
    from ..orchestration.progress import OutcomePrinter
    from ..orchestration.roster import build_roster

    settings, found = _start(given, paths, verbose)
    out = _typed(out, "handouts")
    combined = _typed_file(_pdf_name(combined)) if combined is not None else None
    rows = build_roster(roster, found.guides, out, settings, allow_network, combined)
    printer = OutcomePrinter(None, verbose, tally="roster rows failed", bar=False)
    printer.warn([replace(problem, level="warning") for problem in found.refused])
    printer.follow(rows)
    _exit_code(printer.failures, printer.seen)


@command(app)
@with_options(*LOOK, *BRANDING, *BUDGET)
def booklet(
    paths: Annotated[list[Path], typer.Argument(help="Guide files or folders of guides.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The booklet PDF to write.")],
    title: Annotated[
        str | None, typer.Option(help="Title on the cover.", show_default="Career guides")
    ] = None,
    allow_network: AllowNetwork = False,
    jobs: Jobs = None,
    verbose: Verbose = False,
    given: dict[str, Any] | None = None,
) -> None:
    """Many guides in one PDF: a cover, contents with page numbers, a bookmark per career."""
    from ..orchestration.batch import default_jobs
    from ..orchestration.booklet import build_booklet
    from ..orchestration.progress import OutcomePrinter

    settings, found = _start(given, paths, verbose)
    output = _typed_file(_pdf_name(output))
    try:
        result = build_booklet(
            found.guides, output, settings,
            title=title, allow_network=allow_network, jobs=jobs or default_jobs(),
        )  # fmt: skip
    except KeyboardInterrupt:  # the workers are stopped and the parts removed by then
        typer.echo(f"interrupted; {output} not written", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    result.failures[:0] = _refused(found)
    total = len(found.guides) + len(found.refused)
    printer = OutcomePrinter(total, verbose, tally="guides left out", bar=False)
    printer.warn(result.warnings)
    if result.written:
        printer.say(f"wrote {output} ({len(result.careers)} careers, {result.pages} pages)")
    printer.follow(result.failures)
    if result.failures:
        raise typer.Exit(EXIT_SOME_FAILED if result.written else EXIT_USAGE)


@command(app)
@with_options("theme", "paper", "accent", "school", "logo", "counselor", "contact", *BUDGET)
def site(
    paths: GuidePaths = None,
    out: SiteOut = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="The site's address once hosted (https://school.example/careers/), for "
            "sitemap.xml; without it the sitemap's addresses are relative."
        ),
    ] = None,
    allow_network: AllowNetwork = False,
    jobs: Jobs = None,
    force: Force = False,
    verbose: Verbose = False,
    given: dict[str, Any] | None = None,
) -> None:
    """A static website of the careers: an index with search and filters, a page per
    career with its PDF guide and handout, and sitemap.xml; no server code needed."""
    from ..orchestration.batch import default_jobs
    from ..orchestration.progress import OutcomePrinter
    from ..orchestration.project import settings_file
    from ..orchestration.site import Site

    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise GuideError(
            Problem.about("--base-url", f"expected an http(s) address, got {base_url!r}")
        )
    settings, found = _start(given, paths, verbose)
    out = _typed(out, "site")
    builder = Site(
        out, settings, allow_network=allow_network, base_url=base_url,
        jobs=jobs or default_jobs(), force=force,
    )  # fmt: skip
    failures: list[Outcome] = []
    refused = _refused(found)
    for phase in builder.phases(found.guides):
        total = phase.count + len(refused)
        printer = OutcomePrinter(total, verbose, settings=settings_file(settings))
        printer.say(phase.title)
        if not printer.follow(chain(refused, phase.run(printer.started))):
            raise typer.Exit(EXIT_INTERRUPTED)
        failures += printer.failures
        refused = []  # reported once, with the pages
    for path, rewritten in builder.finish():
        typer.echo(f"{'wrote' if rewritten else 'unchanged'} {path}")
    for warning in builder.warnings:
        typer.echo(str(warning), err=True)
    if base_url is None:
        typer.echo(
            f"{out / 'sitemap.xml'}: warning: its addresses are relative; give --base-url "
            "for the addresses search engines need",
            err=True,
        )
    count = len(builder.entries)
    careers = f"{count} career{'' if count == 1 else 's'}"
    typer.echo(f"site of {careers} in {out}; open {out / 'index.html'}", err=True)
    _exit_code(failures, len(found.guides) + len(found.refused))


def _start(
    given: dict[str, Any] | None, paths: list[Path] | None, verbose: bool
) -> "tuple[Settings, Found]":
    """How every building command starts: its settings, its guide files, WeasyPrint quiet."""
    settings, found = _settings(given, paths), _find(paths)
    _quiet_renderer_logs(verbose)
    return settings, found


def _typed_file(path: Path) -> Path:
    """An output file the user typed: its folder is theirs to choose (see `_typed`)."""
    _typed(path.parent, ".")
    return path


def _pdf_name(path: Path) -> Path:
    """`path`, ending in .pdf: `-o fair` means fair.pdf, a file a reader can open. A path
    that names something other than a file (`/dev/null`, a folder) is refused as it is."""
    from ..render.write import refuse_non_regular

    refuse_non_regular(path)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def _settings(given: dict[str, Any] | None, paths: list[Path] | None) -> "Settings":
    """Settings from the project's careerguide.yaml (found from the guides named, else the
    current folder), with the options on top."""
    from ..orchestration.project import find_project, project_settings
    from ..settings.model import SETTINGS_FILE

    project = find_project(paths or [Path("guide")])
    if project != Path.cwd() and Path.cwd().is_relative_to(project):
        typer.echo(
            f"{project / SETTINGS_FILE}: note: using this project's settings, templates and "
            "styles (found above the current folder)",
            err=True,
        )
    return project_settings(project, given)


def _find(paths: list[Path] | None) -> "Found":
    """The guide files named by PATHS (default guide/); none at all is a usage error."""
    from ..orchestration.guides import find_guides

    named = paths or [Path("guide")]
    found = find_guides(named)
    if not found.guides and not found.refused:
        raise GuideError(
            Problem.about("", f"no guide files (*.yaml) in {', '.join(map(str, named))}")
        )
    return found


def _refused(found: "Found") -> "list[Outcome]":
    """Entries of the named folders that are not guide files, as failed outcomes."""
    from ..orchestration.outcome import Outcome

    return [Outcome(Path(problem.path), error=str(problem)) for problem in found.refused]


def _exit_code(failed: "list[Outcome]", total: int) -> None:
    """Exit 1 when something failed; 2 when nothing was built and every failure was the
    user's (a usage error, as for one bad guide)."""
    if failed:
        user_errors = all(outcome.detail is None for outcome in failed)
        raise typer.Exit(EXIT_USAGE if user_errors and len(failed) == total else EXIT_SOME_FAILED)


def _formats(option: str) -> tuple[str, ...]:
    """The outputs named by `--format`, or a usage error."""
    from ..orchestration.batch import FORMATS

    formats = tuple(part.strip().lower() for part in option.split(",") if part.strip())
    if not formats or set(formats) - set(FORMATS):
        expected = f"expected a comma-separated list of {', '.join(FORMATS)}, got {option!r}"
        raise GuideError(Problem.about("--format", expected))
    return formats


@command(app)
def new(
    title: Annotated[str, typer.Argument(help='Career title, e.g. "Park Ranger".')],
    folder: Annotated[
        Path | None,
        typer.Option("--dir", help="Folder for the new guide.", show_default="guide"),
    ] = None,
    language: Annotated[str, typer.Option(help="Language of the guide: en or es.")] = "en",
) -> None:
    """Write a commented skeleton guide that builds as it is; never overwrites a file."""
    from ..authoring.scaffold import new_guide

    if language not in ("en", "es"):
        raise GuideError(Problem.about("--language", f"expected en or es, got {language!r}"))
    typer.echo(f"wrote {new_guide(title, _typed(folder, 'guide'), language)}")


@command(app)
def schema() -> None:
    """Print the JSON Schema of the guide file (for editor autocomplete and validation)."""
    from ..guidefile.model import guide_schema

    typer.echo(guide_schema(), nl=False)


@command(app)
@with_options(*BUDGET)
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
    given: dict[str, Any] | None = None,
) -> None:
    """Validate and lint guides without writing a PDF: errors, then warnings, one line each."""
    from ..authoring.check import check_guides

    settings = _settings(given, paths) if handout else None
    found = _find(paths)
    _quiet_renderer_logs(verbose=False)
    report = check_guides(found.guides, settings)
    report.checked += len(found.refused)
    report.errors[:0] = [replace(problem, level="error") for problem in found.refused]
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


@command(app)
def watch(
    paths: GuidePaths = None,
    out: BuildOut = None,
    format: Formats = "pdf,html",
) -> None:
    """Build, then rebuild a guide whenever it, a template, a style or careerguide.yaml is saved."""
    from ..authoring.watch import watch as watch_guides
    from ..orchestration.progress import OutcomePrinter

    formats, out = _formats(format), _typed(out, "build")
    _quiet_renderer_logs(verbose=False)
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its Ctrl-C notice; ours follows
    typer.echo("watching for changes; press Ctrl-C to stop", err=True)
    printer = OutcomePrinter(None, bar=False)
    try:
        for rebuild in watch_guides(
            paths or [Path("guide")], out, lambda: _settings({}, paths), formats
        ):
            printer.stamped(rebuild.outcome, f"{rebuild.finished:%H:%M:%S}", rebuild.seconds)
    except KeyboardInterrupt:
        pass  # Ctrl-C during a build: stop as quietly as during the wait
    typer.echo("stopped watching", err=True)


@command(app)
def themes() -> None:
    """List the themes (bundled and the project's own styles/), one line each."""
    from ..compose.themes import themes as find_themes
    from ..settings.model import Settings

    found = find_themes(Settings(project_dir=Path.cwd()))
    width = max(map(len, found))
    for name, description in found.items():
        typer.echo(f"{name:<{width}}  {description}")


@command(app)
def init(
    folder: Annotated[Path, typer.Argument(help="New (or empty) folder for the project.")],
    verbose: Verbose = False,
) -> None:
    """Start a project: guide/ with the example, careerguide.yaml, students.csv, templates/
    and styles/."""
    from ..authoring.scaffold import init_project

    for path in init_project(_typed(folder, str(folder))):
        typer.echo(f"wrote {path}")
    typer.echo(f"next: cd {folder} && careerguide build")


@command(app, name="import")
def import_(
    occupations: Annotated[
        list[str] | None,
        typer.Argument(
            help="O*NET-SOC codes (29-1141.00; 29-1141 or 291141 for the main one) or words "
            "of titles (electrician).",
            metavar="CODE_OR_TITLE",
            show_default=False,
        ),
    ] = None,
    onet: Annotated[
        Path | None,
        typer.Option(
            help="Folder of the O*NET database: Excel (.xlsx) or text (.txt) edition.",
            show_default="data: onet in careerguide.yaml",
        ),
    ] = None,
    wages: Annotated[
        Path | None, typer.Option(help="BLS OEWS wages file (.csv or .xlsx); else no salary.")
    ] = None,
    projections: Annotated[
        Path | None,
        typer.Option(help="BLS Employment Projections CSV; else no outlook or entry education."),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            help="A state's postal code: its wages instead of the nation's.",
            show_default="data: region in careerguide.yaml",
        ),
    ] = None,
    folder: Annotated[
        Path | None, typer.Option("--dir", help="Folder for the guides.", show_default="guide")
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Import every occupation in Occupation Data.")
    ] = False,
    name: Annotated[
        str | None,
        typer.Option(
            help="The guide's file name, for one occupation (nurse: guide/nurse.yaml).",
            show_default="from the title",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace guides that already exist.")] = False,
    language: Annotated[
        str, typer.Option(help="Language of the drafted sentences: en or es.")
    ] = "en",
) -> None:
    """Draft a cited guide per occupation from O*NET and BLS files; never overwrites a file
    unless --force."""
    from ..authoring.importer import Tally, import_guides, load_data, select
    from ..orchestration.project import data_files, find_project

    if not occupations and not all_:
        raise GuideError(Problem.about("", "name occupations (codes or titles), or give --all"))
    folder = _typed(folder, "guide")
    from ..render.write import writable_folder

    writable_folder(folder)  # once, by name, rather than once per draft
    paths = data_files(find_project([folder])).given(
        onet=onet, wages=wages, projections=projections, region=region
    )
    if paths.onet is None:
        missing = "name the O*NET folder, or set data: {onet: FOLDER} in careerguide.yaml"
        raise GuideError(Problem.about("--onet", missing))
    tally = Tally()  # its time counts the reading of the files too
    data = load_data(paths.onet, paths.wages, paths.projections, paths.region, language)
    for warning in data.warnings:
        typer.echo(warning, err=True)
    codes = list(data.onet.occupations) if all_ else select(data.onet, occupations or [])
    if name is not None and len(codes) != 1:
        raise GuideError(Problem.about("--name", "names the file of one occupation only"))
    if data.region:
        typer.echo(f"wages for {data.region}, not the nation", err=True)
    stem = name.removesuffix(".yaml") if name else None
    for imported in import_guides(data, codes, folder, force=force, name=stem):
        tally.add(imported)
        _echo_imported(imported)
    typer.echo(tally.summary(), err=True)
    if tally.kept or tally.failed:
        raise typer.Exit(EXIT_SOME_FAILED if tally.wrote else EXIT_USAGE)


def _echo_imported(imported: "Imported") -> None:
    """`wrote PATH` on standard output, for scripts; what is missing or refused on standard
    error, a line each."""
    if imported.status != "wrote":
        prefix = "error: " if imported.status == "failed" else ""
        typer.echo(f"{imported.path}: {prefix}{imported.error}", err=True)
        return
    typer.echo(f"wrote {imported.path}")
    if imported.missing:
        typer.echo(f"{imported.path}: warning: missing {'; '.join(imported.missing)}", err=True)


def _quiet_renderer_logs(verbose: bool) -> None:
    """WeasyPrint logs each refused URL with its own wording; ours is one line per URL."""
    logging.getLogger("weasyprint").setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def main() -> None:
    """Console entry point."""
    sys.exit(app())
