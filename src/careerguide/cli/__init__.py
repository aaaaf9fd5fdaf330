"""The `careerguide` command: Typer commands that only wire the layers below."""
