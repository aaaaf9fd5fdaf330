"""The order a guide lists an occupation's core tasks in."""

import re

from ...data.onet import Onet


def order_tasks(onet: Onet, code: str) -> list[str]:
    """Core tasks in O*NET's order. Unrated occupations' tasks are alphabetical, which says
    nothing; theirs are ordered by the words they share with O*NET's own description of
    the occupation (ties alphabetical), so "Design, develop and modify software" comes
    before "Coordinate installation of software"."""
    tasks = onet.tasks.get(code, [])
    if code not in onet.unrated_tasks:
        return tasks
    described = _words(onet.occupations[code].description)
    return sorted(tasks, key=lambda task: -len(_words(task) & described))


def _words(text: str) -> set[str]:
    return {word[:6] for word in re.findall(r"[a-z]+", text.lower()) if len(word) > 3}
