"""The pathway: high school, the usual entry education, related work experience, training
on the job or an apprenticeship, and a licence where O*NET's description requires one.

Durations come from O*NET's Education, Training, and Experience file, which gives the
share of workers at each span of related work experience (RW), on-site training (PT)
and on-the-job training (OJ): each step names the span of the middle worker (half
report that span or less) and says "most workers (54%) report 2 years or less", the
share of workers at or under it. BLS's entry education and training words fill in
where those shares are missing.
"""

import re
from dataclasses import dataclass
from typing import Any

from ...data.bls import Projection
from ...data.onet import Onet
from .words import Words, bounds, duration

NO_DIPLOMA = ("No formal educational credential", "High school diploma or equivalent", "")
AFTER_BACHELORS = ("Master's degree", "Doctoral or professional degree")
LICENCE = re.compile(r"[^.]*\b(licens|certif)[^.]*\.", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """The span the middle worker reports on one O*NET scale (RW, PT or OJ): the shortest
    category that half of the workers or more have reached."""

    category: int
    words: str  # the category as a span: "1 to 2 years", or "None"
    upto: float  # percent of workers in this category or a shorter one
    over: float  # percent of workers in this category or a longer one
    low: str  # the category's lower end, "1 year" ("" for none)
    high: str  # its upper end, "2 years" ("" for the open last one)

    @property
    def none(self) -> bool:
        return self.category <= 1

    def most(self, w: Words) -> str:
        """ "Most workers (54%) report 2 years or less.", said the way that is true."""
        share = self.upto if self.none or self.high else self.over
        most = "most" if w.share(share) != "50%" else "half"  # 50.4% is not "most" in print
        if self.none:
            return w(f"{most}_none", share=w.share(share))
        if self.high:
            return w(f"{most}_up_to", share=w.share(share), high=self.high)
        return w(f"{most}_over", share=w.share(share), low=self.low)


def middle(onet: Onet, code: str, scale: str, w: Words) -> Span | None:
    """The span of `scale` the middle worker reports, or None without that scale's rows."""
    shares = onet.training.get(code, {}).get(scale)
    if not shares or sum(shares.values()) <= 0:
        return None
    total, levels = sum(shares.values()), sorted(shares)
    reached = 0.0
    for category in levels:
        reached += shares[category]
        if reached * 2 > total:
            break
    text = onet.training_categories.get((scale, category), "")
    low, high = bounds(text, w)
    upto = reached * 100 / total
    over = 100 - (reached - shares[category]) * 100 / total
    words = duration(text, w) if category > 1 else w["none_needed"]
    return Span(category, words, upto, over, low, high)


def pathway(onet: Onet, code: str, projection: Projection | None, w: Words) -> list[dict[str, Any]]:
    """The steps into the job, in order, each citing the file its figures come from."""
    stages = [
        {
            "stage": w["high_school"],
            "duration": w["high_school_years"],
            "detail": w["high_school_detail"],
        }
    ]
    stages += _education(projection, w)
    experience, training = _experience(onet, code, w), _training(onet, code, projection, w)
    if experience is None and training is None and projection is not None:
        stages += _bls_steps(projection, w)
    else:
        stages += [stage for stage in (experience, training) if stage]
    on_site = middle(onet, code, "PT", w)
    if on_site and not on_site.none:
        detail = w("on_site_detail", most=on_site.most(w))
        stages.append(_stage(w["on_site"], on_site.words, detail, "onet"))
    licence = LICENCE.search(onet.occupations[code].description)
    if licence:
        text = licence[0].strip()
        stages.append(_stage(w["licence"], None, w("licence_detail", text=text), "onet"))
    return stages


def _stage(name: str, span: str | None, detail: str, *cite: str) -> dict[str, Any]:
    stage: dict[str, Any] = {"stage": name}
    if span:
        stage["duration"] = span
    return {**stage, "detail": detail, "cite": list(cite)}


def _education(projection: Projection | None, w: Words) -> list[dict[str, Any]]:
    """The entry education BLS names, with a bachelor's degree first for a graduate one."""
    entry = projection.education if projection else ""
    if entry in NO_DIPLOMA or entry not in w["entry_education"]:
        return []
    steps = []
    if entry in AFTER_BACHELORS:
        name, span = w["bachelor_first"]
        steps.append(_stage(name, span, w["entry_detail"], "ep"))
    name, span = w["entry_education"][entry]
    steps.append(_stage(name, span, w["entry_detail"], "ep"))
    return steps


def _experience(onet: Onet, code: str, w: Words) -> dict[str, Any] | None:
    span = middle(onet, code, "RW", w)
    if span is None:
        return None
    return _stage(w["experience"], span.words, w("experience_detail", most=span.most(w)), "onet")


def _training(
    onet: Onet, code: str, projection: Projection | None, w: Words
) -> dict[str, Any] | None:
    """Training on the job, named an apprenticeship or a residency where BLS says so."""
    span = middle(onet, code, "OJ", w)
    if span is None:
        return None
    bls = projection.training if projection else ""
    detail = w("on_the_job_detail", most=span.most(w))
    if bls == "Apprenticeship":
        detail = w["apprenticeship_detail"] + span.most(w)
        return _stage(w["apprenticeship"], span.words, detail, "ep", "onet")
    name = w["residency"] if bls == "Internship/residency" else w["on_the_job"]
    return _stage(name, span.words, detail, "onet")


def _bls_steps(projection: Projection, w: Words) -> list[dict[str, Any]]:
    """Work experience and training in BLS's words, for an occupation without O*NET's spans."""
    steps = []
    experience = w["bls_experience"].get(projection.experience)
    if experience:
        none = projection.experience == "None"  # a step a student can skip, said as such
        detail = w["bls_no_experience_detail" if none else "bls_experience_detail"]
        steps.append(_stage(w["experience"], experience, detail, "ep"))
    training = w["bls_training"].get(projection.training)
    if training:
        name = w["apprenticeship"] if projection.training == "Apprenticeship" else w["on_the_job"]
        none = projection.training == "None"
        detail = w["bls_no_training_detail" if none else "bls_training_detail"]
        steps.append(_stage(name, training, detail, "ep"))
    return steps
