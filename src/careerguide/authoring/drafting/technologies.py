"""Technologies employers ask for: only what O*NET marks In Demand for the occupation.

O*NET lists examples alphabetically, so the first few would be whatever starts with A.
The examples are taken one kind (commodity) at a time instead, the kinds with the most
In Demand examples first (ties in O*NET's order), and within a kind the examples that
the most occupations ask for first (ties in O*NET's order): a software developer's list
starts with programming languages, a designer's with graphics software. None rather
than unrelated ones: without In Demand examples there is no list.
"""

from collections import Counter

from ...data.onet import Onet

SHOWN = 10


def technologies(onet: Onet, code: str, asked: Counter[str]) -> list[str]:
    """Up to SHOWN In Demand examples for `code`; `asked` counts occupations per example."""
    kinds: dict[str, list[str]] = {}
    for example, kind in onet.in_demand.get(code, []):
        if example not in kinds.setdefault(kind, []):
            kinds[kind].append(example)
    order = sorted(kinds.values(), key=lambda examples: -len(examples))
    queues = [sorted(examples, key=lambda example: -asked[example]) for examples in order]
    chosen: list[str] = []
    while len(chosen) < SHOWN and any(queues):
        for queue in queues:
            if queue and len(chosen) < SHOWN:
                example = queue.pop(0)
                if example not in chosen:
                    chosen.append(example)
    return chosen


def popularity(onet: Onet) -> Counter[str]:
    """How many occupations have each example In Demand."""
    return Counter(example for listed in onet.in_demand.values() for example, _ in set(listed))
