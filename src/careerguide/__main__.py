"""`python -m careerguide`, the same as the `careerguide` command."""

from .cli.commands import main

main()
