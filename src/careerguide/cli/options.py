"""The declared options (`settings.options`) as Typer flags, and one handler for user errors.

A command lists the options it takes by name; they are added to its signature, so Typer
shows their help, and handed to it together as `given` (name -> value, None where not
given). A command raises `GuideError` for any user mistake; `command` prints its lines and
exits 2 in one place.
"""

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import click
import typer

from ..core.errors import GuideError
from ..settings.options import BY_NAME

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

Command = TypeVar("Command", bound=Callable[..., Any])


def with_options(*names: str) -> Callable[[Command], Command]:
    """Add the declared options `names` to a command, which receives them as `given`."""

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command)
        own = [param for param in signature.parameters.values() if param.name != "given"]
        flags = [_parameter(name) for name in names]

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in names}
            return command(**kwargs, given=given)

        # Keyword-only flags go before **; a command's own trailing options stay last.
        # Typer reads the signature inspect finds; a function declares no such attribute.
        wrapper.__signature__ = signature.replace(parameters=own + flags)  # type: ignore[attr-defined]
        return cast(Command, wrapper)  # called as the command is, with its options added

    return decorate


def _parameter(name: str) -> inspect.Parameter:
    option = BY_NAME[name]
    default = option.default
    shown = str(default) if default not in (None, ()) and isinstance(default, str | int) else False
    repeatable = option.kind == list[Path]
    kind = list[Path] if repeatable else option.kind
    # An annotation made at run time from the declared option, for Typer to read.
    annotation = Annotated[
        kind | None,  # type: ignore[valid-type]
        typer.Option(option.flag, help=option.help, show_default=shown),
    ]
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
    )


def _help(function: Callable[..., Any]) -> str:
    """The docstring as help: each paragraph's lines joined, so the terminal's width, not
    the source's line breaks, decides where lines wrap."""
    paragraphs = inspect.cleandoc(function.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def command(app: typer.Typer, **settings: Any) -> Callable[[Command], Command]:
    """Register a command whose user errors (`GuideError`) print their lines and exit 2,
    and whose unexpected errors print one line (the file, the error) and exit 1: never a
    traceback, unless `--verbose` (for commands that have it) asks for it.
    """

    def decorate(function: Command) -> Command:
        name = settings.get("name") or function.__name__

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except GuideError as error:
                for problem in error.problems:
                    typer.echo(str(problem), err=True)
                _traceback(kwargs)
                raise typer.Exit(EXIT_USAGE) from None
            except (typer.Exit, click.exceptions.ClickException, click.exceptions.Abort):
                raise
            except Exception as error:  # a bug, or a file failing in a way nobody foresaw
                typer.echo(f"{_failed_on(error, name)}: {type(error).__name__}: {error}", err=True)
                _traceback(kwargs)
                raise typer.Exit(EXIT_SOME_FAILED) from None

        app.command(**{"help": _help(function), **settings})(wrapper)
        return function

    return decorate


def _failed_on(error: Exception, command: str) -> str:
    """The start of the one line for an unexpected error: the file it names, else the
    command, as `build` says `guide.yaml: failed to build`."""
    filename = getattr(error, "filename", None)
    return f"{filename}: failed" if filename else f"careerguide {command.rstrip('_')}: failed"


def _traceback(kwargs: dict[str, Any]) -> None:
    """With --verbose (for commands that have it), the traceback follows the lines."""
    if kwargs.get("verbose"):
        import traceback

        traceback.print_exc()
