"""`python -m careerguide`, the same as the `careerguide` command."""

from .cli import main

main()
