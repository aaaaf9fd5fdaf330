"""What to do, and when, from the same facts as the rest of the guide: the skills O*NET
rates most important to practise in high school, the entry education BLS names for
college, and for a first job the titles employers use (O*NET's alternate titles) and
the related jobs that need less preparation (Related Occupations and Job Zones). Each
step names its source in words: the plan has no citation marks of its own."""

from typing import Any

from ...data.bls import Projection
from ...data.onet import Onet
from .titles import plain_title
from .words import Words

SKILLS = 3
TITLES = 3
STARTS = 3


def action_plan(
    onet: Onet,
    code: str,
    skills: list[str],
    titles: list[str],
    projection: Projection | None,
    w: Words,
) -> dict[str, Any] | None:
    """{high_school, college, first_job}, each a list of steps; None with nothing to say."""
    high_school = [w["plan_finish"]]
    if skills:
        high_school.append(w("plan_skills", skills=_join([s.lower() for s in skills[:SKILLS]], w)))
    plan: dict[str, Any] = {"high_school": high_school}
    if projection and projection.education in w["entry_education"]:  # beyond high school
        span = w["entry_education"][projection.education][1]
        education = w["education_names"][projection.education]
        plan["college"] = [w("plan_college", education=education, time=span.lower())]
    first_job = []
    if titles:
        first_job.append(w("plan_titles", titles=_join(titles[:TITLES], w)))
    starts = _starts(onet, code)
    if starts:
        first_job.append(w("plan_starts", jobs=_join(starts, w)))
    if first_job:
        plan["first_job"] = first_job
    return plan if len(high_school) > 1 or len(plan) > 1 else None


def _starts(onet: Onet, code: str) -> list[str]:
    """Related occupations, closest first, that need less preparation (a lower job zone)."""
    zone = onet.job_zones.get(code)
    if zone is None:
        return []
    lower = [
        plain_title(other.title)
        for other in onet.related.get(code, [])
        if onet.job_zones.get(other.code, zone) < zone
    ]
    return lower[:STARTS]


def _join(items: list[str], w: Words) -> str:
    """ "a, b and c"; "a; b; c" when an item has its own commas or "and"."""
    if any("," in item or f" {w['and']} " in item for item in items):
        return "; ".join(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {w['and']} {items[-1]}"
