"""Loading guides: every user mistake is one line naming file, line, column and field."""

import re

import pytest
import yaml

from careerguide.core.errors import GuideError
from careerguide.guidefile.load import (
    MAX_BYTES,
    MAX_EXPANDED_NODES,
    _fast_read,
    load_guide,
    load_guide_with_nodes,
    read_yaml,
)
from helpers import BUNDLED, SPANISH


def error_of(path) -> str:
    """The message of the GuideError that loading `path` raises."""
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    return str(caught.value)


HEAD = "schema: 1\ncareer:\n  title: Nurse\n"

# (guide text, expected line, expected "field: message" tail)
INVALID = [
    (HEAD + "skils:\n  items: []\n", 4, "skils: unknown key (did you mean 'skills'?)"),
    (HEAD + "  updatd: 2026-01-01\n", 4, "career.updatd: unknown key (did you mean 'updated'?)"),
    (
        HEAD + "skills:\n  items:\n    - {name: Care, score: 50}\n    - {name: Math, score: 120}\n",
        7,
        "skills.items[1].score: 120 is above the maximum 100",
    ),
    (
        HEAD + "skills:\n  max: 5\n  items:\n    - {name: Care, score: 6}\n",
        7,
        "skills.items[0].score: 6 is above the maximum 5",
    ),
    (
        HEAD + "skills:\n  items:\n    - {name: Care, score: -1}\n",
        6,
        "skills.items[0].score: -1 is below the minimum 0",
    ),
    (
        HEAD + "skills:\n  items:\n    - {name: Care, score: lots}\n",
        6,
        "skills.items[0].score: 'lots' must be a whole number",
    ),
    (
        HEAD + "salary:\n  low: 50000\n  median: 40000\n  high: 90000\n",
        6,
        "salary.median: 40000 is below low (50000)",
    ),
    (
        HEAD + "education:\n  - {route: A, share: 70}\n  - {route: B, share: 40}\n",
        5,
        "education: shares add up to 110, more than 100",
    ),
    (
        HEAD + "education:\n  - {route: A, share: 170}\n",
        5,
        "education[0].share: 170 is above the maximum 100",
    ),
    (
        HEAD + 'day:\n  schedule:\n    - {time: "10:00", activity: A}\n'
        '    - {time: "09:00", activity: B}\n',
        7,
        "day.schedule[1].time: 09:00 should come after 10:00; list times in order",
    ),
    (
        HEAD + 'day:\n  schedule:\n    - {time: "9am", activity: A}\n',
        6,
        "day.schedule[0].time: '9am' must be a 24-hour time written \"HH:MM\"",
    ),
    (
        HEAD + "salary: {low: 1, median: 2, high: 3, cite: [s2]}\n"
        "sources:\n  - {id: s1, title: T}\n",
        4,
        "salary.cite[0]: no source has id 's2' (did you mean 's1'?)",
    ),
    (
        HEAD + "education:\n  - {route: A, share: 60, cite: [s1]}\n  - {route: B, cite: [s2]}\n"
        "sources:\n  - {id: s1, title: T}\n",
        6,
        "education[1].cite[0]: no source has id 's2' (did you mean 's1'?)",
    ),
    (
        HEAD + "tradeoffs:\n  myths:\n    - {myth: M, verdict: maybe, reality: R}\n",
        6,
        "tradeoffs.myths[0].verdict: 'maybe' is not one of 'true', 'false' or 'partly'",
    ),
    (
        HEAD + "sources:\n  - {id: s1, title: T, url: 'javascript:alert(1)'}\n",
        5,
        "sources[0].url: 'javascript:alert(1)' must start with http://, https:// or mailto:",
    ),
    (
        HEAD + "fit:\n  threshold: 4\n  good_fit: [a, b]\n",
        5,
        "fit.threshold: 4 is more than the 2 good_fit statements",
    ),
    ("schema: 1\ncareer:\n  summary: No title\n", 3, "career.title: is required"),
    (
        HEAD + "pathway: High school then college\n",
        4,
        "pathway: 'High school then college' must be a list (one `- item` per line)",
    ),
    (
        HEAD + "  updated: last week\n",
        4,
        "career.updated: 'last week' must be a date written YYYY-MM-DD",
    ),
    (HEAD + "career:\n  title: Twice\n", 4, "key `career` appears twice in the same mapping"),
]


@pytest.mark.parametrize(("text", "line", "tail"), INVALID, ids=[t for _, _, t in INVALID])
def test_invalid_guides_report_file_line_and_field(write_guide, text, line, tail):
    path = write_guide(text)
    message = error_of(path).splitlines()[0]
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}:\d+: {re.escape(tail)}", message), message


def test_every_problem_in_a_file_is_listed_in_line_order(write_guide):
    path = write_guide(HEAD + "skils: 1\nsalry: 2\n")
    lines = error_of(path).splitlines()
    assert [line.split(":")[1] for line in lines] == ["4", "5"]


UNREADABLE = {  # id: (file bytes, expected message)
    "empty": (b"", r":1:1: the file is empty"),
    "comment-only": (b"# only a comment\n", r":1:1: the file is empty"),
    "latin-1": (b"schema: 1\ncareer:\n  title: Caf\xe9\n", r":3:\d+: is not UTF-8 text"),
    "syntax": (b"career:\n  title: [unclosed\n", r":\d+:\d+: YAML: "),
    "list": (b"- just\n- a list\n", r":1:1: the top level must be a mapping"),
    "python-tag": (
        b"career: !!python/object/apply:os.system ['true']\n",
        r":1:9: YAML tag .* not allowed",
    ),
    "local-tag": (b"career: !include secrets.yaml\n", r":1:9: YAML tag !include is not allowed"),
    "control-character": (
        b"career:\n  title: a\x01b\n",
        r":2:11: YAML: the control character U\+0001",
    ),
    "impossible-date": (
        b"career: {title: X, updated: 2026-02-30}\n",
        r":1:29: '2026-02-30' is not a valid date",
    ),
    "bad-int-tag": (b"career: {title: !!int many}\n", r":1:17: 'many' is not a valid whole number"),
    "number-key": (b"career: {title: X}\n1: one\n", r":2:1: key '1' is not a name"),
    "list-key": (b"career: {title: X}\n? [a, b]\n: c\n", r":2:3: this key is not a name"),
    "deep-nesting": (
        b"career: {title: X}\nsummary: " + b"[" * 60,
        r":2:\d+: YAML: .* nested more than 50",
    ),
    # Closed again, so that libyaml would build it, recursing once per level in C.
    "thousands-deep": (
        b"career: {title: X}\nsummary: " + b"[" * 20_000 + b"]" * 20_000 + b"\n",
        r":2:\d+: YAML: .* nested more than 50",
    ),
    "too-many-values": (
        b"career: {title: X}\nx: [" + b"a, " * MAX_EXPANDED_NODES + b"a]\n",
        r":2:\d+: YAML: the file holds more than 50,000 values",
    ),
    "deep-alias-chain": (
        b"a0: &a0 [x]\n"
        + b"".join(b"a%d: &a%d [*a%d]\n" % (i, i, i - 1) for i in range(1, 60))
        + b"career: {title: X}\n",
        r":\d+:\d+: YAML: .* nested more than 50",
    ),
}


@pytest.mark.parametrize(("raw", "expected"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_files_get_one_line(tmp_path, raw, expected):
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    message = error_of(path)
    assert "\n" not in message
    assert re.search(expected, message), message


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("career:\n  title: X\n  summary: " + "a" * MAX_BYTES + "\n")
    assert "larger than the limit of" in error_of(path)


def test_alias_bomb_fails_fast(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\ncareer: {title: X}\n")
    # Unchecked, this document expands to 9**10 values: minutes and gigabytes, not an error.
    assert "aliases expand to more than" in error_of(path)


ALIASED = """schema: 1
career: {title: Nurse, summary: &care Caring for patients in hospitals and clinics.}
skills:
  items:
    - &skill {name: Care, score: 80}
    - *skill
faq:
  - {q: What do nurses do, a: *care}
"""


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="this PyYAML was built without libyaml")
@pytest.mark.parametrize("name", ["bundled", "spanish", "aliased"])
def test_builds_read_guides_with_libyaml_into_what_check_reads(tmp_path, name):
    """`load_guide` (every build) parses with libyaml; `check` with the pure-Python parser,
    whose marks keep the text. Both must read a guide into the same values."""
    path = {"bundled": BUNDLED, "spanish": SPANISH}.get(name, tmp_path / "aliased.yaml")
    if name == "aliased":
        path.write_text(ALIASED, encoding="utf-8")
    fast = _fast_read(path)
    assert fast is not None, "libyaml's path was not taken"
    assert fast[0] == read_yaml(path)[0]
    assert load_guide(path) == load_guide_with_nodes(path)[0]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="this PyYAML was built without libyaml")
def test_check_and_build_accept_what_only_libyaml_reads(tmp_path):
    """The pure-Python parser refuses a question mark before a comma in `{...}`; libyaml
    reads it, so builds do, and `check` must agree with them."""
    path = tmp_path / "question.yaml"
    path.write_text(HEAD + "faq:\n  - {q: Why nurse?, a: To care.}\n", "utf-8")
    with pytest.raises(GuideError):
        read_yaml(path)
    assert load_guide(path).faq[0].q == "Why nurse?"
    assert load_guide_with_nodes(path)[0] == load_guide(path)


def test_bundled_guide_is_complete():
    guide = load_guide(BUNDLED)
    assert [skill.score for skill in guide.skills.items] == [94, 92, 90, 88, 76]
    assert len(guide.pathway) == 6 and len(guide.education) == 4
    assert len(guide.day.schedule) == 8 and guide.fit.threshold == 3
    assert guide.salary.low <= guide.salary.median <= guide.salary.high
    assert "disagree" in guide.salary.note.lower()
    cited = {source_id for _, ids in guide.citations() for source_id in ids}
    assert cited == {source.id for source in guide.sources}
    empty = [name for name, value in guide if value in (None, [], "") and name != "omit"]
    assert empty == [], f"sections left empty: {empty}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'career:\n  title: Nurse\n  summary: "Nurses care for\n    patients\n  tasks:\n    - one\n',
            ":3:12: YAML: the quoted text that starts here has no closing quote; add it where the"
            " text ends",
        ),
        (
            "career:\n  title: Nurse\n\tsummary: x\n",
            ":3:1: YAML: a tab character; indent with spaces only",
        ),
        (
            "career:\n  title: Nurse\n  summary: Nurses: they care\n",
            ":3:18: YAML: a colon followed by a space inside text; put the whole text in quotes, as in"
            ' summary: "Nurses: they care"',
        ),
        (
            "career:\n  title: Nurse\n  tasks: [one, two\n  summary: x\n",
            ":3:10: YAML: the [ that opens here has no closing ]; add ] after the last item",
        ),
        (
            "career:\n  title: Nurse\npathway:\n  - {stage: School, detail: Biology, chemistry}\n",
            ':4:29: pathway[0]: text with a comma inside {...} needs quotes: detail: "Biology, chemistry"',
        ),
        (
            "career:\n  title: Nurse\npathway:\n  - {stage: School}\n - {stage: College}\n",
            ":5:2: YAML: this list item is indented 1 space, which lines up with nothing above "
            "it; indent it 2 spaces, like line 4: '- {stage: School}'",
        ),
        (
            "career:\n  title: Nurse\ntradeoffs:\n  pros: [Pay]\n  cons:\n  - Nights\n myths: []\n",
            ":7:2: YAML: this key is indented 1 space, which lines up with nothing above it; "
            "indent it 2 spaces, like line 5: 'cons:'",
        ),
        (
            "career:\n  title: Nurse\nday:\n  intro: Up early\n    schedule: []\n",
            ":5:5: YAML: `schedule:` is indented further than `intro:` on line 4, so it reads as "
            "more of its text; indent `schedule:` 2 spaces, like `intro:`",
        ),
        (
            "career:\n  title: Nurse\nskills:\n  items:\n    - {name: A, score: 1}\nmax: 100\n",
            ":6:1: max: unknown key here; indent it under `skills:`, where it belongs",
        ),
    ],
    ids=[
        "unclosed-quote",
        "tab",
        "colon-in-text",
        "unclosed-bracket",
        "comma-in-braces",
        "item-a-space-short",
        "key-a-space-out",
        "key-under-a-text",
        "key-moved-out-of-its-section",
    ],
)
def test_yaml_mistakes_are_said_in_plain_words_where_to_edit(write_guide, text, expected):
    path = write_guide(text)
    assert error_of(path) == f"{path}{expected}"


def test_every_problem_of_a_file_is_reported_at_once_in_file_order(write_guide):
    path = write_guide(
        "career:\n"
        "  title: Nurse\n"
        "  updatd: 2026-01-01\n"
        "skills:\n"
        "  items:\n"
        "    - {name: Care, score: 120}\n"
        "    - {name: Math, score: 101}\n"
        "education:\n"
        "  - {route: Degree, share: 70}\n"
        "  - {route: Diploma, share: 40}\n"
        "salary: {low: 50000, median: 40000, high: 30000}\n"
        "day:\n"
        "  schedule:\n"
        "    - {time: '09:00', activity: Rounds}\n"
        "    - {time: '08:00', activity: Charts}\n"
        "    - {time: 'late', activity: Home}\n"
    )
    assert error_of(path).splitlines() == [
        f"{path}:3:3: career.updatd: unknown key (did you mean 'updated'?)",
        f"{path}:6:27: skills.items[0].score: 120 is above the maximum 100",
        f"{path}:7:27: skills.items[1].score: 101 is above the maximum 100",
        f"{path}:9:3: education: shares add up to 110, more than 100",
        f"{path}:11:30: salary.median: 40000 is below low (50000)",
        f"{path}:11:43: salary.high: 30000 is below median (40000)",
        f"{path}:15:14: day.schedule[1].time: 08:00 should come after 09:00; list times in order",
        f"{path}:16:14: day.schedule[2].time: 'late' must be a 24-hour time written \"HH:MM\"",
    ]


def test_a_yes_or_no_field_says_so_in_our_words(write_guide):
    path = write_guide("career: {title: T}\nquotes:\n  - {text: Hi, paraphrased: maybe}\n")
    assert error_of(path) == f"{path}:3:29: quotes[0].paraphrased: 'maybe' must be true or false"
