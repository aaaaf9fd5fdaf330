"""Pros and cons as cited facts, each with what it is compared with.

- pay: the median against the median of all occupations in the same area and unit (a
  year, or an hour where BLS has no yearly figures; OEWS 00-0000); 10% or more above is a
  pro, 10% or more below a con.
- growth: BLS's projected change against all occupations' change (`demand_word`).
- openings a year: against the median of all occupations in the projections file; twice
  that or more is a pro, half or less a con.
- preparation: BLS's entry education (a diploma or less with short training is a pro, a
  bachelor's degree or more a con), and O*NET's spans of related work experience and
  training on the job (over a year for the middle worker is a con).
- work styles: those O*NET ranks highest for the job, as what the job asks of a person
  (cons) or what it offers (pros), with their rank among all styles.
No opinion is added: a fact that compares as neither is left out.
"""

import statistics
from dataclasses import dataclass
from typing import Any

from ...data.bls import Projection, Projections
from ...data.onet import Onet, Rating
from .demand import demand_word
from .pathway import middle
from .words import Words

MARGIN = 0.10  # pay this much above or below all jobs' median counts
STYLES_CONSIDERED = 8  # the top half of the 16 work styles a pro or con may come from
LONG_SPAN = 6  # O*NET category 6 and up: over a year
SHORT_SPAN = 3  # up to 3 months
SCHOOLING = ("Postsecondary nondegree award", "Some college, no degree", "Associate's degree")
DEGREES = ("Bachelor's degree", "Master's degree", "Doctoral or professional degree")
FEW = 2


@dataclass
class PayComparison:
    """The occupation's median pay and all occupations' median in the same area and unit."""

    median: float
    all_jobs: float
    place: str
    per: str = "year"  # or "hour"


def tradeoffs(
    onet: Onet,
    code: str,
    pay: PayComparison | None,
    projections: Projections | None,
    row: Projection | None,
    w: Words,
) -> dict[str, Any]:
    """{pros, cons, cite}: the facts first, then work styles until each side has two."""
    pros: list[str] = []
    cons: list[str] = []
    cite: list[str] = []
    if pay is not None and _pay(pay, w, pros, cons):
        cite.append("oews")
    if projections is not None and row is not None:
        _growth(projections, row, w, pros, cons)
        _openings(projections, row, w, pros, cons)
        _entry(onet, code, row, w, pros, cons)
        cite.append("ep")
    _spans(onet, code, w, cons)
    _styles(onet.work_styles.get(code, []), w, pros, cons)
    cite.append("onet")
    return {"pros": pros, "cons": cons, "cite": cite}


def _pay(pay: PayComparison, w: Words, pros: list[str], cons: list[str]) -> bool:
    figures = {
        "pay": w.money(pay.median, pay.per),
        "all": w.money(pay.all_jobs, pay.per),
        "place": pay.place,
        "per": w["per"][pay.per],
    }
    if pay.median >= pay.all_jobs * (1 + MARGIN):
        pros.append(w("pay_high", **figures))
    elif pay.median <= pay.all_jobs * (1 - MARGIN):
        cons.append(w("pay_low", **figures))
    else:
        return False
    return True


def _growth(
    projections: Projections, row: Projection, w: Words, pros: list[str], cons: list[str]
) -> None:
    if row.change is None or projections.total_change is None:
        return
    base, end = projections.years
    figures = {"change": w.percent(row.change), "total": w.percent(projections.total_change)}
    figures |= {"base": base, "end": end}
    word = demand_word(row.change, projections.total_change)
    if word in ("Much faster than average", "Faster than average"):
        pros.append(w("growth_fast", **figures))
    elif word == "Slower than average":
        cons.append(w("growth_slow", **figures))
    elif word == "Declining":
        figures["change"] = w.percent(abs(row.change))
        cons.append(w("growth_fall", **figures))


def typical_openings(projections: Projections) -> float | None:
    """The median of all occupations' openings a year in the file (thousands)."""
    values = [row.openings for row in projections.rows.values() if row.openings is not None]
    return statistics.median(values) if values else None


def _openings(
    projections: Projections, row: Projection, w: Words, pros: list[str], cons: list[str]
) -> None:
    typical = typical_openings(projections)
    if row.openings is None or not typical:
        return
    figures = {"openings": w.number(row.openings * 1000), "typical": w.number(typical * 1000)}
    if row.openings >= typical * 2:
        pros.append(w("openings_many", **figures))
    elif row.openings <= typical / 2:
        cons.append(w("openings_few", **figures))


def _entry(
    onet: Onet, code: str, row: Projection, w: Words, pros: list[str], cons: list[str]
) -> None:
    """How long it takes to start, from the entry education BLS names."""
    education = w["education_names"].get(row.education)
    if education is None:
        return
    if row.education in SCHOOLING:
        span = w["entry_education"][row.education][1]
        pros.append(w("start_school", education=education, time=span.lower()))
    elif row.education in DEGREES:
        span = w["entry_education"][row.education][1]
        cons.append(w("start_long", education=education, time=span.lower()))
    else:
        training = middle(onet, code, "OJ", w)
        if training is not None and training.category <= SHORT_SPAN and training.high:
            figures = {"share": w.share(training.upto), "time": training.high}
            pros.append(w("start_quick", education=education, **figures))


def _spans(onet: Onet, code: str, w: Words, cons: list[str]) -> None:
    """Over a year of related work experience or of training on the job, as a con."""
    for scale, key in (("RW", "experience_long"), ("OJ", "training_long")):
        span = middle(onet, code, scale, w)
        if span is not None and span.category >= LONG_SPAN:
            cons.append(w(key, share=w.share(span.over), time=span.low))


def ranked_styles(styles: list[Rating]) -> list[Rating]:
    """Work styles most important first (ties in file order)."""
    return sorted(styles, key=lambda style: -style.value)


def _styles(styles: list[Rating], w: Words, pros: list[str], cons: list[str]) -> None:
    """Top work styles: what the job asks of a person (at least one con) and what it offers,
    until each side has two; each style is used once."""
    ranked = ranked_styles(styles)[:STYLES_CONSIDERED]
    used: set[str] = set()

    def add(side: list[str], index: int, wanted: int) -> None:
        for rank, style in enumerate(ranked, start=1):
            phrases = w["styles"].get(style.name)
            if wanted <= 0 or not phrases or not phrases[index] or style.name in used:
                continue
            used.add(style.name)
            figures = {"style": w.style(style.name), "rank": rank, "total": len(styles)}
            side.append(w("style", text=phrases[index], **figures))
            wanted -= 1

    add(cons, 1, max(1, FEW - len(cons)))
    add(pros, 0, FEW - len(pros))
