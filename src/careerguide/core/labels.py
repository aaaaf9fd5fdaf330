"""Printed words and formats per language: `labels/<language>.yaml` and Babel's locale data.

Compose fills templates with them, the FAQ writer and the booklet cover speak them, and
the roster titles a student's packet with them; none of these should own them.
"""

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .. import gate

LABELS_DIR = Path(__file__).parent / "labels"
MAX_LABELS_BYTES = 1_000_000


@cache
def labels(language: str) -> dict[str, Any]:
    """Printed words for a language, from `labels/<language>.yaml`."""
    path = LABELS_DIR / f"{language}.yaml"
    return yaml.safe_load(gate.read_text(path, [LABELS_DIR], MAX_LABELS_BYTES))


def formatters(locale: str) -> dict[str, Any]:
    """Money, dates, percentages and lists the way the guide's language writes them."""
    from babel import Locale
    from babel.dates import format_date
    from babel.lists import format_list
    from babel.numbers import format_currency, format_percent

    # The locale's own currency pattern (symbol before or after, spacing), without cents:
    # $155,000 in English and in U.S. Spanish; 155.000 US$ in a Spanish-from-Spain locale.
    whole_amounts = copy.copy(Locale.parse(locale).currency_formats["standard"])
    whole_amounts.frac_prec = (0, 0)
    return {
        "money": lambda amount, currency: format_currency(
            amount, currency, locale=locale, format=whole_amounts, currency_digits=False
        ),
        "date": lambda day: format_date(day, "long", locale=locale),
        "percent": lambda value: format_percent(value / 100, locale=locale),
        "list": lambda items: format_list(items, locale=locale),
    }
