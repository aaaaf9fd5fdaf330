"""Template overrides from strangers: they see plain data, not Python objects; they are
stopped when they compute or print too much; and they cannot take the page's
Content-Security-Policy out.

Each test builds a real guide with a project folder whose templates/ replace bundled ones.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from careerguide.compose.document import CONTENT_SECURITY_POLICY
from careerguide.compose.templating import guide_context, plain, template_data
from careerguide.guidefile.load import load_guide
from careerguide.orchestration.batch import build_one
from careerguide.orchestration.outcome import Outcome
from careerguide.settings.model import Branding, Settings
from helpers import BUNDLED

SECRET = "TEMPLATE-SECRET-9d2b71"  # planted in a file outside the project
GUIDE = (
    "schema: 1\ncareer: {title: Nurse}\nwhy_it_matters: Care matters.\n"
    "sources:\n  - {id: a, title: A source}\n"
)


def build_with(tmp_path: Path, templates: dict[str, str], formats=("html",)) -> Outcome:
    """Build a small guide with a project whose templates/ hold `templates` (name -> text)."""
    project = tmp_path / "project"
    for name, text in templates.items():
        path = project / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (project / "guide").mkdir(parents=True, exist_ok=True)
    guide = project / "guide" / "nurse.yaml"
    guide.write_text(GUIDE, encoding="utf-8")
    return build_one(guide, tmp_path / "out", Settings(project_dir=project), formats)


def assert_user_error(outcome: Outcome) -> None:
    """A failure the user reads in one line, not a crash with a traceback."""
    assert outcome.error is not None and outcome.detail is None, outcome.detail
    assert "\n" not in outcome.error


def written_text(tmp_path: Path) -> str:
    out = tmp_path / "out"
    files = sorted(out.rglob("*")) if out.exists() else []
    return "\n".join(path.read_bytes().decode("latin-1") for path in files if path.is_file())


# --- Plain data only ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "settings.project_dir.joinpath('{secret}').read_text()",
        "settings.project_dir",
        "settings.extra_css",
        "branding.__class__",
        "guide.model_dump_json()",
        "guide.citations()",
        "guide.__class__.__init__.__globals__",
        "fmt.money.__globals__",
        "sources[0].__class__",
        "sources[0].model_copy()",
        "career.updated.__class__.__subclasses__()",
        "L.__class__.__mro__",
        "guide.items().__iter__.__self__",
    ],
)
def test_a_template_override_sees_no_live_objects(tmp_path, expression):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    template = "{{ " + expression.format(secret=secret) + " }}"
    outcome = build_with(tmp_path, {"sections/why_it_matters.html.j2": template})
    if outcome.error is not None:
        assert_user_error(outcome)
    assert SECRET not in (outcome.error or "") and SECRET not in written_text(tmp_path)
    assert secret.read_text() == SECRET


def test_templates_see_only_plain_data(tmp_path):
    settings = Settings(
        project_dir=tmp_path, extra_css=(tmp_path / "x.css",), branding=Branding(school="S")
    )
    context = template_data(guide_context(load_guide(BUNDLED), settings))
    assert "project_dir" not in context["settings"] and "extra_css" not in context["settings"]
    assert context["settings"]["branding"]["school"] == context["branding"]["school"] == "S"
    assert context["guide"]["skills"]["items"] and context["sources"][0]["title"]

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        else:
            assert value is None or type(value).__name__ in {"str", "bool", "int", "date"}

    walk({name: value for name, value in context.items() if name != "fmt"})
    assert all(callable(function) for function in context["fmt"].values())


@pytest.mark.parametrize(
    "value",
    [Path("/etc"), Settings(), Branding(), open, {"a": [Path("/")]}, {1, 2}, b"bytes"],
    ids=["path", "settings", "branding", "builtin", "nested-path", "set", "bytes"],
)
def test_a_live_object_given_to_templates_fails_loudly(value):
    with pytest.raises(TypeError, match="plain data only"):
        plain(value)


# --- Resource limits ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        '"x" * 10**9',
        "10 ** (10 ** 10)",
        "[0] * 10**7",
        "10**9 * 'x'",
        "2.0 ** 10000",
        "(2 ** 9000) * (2 ** 9000)",
        "range(10**7) | list",
        "1 / 0",
        '"x".center(10**9)',
        '"x".zfill(10**9)',
        '"x" | center(10**9)',
        '"x" | indent(10**9, true)',
        "[1] | batch(10**9, 0) | list",
        '"%1000000000s" % "x"',
        '"%.999999999f" % 1.5',
        '"%*s" % (10**9, "x")',
        '"x" ~ ("y" * 999999) ~ ("z" * 999999)',
        '("y" * 999999) + ("z" * 999999)',
    ],
)
def test_a_template_cannot_compute_something_huge(tmp_path, expression):
    outcome = build_with(tmp_path, {"sections/why_it_matters.html.j2": "{{ " + expression + " }}"})
    assert_user_error(outcome)


def test_repeated_squaring_is_stopped(tmp_path):
    template = (
        "{% set ns = namespace(n=3) %}"
        "{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}"
    )
    outcome = build_with(tmp_path, {"sections/why_it_matters.html.j2": template})
    assert_user_error(outcome)
    assert "too large" in outcome.error or "larger than" in outcome.error


def test_doubling_a_text_with_concatenation_is_stopped(tmp_path):
    template = (
        '{% set ns = namespace(s="x") %}'
        "{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}"
    )
    outcome = build_with(tmp_path, {"sections/why_it_matters.html.j2": template})
    assert_user_error(outcome)
    assert "longer than 1,000,000 items" in outcome.error


def test_ordinary_widths_and_joins_still_work(tmp_path):
    template = (
        '<p>{{ "ab" | center(6) }}|{{ "%5s" % "x" }}|{{ "a" ~ "b" ~ 1 }}|{{ "7".zfill(3) }}</p>'
    )
    outcome = build_with(tmp_path, {"sections/why_it_matters.html.j2": template})
    assert outcome.error is None, outcome.error
    assert "<p>  ab  |    x|ab1|007</p>" in written_text(tmp_path)


def test_jinja_power_is_left_associative_and_small_powers_still_work(tmp_path):
    # `10 ** 10 ** 10` is (10 ** 10) ** 10 in Jinja: 10^100, printed like any number.
    template = "<p>{{ 10 ** 10 ** 10 }} {{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 3 * 4 }}</p>"
    outcome = build_with(tmp_path, {"sections/why_it_matters.html.j2": template})
    assert outcome.error is None, outcome.error
    assert f"<p>{10**100} ababab 1024 12</p>" in written_text(tmp_path)


def test_a_template_printing_too_much_is_stopped(tmp_path):
    template = (
        '{% extends "base.html.j2" %}{% block body %}'
        "{% for i in range(100000) %}{% for j in range(100000) %}"
        + "x" * 100
        + "{% endfor %}{% endfor %}{% endblock %}"
    )
    outcome = build_with(tmp_path, {"guide.html.j2": template})
    assert_user_error(outcome)
    assert "output of template guide.html.j2 is too large" in outcome.error


# --- The Content-Security-Policy ---------------------------------------------------------


class StartTags(HTMLParser):
    """The start tags of a page, in order, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def start_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = StartTags()
    parser.feed(html)
    return parser.tags


BARE_BASE = (
    '<!DOCTYPE html>\n<html lang="{{ career.language }}">\n<head>\n<meta charset="utf-8">\n'
    "<style>/*CSS*/</style>\n<title>{{ career.title }}</title>\n</head>\n"
    "<body>{% block body %}{% endblock %}</body>\n</html>\n"
)


def test_an_override_without_the_policy_still_gets_it_first_in_head(tmp_path):
    outcome = build_with(tmp_path, {"base.html.j2": BARE_BASE}, ("html", "pdf"))
    assert outcome.error is None, outcome.error
    html = (tmp_path / "out" / "nurse.html").read_text(encoding="utf-8")
    tags = start_tags(html)
    policies = [
        attrs for tag, attrs in tags if attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policies == [
        {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY}
    ]
    assert [tag for tag, _ in tags[:4]] == ["html", "head", "meta", "meta"]
    assert tags[2][1] == {"charset": "utf-8"} and tags[3][1] == policies[0]


def test_the_bundled_page_carries_the_policy_once(bundled_build):
    html = bundled_build["html"].read_text(encoding="utf-8")
    assert html.count("Content-Security-Policy") == 1
    tags = start_tags(html)
    assert [tag for tag, _ in tags[:4]] == ["html", "head", "meta", "meta"]
    assert tags[3][1]["content"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html><html><body>",  # no head at all
        "<!DOCTYPE html><script>alert(1)</script><html><head>",  # a script before the head
        "<!DOCTYPE html><html><!-- <head> --><head>",  # a head in a comment
        "<!DOCTYPE html><html\xa0lang=en><head>",  # not a space to an HTML parser
    ],
    ids=["no-head", "script-first", "comment", "nbsp"],
)
def test_a_page_whose_head_is_not_first_is_refused(tmp_path, start):
    template = start + "<title>t</title></head><body>{% block body %}{% endblock %}</body></html>"
    outcome = build_with(tmp_path, {"base.html.j2": template})
    assert_user_error(outcome)
    assert "needs a <head> element" in outcome.error


@pytest.mark.parametrize(
    "start",
    [
        '<!DOCTYPE html><html title="x><head>"><head>',  # a head in an attribute value
        "<!DOCTYPE html><html><head><meta charset=\"utf-8'>",  # a quote left open
        "\n  <html><HEAD data-x='>'>",  # no doctype, capitals, a > in a quoted value
    ],
    ids=["attribute", "open-quote", "no-doctype"],
)
def test_the_policy_goes_in_the_real_head(tmp_path, start):
    template = start + "<title>t</title></head><body>{% block body %}{% endblock %}</body></html>"
    outcome = build_with(tmp_path, {"base.html.j2": template})
    assert outcome.error is None, outcome.error
    tags = start_tags((tmp_path / "out" / "nurse.html").read_text(encoding="utf-8"))
    head = next(index for index, (tag, _) in enumerate(tags) if tag == "head")
    # A page without its charset first gets one there, then the policy.
    assert tags[head + 1 : head + 3] == [
        ("meta", {"charset": "utf-8"}),
        ("meta", {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY}),
    ]


@pytest.mark.parametrize(
    "expression",
    [
        '(["x" * 999999] * 1000) | join',
        '(["x" * 999999] * 1000) | map("upper") | join',
        '"".join(["x" * 999999] * 1000)',
        '("x" * 999999).replace("x", "yy")',
        '("x" * 999999) | replace("x", "yy")',
        '("\\n" * 999999) | indent(100)',
        '"%(a)999999999s" | format(a="x")',
        '"%(a)999999999s" % {"a": "x"}',
        '"%999999999s" | format("x")',
        '"{:>999999999}".format("x")',
        '"{0:.999999999f}".format(1.5)',
        '("\\t" * 999999).expandtabs(100)',
    ],
)
def test_a_filter_or_method_cannot_make_something_huge(tmp_path, expression):
    template = "{{ " + expression + " }}"
    outcome = build_with(tmp_path, {"sections/why_it_matters.html.j2": template})
    assert_user_error(outcome)
    assert (
        "templates/sections/why_it_matters.html.j2:1: the template tried an unsafe" in outcome.error
    )


def test_ordinary_filters_and_methods_still_work(tmp_path):
    template = (
        '<p>{{ ["a", "b"] | join("-") }}|{{ "a,b".replace(",", ";") }}|{{ "%(n)3s" % {"n": 1} }}'
        '|{{ "{:>3}".format("x") }}|{{ ["a", "b"] | map("upper") | join }}|{{ "x\\ny" | indent(2) }}</p>'
    )
    outcome = build_with(tmp_path, {"sections/why_it_matters.html.j2": template})
    assert outcome.error is None, outcome.error
    assert "<p>a-b|a;b|  1|  x|AB|x\n  y</p>" in written_text(tmp_path)


def test_a_three_line_loop_cannot_print_megabytes(tmp_path):
    """The page cap: a real guide's page is 41,000 characters at most; 1 MB more is refused."""
    template = (
        '{% extends "base.html.j2" %}{% block body %}'
        "{% for i in range(20000) %}" + "x" * 100 + "{% endfor %}{% endblock %}"
    )
    outcome = build_with(tmp_path, {"guide.html.j2": template})
    assert_user_error(outcome)
    assert "output of template guide.html.j2 is too large" in outcome.error
