"""SOC major groups: the field every imported career is filed under."""

from careerguide.data.soc import MAJOR_GROUPS, major_group


def test_a_code_gives_its_major_group_as_a_field():
    assert major_group("29-1141.00") == "Healthcare Practitioners and Technical"
    assert major_group("15-2051 (nearest)") == "Computer and Mathematical"
    assert major_group("35-1011") == "Food Preparation and Serving"
    assert major_group("91-1011.00") is None  # no such major group
    assert major_group(None) is None and major_group("nurse") is None


def test_the_23_major_groups_of_soc_2018():
    assert len(MAJOR_GROUPS) == 23
    assert list(MAJOR_GROUPS) == sorted(MAJOR_GROUPS)
    assert all(not name.endswith("Occupations") for name in MAJOR_GROUPS.values())
