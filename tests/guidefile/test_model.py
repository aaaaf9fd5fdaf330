"""The guide's JSON Schema: generated from the model, committed, and as strict as it can be."""

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from careerguide.guidefile.load import load_guide
from careerguide.guidefile.model import Guide, guide_schema, inner_model
from helpers import BUNDLED, ROOT, SCHEMA, SPANISH, as_json, schema_errors

REGENERATE = "careerguide schema > schema/guide.schema.json  (or: make schema)"


def test_committed_schema_is_current():
    assert SCHEMA.read_text(encoding="utf-8") == guide_schema(), f"stale; run {REGENERATE}"


def test_schema_command_prints_the_committed_schema():
    result = subprocess.run(
        [sys.executable, "-m", "careerguide", "schema"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and result.stdout == SCHEMA.read_text(encoding="utf-8")


def test_schema_is_a_valid_json_schema_with_descriptions_and_limits():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    skill = schema["$defs"]["Skill"]["properties"]["score"]
    assert skill["title"] == "Score" and skill["minimum"] == 0 and skill["description"]
    assert schema["$defs"]["Route"]["properties"]["share"]["anyOf"][0]["maximum"] == 100
    assert "schema" in schema["properties"] and "schema_version" not in schema["properties"]


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    seen.add(model)
    for field in model.model_fields.values():
        inner = inner_model(field.annotation)
        if inner is not None and inner not in seen:
            _models(inner, seen)
    return seen


def test_every_field_has_a_description():
    missing = [
        f"{model.__name__}.{name}"
        for model in _models(Guide, set())
        for name, field in model.model_fields.items()
        if not field.description
    ]
    assert missing == []


@pytest.mark.parametrize("guide", [BUNDLED, SPANISH], ids=["en", "es"])
def test_bundled_guides_validate_against_the_schema(guide):
    assert schema_errors(yaml.safe_load(guide.read_text(encoding="utf-8"))) == []


HEAD = {"schema": 1, "career": {"title": "Nurse"}}


@pytest.mark.parametrize(
    ("skills", "valid"),
    [
        ({"items": [{"name": "Care", "score": 120}]}, False),
        ({"max": 100, "items": [{"name": "Care", "score": 120}]}, False),
        ({"items": [{"name": "Care", "score": 100}]}, True),
        # Another scale: JSON Schema cannot compare score with max, so only the scale limit
        # applies here and validation (`build`, `check`) does the rest.
        ({"max": 200, "items": [{"name": "Care", "score": 120}]}, True),
        ({"max": 200, "items": [{"name": "Care", "score": 1200}]}, False),
    ],
)
def test_skill_scores_against_the_schema(skills, valid):
    assert (schema_errors({**HEAD, "skills": skills}) == []) is valid


def test_schema_accepts_what_the_model_accepts_for_verdicts():
    myth = {"myth": "M", "reality": "R"}
    for verdict, valid in [(False, True), ("partly", True), ("maybe", False)]:
        data = {**HEAD, "tradeoffs": {"myths": [{**myth, "verdict": verdict}]}}
        assert (schema_errors(data) == []) is valid, verdict


def test_schema_rejects_unknown_keys_and_missing_title():
    assert schema_errors({**HEAD, "skils": {}})
    assert schema_errors({"schema": 1, "career": {"summary": "No title"}})


@pytest.mark.parametrize("verdict", ["Partly", "FALSE", "true", "partly"])
def test_a_verdict_is_read_without_regard_to_capitals(write_guide, verdict):
    path = write_guide(
        "career: {title: T}\n"
        f"tradeoffs:\n  myths:\n    - {{myth: M, verdict: {verdict}, reality: R}}\n"
    )
    assert load_guide(path).tradeoffs.myths[0].verdict == verdict.lower()
    data = yaml.safe_load(path.read_text())
    assert schema_errors(as_json(data)) == []
