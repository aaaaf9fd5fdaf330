"""Rules across fields of a guide, checked on the file's values so every break is reported.

Pydantic runs a model's own rules only once all its fields are valid, and stops at the
first broken one, so a counselor used to fix one problem per run. These rules read the
plain values as loaded, skip values of the wrong type (the field checks report those) and
yield every break in the file, each at the path of the value to edit.
"""

import re
from collections.abc import Iterator
from typing import Any

from .messages import Loc, did_you_mean

Finding = tuple[Loc, str]
# Sections with a `cite` list; each education route has its own, for its share.
CITING_SECTIONS = ("day", "skills", "salary", "outlook")
DEFAULT_SCALE = 100
DEFAULT_THRESHOLD = 3


def broken_rules(data: dict[str, Any]) -> list[Finding]:
    """Every rule across fields that the guide's values break, in the order of the file."""
    rules = (_times_in_order, _scores_within_max, _pay_in_order, _threshold_reachable)
    found = [finding for rule in rules for finding in rule(data)]
    return found + list(_education_shares(data)) + list(_source_ids(data))


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mapping(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _items(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def _times_in_order(data: dict[str, Any]) -> Iterator[Finding]:
    before: str | None = None
    for index, slot in enumerate(_items(_mapping(data, "day"), "schedule")):
        now = slot.get("time") if isinstance(slot, dict) else None
        if not isinstance(now, str) or not _TIME.fullmatch(now):
            continue
        if before is not None and now <= before:  # "HH:MM" sorts as the clock does
            message = f"{now} should come after {before}; list times in order"
            yield ("day", "schedule", index, "time"), message
        before = now


def _scores_within_max(data: dict[str, Any]) -> Iterator[Finding]:
    skills = _mapping(data, "skills")
    maximum = _number(skills.get("max", DEFAULT_SCALE))
    if maximum is None:
        return
    for index, skill in enumerate(_items(skills, "items")):
        score = _number(skill.get("score")) if isinstance(skill, dict) else None
        if score is not None and score > maximum:
            yield ("skills", "items", index, "score"), f"{score} is above the maximum {maximum}"


def _pay_in_order(data: dict[str, Any]) -> Iterator[Finding]:
    pay = _mapping(data, "salary")
    low, median, high = (_number(pay.get(key)) for key in ("low", "median", "high"))
    if low is not None and median is not None and median < low:
        yield ("salary", "median"), f"{median} is below low ({low})"
    if median is not None and high is not None and high < median:
        yield ("salary", "high"), f"{high} is below median ({median})"


def _threshold_reachable(data: dict[str, Any]) -> Iterator[Finding]:
    fit = _mapping(data, "fit")
    threshold = _number(fit.get("threshold", DEFAULT_THRESHOLD))
    statements = len(_items(fit, "good_fit"))
    if threshold is not None and statements and threshold > statements:
        yield ("fit", "threshold"), f"{threshold} is more than the {statements} good_fit statements"


def _education_shares(data: dict[str, Any]) -> Iterator[Finding]:
    routes = _items(data, "education")
    shares = [route.get("share") for route in routes if isinstance(route, dict)]
    given = [share for share in shares if share is not None]
    if not all(_number(share) is not None and 0 <= share <= 100 for share in given):
        return  # a share out of range is reported on its own; a total would only repeat it
    total = sum(given)
    if total > 100:
        yield ("education",), f"shares add up to {total}, more than 100"


def _source_ids(data: dict[str, Any]) -> Iterator[Finding]:
    known: set[str] = set()
    for index, source in enumerate(_items(data, "sources")):
        source_id = source.get("id") if isinstance(source, dict) else None
        if not isinstance(source_id, str):
            continue
        if source_id in known:
            yield ("sources", index, "id"), f"id {source_id!r} is used twice"
        known.add(source_id)
    holders: list[tuple[Loc, Any]] = [((name,), _mapping(data, name)) for name in CITING_SECTIONS]
    holders += [(("education", i), route) for i, route in enumerate(_items(data, "education"))]
    for where, holder in holders:
        for index, source_id in enumerate(_items(holder, "cite")):
            if isinstance(source_id, str) and source_id not in known:
                hint = did_you_mean(source_id, known)
                yield (*where, "cite", index), f"no source has id {source_id!r}{hint}"
