"""A caseload of N guides made from the bundled one: different titles and file names, and
some variety in content (sections dropped, scores and pay changed), so that no two guides
lay out exactly alike."""

import sys
from pathlib import Path

import yaml

BUNDLED = Path(__file__).resolve().parent.parent / "guide" / "machine-learning-engineer.yaml"
FIELDS = ["Data", "Cloud", "Robotics", "Health", "Climate", "Finance", "Security", "Audio"]
ROLES = ["Engineer", "Analyst", "Technician", "Specialist", "Developer", "Scientist"]
DROPPABLE = ["quotes", "faq", "related", "seniority", "growth", "industries", "day", "education"]


def write_caseload(folder: Path, count: int) -> list[Path]:
    """Write `count` guides into `folder` and return their paths."""
    bundled = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        guide = yaml.safe_load(yaml.safe_dump(bundled))  # a deep copy
        field, role = FIELDS[number % len(FIELDS)], ROLES[number // len(FIELDS) % len(ROLES)]
        title = f"{field} {role} {number + 1}"
        guide["career"]["title"] = title
        guide["career"]["summary"] = f"{title}: " + guide["career"]["summary"]
        for dropped in DROPPABLE[number % 3 :: 3][: number % 4]:
            guide.pop(dropped, None)
        for offset, item in enumerate(guide["skills"]["items"]):
            item["score"] = 40 + (number * 7 + offset * 13) % 60
        salary = guide["salary"]
        salary["low"], salary["median"], salary["high"] = (
            40_000 + number * 500,
            60_000 + number * 700,
            90_000 + number * 900,
        )
        path = folder / f"{number + 1:03d}-{field.lower()}-{role.lower()}.yaml"
        path.write_text(yaml.safe_dump(guide, sort_keys=False, allow_unicode=True), "utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    write_caseload(Path(sys.argv[1]), int(sys.argv[2]))
