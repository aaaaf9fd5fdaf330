"""A day in the life from O*NET's core tasks, and why the work matters from BLS's counts.

The snapshot already lists the first tasks; the day names the core tasks after them (or,
for a job with few tasks, the first ones) and a couple of the supplemental ones. No
clock times: O*NET says what the work is, not when in the day it happens.
"""

from typing import Any

from ...data.bls import Projection, Projections
from .words import Words, lower_first

DAY_TASKS = 3
MORE_TASKS = 2
TASK_LIMIT = 160  # longer tasks make the paragraph hard to read


def day(core: list[str], shown: int, supplemental: list[str], w: Words) -> dict[str, Any] | None:
    """{intro, cite} from the core tasks after the `shown` ones, or None without tasks."""
    short = [task for task in core if len(task) <= TASK_LIMIT]
    rest = short[shown:]
    if len(rest) >= 2:
        intro = w("day_core", tasks=_join(rest[:DAY_TASKS], w))
    elif short:
        intro = w("day_core_only", tasks=_join(short[:DAY_TASKS], w))
    else:
        return None
    more = [task for task in supplemental if len(task) <= TASK_LIMIT][:MORE_TASKS]
    if more:
        intro += w("day_more", tasks=_join(more, w))
    return {"intro": intro, "cite": ["onet"]}


def _join(tasks: list[str], w: Words) -> str:
    return str(w["task_join"]).join(lower_first(task) for task in tasks)


def why_it_matters(projections: Projections, row: Projection, w: Words) -> str | None:
    """How many people do the work and how many openings BLS expects, naming its source."""
    employed, _ = row.employment
    if employed is None or row.openings is None:
        return None
    base, end = projections.years
    return w(
        "why",
        employed=w.number(employed * 1000),
        openings=w.number(row.openings * 1000),
        base=base,
        end=end,
        label=projections.label,
    )
