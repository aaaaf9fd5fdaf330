"""The FAQ a guide gets when it has none: questions students ask, answered from its own fields.

Answers restate the guide's structured facts (pay, education routes, outlook, fit,
pathway) in the guide's language, from the `generated_faq` sentences of the labels file;
a topic the guide leaves empty gets no question.
"""

from collections.abc import Callable
from typing import Any

from ..core.model import Guide, Question

Words = dict[str, Any]
Formatters = dict[str, Callable[..., str]]


def generated_faq(guide: Guide, words: Words, fmt: Formatters) -> list[Question]:
    """A few questions and answers drawn from the guide, in the order of its sections."""
    texts = words["generated_faq"]
    answers = {
        "salary": _salary(guide, texts["salary"], fmt),
        "education": _education(guide, texts["education"], fmt),
        "outlook": _outlook(guide, texts["outlook"]),
        "fit": _fit(guide, texts["fit"], words),
        "pathway": _pathway(guide, texts["pathway"], fmt),
    }
    return [Question(q=texts[topic]["q"], a=answer) for topic, answer in answers.items() if answer]


def _salary(guide: Guide, text: Words, fmt: Formatters) -> str | None:
    pay = guide.salary
    if pay is None:
        return None
    amounts = {
        name: fmt["money"](getattr(pay, name), pay.currency) for name in ("low", "median", "high")
    }
    answer = text["a"].format(**amounts)
    return f"{answer} {text['region'].format(region=pay.region)}" if pay.region else answer


def _education(guide: Guide, text: Words, fmt: Formatters) -> str | None:
    if not guide.education:
        return None
    with_share = [route for route in guide.education if route.share]
    if with_share:
        top = max(with_share, key=lambda route: route.share or 0)
        return text["a"].format(route=top.route, share=fmt["percent"](top.share))
    return text["routes"].format(routes=fmt["list"]([route.route for route in guide.education]))


def _outlook(guide: Guide, text: Words) -> str | None:
    outlook = guide.outlook
    if outlook is None or not (outlook.demand or outlook.growth):
        return None
    facts = {"demand": outlook.demand, "growth": outlook.growth}
    return " ".join(text[key].format(**{key: value}) for key, value in facts.items() if value)


def _fit(guide: Guide, text: Words, words: Words) -> str | None:
    fit = guide.fit
    if fit is None or not fit.good_fit:
        return None
    numbers = words["number_words"]
    threshold = numbers[fit.threshold] if fit.threshold < len(numbers) else fit.threshold
    return text["a"].format(section=words["fit"], threshold=threshold)


def _pathway(guide: Guide, text: Words, fmt: Formatters) -> str | None:
    if not guide.pathway:
        return None
    steps = [
        f"{stage.stage} ({stage.duration})" if stage.duration else stage.stage
        for stage in guide.pathway
    ]
    return text["a"].format(count=len(steps), steps=fmt["list"](steps))
