"""The FAQ generated for a guide without one: a question per filled topic, in its language."""

import yaml

from careerguide.compose.faq import generated_faq
from careerguide.core.labels import formatters, labels
from careerguide.guidefile.model import Guide


def faq_of(text: str, language: str = "en") -> list[tuple[str, str]]:
    guide = Guide.model_validate(yaml.safe_load(text))
    words = labels(language)
    return [(item.q, item.a) for item in generated_faq(guide, words, formatters(words["locale"]))]


def test_a_guide_with_only_a_title_gets_no_questions():
    assert faq_of("career: {title: T}") == []


def test_each_topic_is_answered_from_its_fields():
    faq = dict(
        faq_of(
            """
career: {title: T}
pathway: [{stage: High school}, {stage: College, duration: 4 years}]
education: [{route: A degree, share: 30}, {route: A bootcamp, share: 45}]
salary: {low: 40000, median: 52000, high: 70000, region: Ohio}
outlook: {demand: High}
fit: {threshold: 2, good_fit: [a, b, c]}
"""
        )
    )
    assert list(faq) == [
        "How much does this job pay?",
        "What education do I need?",
        "Will there be jobs?",
        "How do I know if it suits me?",
        "How do I get there?",
    ]
    assert faq["How much does this job pay?"] == (
        "Most workers (8 in 10) earn between $40,000 and $70,000 per year; half earn more than "
        "the median, $52,000. Region: Ohio."
    )
    assert faq["What education do I need?"].startswith(
        "Most common route: A bootcamp, taken by 45%"
    )
    assert faq["Will there be jobs?"] == "Demand: High."
    assert "if two or more of its statements ring true" in faq["How do I know if it suits me?"]
    assert faq["How do I get there?"] == (
        "The usual path has 2 steps: High school and College (4 years)."
    )


def test_routes_without_shares_are_listed():
    faq = dict(faq_of("career: {title: T}\neducation: [{route: A}, {route: B}, {route: C}]"))
    assert faq["What education do I need?"] == "Common routes: A, B, and C."


def test_spanish_questions_and_formats():
    faq = dict(
        faq_of(
            "career: {title: T, language: es}\n"
            "salary: {currency: EUR, low: 30000, median: 42000, high: 60000}\n"
            "education: [{route: A}, {route: B}]\n",
            "es",
        )
    )
    assert faq["¿Cuánto se gana en este trabajo?"].replace("\xa0", " ") == (
        "La mayoría (8 de cada 10) gana entre EUR30,000 y EUR60,000 al año; la mitad gana más "
        "que la mediana, EUR42,000."
    )
    assert faq["¿Qué estudios necesito?"] == "Vías habituales: A y B."


def answer(text: str, question: str, language: str = "en") -> str | None:
    return dict(faq_of(text, language)).get(question)


def test_a_single_step_is_one_step_in_both_languages():
    one = "career: {title: T, language: %s}\npathway: [{stage: College}]"
    assert answer(one % "en", "How do I get there?") == "The usual path has one step: College."
    spanish = answer(one % "es", "¿Cómo se llega a este trabajo?", "es")
    assert spanish == "El camino habitual tiene una sola etapa: College."


def test_routes_that_tie_are_named_together_and_partial_shares_name_no_leader():
    tie = "career: {title: T}\neducation: [{route: A, share: 40}, {route: B, share: 40}]"
    assert answer(tie, "What education do I need?") == (
        "Most common routes: A and B, each taken by 40% of people in the job."
    )
    partial = "career: {title: T}\neducation: [{route: A, share: 5}, {route: B}]"
    assert answer(partial, "What education do I need?") == "Common routes: A and B."


def test_no_pay_question_for_zero_pay_and_no_doubled_full_stop():
    zero = "career: {title: T}\nsalary: {low: 0, median: 0, high: 0}"
    assert answer(zero, "How much does this job pay?") is None
    us = "career: {title: T}\nsalary: {low: 1, median: 2, high: 3, region: U.S.}"
    assert answer(us, "How much does this job pay?").endswith("Region: U.S.")


def test_the_outlook_text_is_part_of_the_answer():
    text = "career: {title: T}\noutlook: {demand: High, text: Hospitals keep hiring.}"
    assert answer(text, "Will there be jobs?") == "Demand: High. Hospitals keep hiring."


def test_a_top_coded_figure_and_hourly_pay_are_said_as_such():
    top = "career: {title: T}\nsalary: {low: 90000, median: 200000, high: 239200, or_more: [high]}"
    assert answer(top, "How much does this job pay?") == (
        "Most workers (8 in 10) earn between $90,000 and $239,200 or more per year; half earn "
        "more than the median, $200,000."
    )
    hourly = "career: {title: T, language: es}\nsalary: {low: 17, median: 29, high: 144, per: hour}"
    spanish = answer(hourly, "¿Cuánto se gana en este trabajo?", "es")
    assert spanish is not None and "por hora" in spanish and "al año" not in spanish


def test_required_shares_are_said_for_what_they_are_after_the_typical_entry():
    imported = (
        "career: {title: T}\neducation:\n"
        "  - {route: Bachelor's degree, share: 56, share_means: required, typical_entry: true}\n"
        "  - {route: Master's degree, share: 44, share_means: required}\n"
    )
    assert answer(imported, "What education do I need?") == (
        "Typical education to enter the job: Bachelor's degree. Most often named as required "
        "by workers surveyed: Bachelor's degree (56%)."
    )
    spanish = answer(
        imported.replace("{title: T}", "{title: T, language: es}"), "¿Qué estudios necesito?", "es"
    )
    assert spanish is not None and "encuestados" in spanish and "siguió" not in spanish
