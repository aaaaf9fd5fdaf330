"""The 23 major groups of the Standard Occupational Classification (SOC 2018), as fields.

An occupation's code begins with its major group (29-1141 is in 29, Healthcare
Practitioners and Technical Occupations), so every imported career gets a field a student
can filter by, named as the SOC names it, without "Occupations".
"""

import re

MAJOR_GROUPS: dict[str, str] = {
    "11": "Management",
    "13": "Business and Financial Operations",
    "15": "Computer and Mathematical",
    "17": "Architecture and Engineering",
    "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service",
    "23": "Legal",
    "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media",
    "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support",
    "33": "Protective Service",
    "35": "Food Preparation and Serving",
    "37": "Building and Grounds Cleaning and Maintenance",
    "39": "Personal Care and Service",
    "41": "Sales",
    "43": "Office and Administrative Support",
    "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction",
    "49": "Installation, Maintenance, and Repair",
    "51": "Production",
    "53": "Transportation and Material Moving",
    "55": "Military",
}

_CODE = re.compile(r"\b(\d\d)-\d{4}\b")


def major_group(code: str | None) -> str | None:
    """The field of an occupation code (`29-1141.00`, `15-2051 (nearest)`), if it has one."""
    found = _CODE.search(code or "")
    return MAJOR_GROUPS.get(found[1]) if found else None
