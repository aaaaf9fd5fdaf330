"""The FAQ a guide gets when it has none: questions students ask, answered from its own fields.

Answers restate the guide's structured facts (pay, education routes, outlook, fit,
pathway) in the guide's language, from the `generated_faq` sentences of the labels file;
a topic the guide leaves empty gets no question.
"""

from collections.abc import Callable
from typing import Any

from ..guidefile.model import Guide, Question, Route, Salary

Words = dict[str, Any]
Formatters = dict[str, Callable[..., str]]


def generated_faq(guide: Guide, words: Words, fmt: Formatters) -> list[Question]:
    """A few questions and answers drawn from the guide, in the order of its sections."""
    texts = words["generated_faq"]
    answers = {
        "salary": _salary(guide, texts["salary"], words, fmt),
        "education": _education(guide, texts["education"], fmt),
        "outlook": _outlook(guide, texts["outlook"]),
        "fit": _fit(guide, texts["fit"], words),
        "pathway": _pathway(guide, texts["pathway"], fmt),
    }
    return [Question(q=texts[topic]["q"], a=answer) for topic, answer in answers.items() if answer]


def _amount(pay: Salary, name: str, words: Words, fmt: Formatters) -> str:
    """One pay figure; a top-coded one as "$239,200 or more"."""
    amount = fmt["money"](getattr(pay, name), pay.currency)
    return words["or_more"].format(amount=amount) if name in pay.or_more else amount


def _salary(guide: Guide, text: Words, words: Words, fmt: Formatters) -> str | None:
    pay = guide.salary
    if pay is None or not pay.median:  # "from $0 to $0" tells a student nothing
        return None
    amounts = {name: _amount(pay, name, words, fmt) for name in ("low", "median", "high")}
    per = words["per_hour"] if pay.per == "hour" else words["per_year"]
    answer = text["a"].format(per=per, **amounts)
    if not pay.region:
        return answer
    region = text["region"].format(region=pay.region)
    return f"{answer} {region[:-1] if region.endswith('..') else region}"  # "U.S.."


def _education(guide: Guide, text: Words, fmt: Formatters) -> str | None:
    routes = guide.education
    if not routes:
        return None
    typical = [route.route for route in routes if route.typical_entry]
    lead = [text["typical"].format(route=fmt["list"](typical))] if typical else []
    return " ".join([*lead, _shares(routes, text, fmt)])


def _shares(routes: list[Route], text: Words, fmt: Formatters) -> str:
    """The route with the largest share, said for what the share counts (people who took
    the route, or workers saying the level is required); several when they tie. "Most
    common" only when every route has a share to compare."""
    if all(route.share is not None for route in routes):
        required = all(route.share_means == "required" for route in routes)
        one, tie = ("a_required", "a_required_tie") if required else ("a", "a_tie")
        top = max(route.share or 0 for route in routes)
        leaders = [route.route for route in routes if route.share == top]
        if top and len(leaders) == 1:
            return text[one].format(route=leaders[0], share=fmt["percent"](top))
        if top:
            return text[tie].format(routes=fmt["list"](leaders), share=fmt["percent"](top))
    return text["routes"].format(routes=fmt["list"]([route.route for route in routes]))


def _outlook(guide: Guide, text: Words) -> str | None:
    outlook = guide.outlook
    if outlook is None or not (outlook.demand or outlook.growth or outlook.text):
        return None
    facts = {"demand": outlook.demand, "growth": outlook.growth}
    said = [text[key].format(**{key: value}) for key, value in facts.items() if value]
    return " ".join([*said, *([outlook.text] if outlook.text else [])])


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
    sentence = text["a_one"] if len(steps) == 1 else text["a"]
    return sentence.format(count=len(steps), steps=fmt["list"](steps))
