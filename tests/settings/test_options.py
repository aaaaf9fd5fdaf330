"""Options are declared once: each is a flag of `build`, a key of careerguide.yaml and a setting."""

import pytest

from careerguide.orchestration.project import ProjectFile, project_settings
from careerguide.settings.options import OPTIONS
from helpers import careerguide


def test_every_option_is_a_build_flag_and_a_settings_file_key():
    help_text = careerguide("build", "--help").stdout
    for option in OPTIONS:
        assert option.flag in help_text, option.flag
    # data: for import; languages: the school's words by language, not flags
    declared = [name for name in ProjectFile.model_fields if name not in ("data", "languages")]
    assert declared == [option.name for option in OPTIONS]


@pytest.mark.parametrize("option", [o for o in OPTIONS if o.kind is str], ids=lambda o: o.name)
def test_a_value_given_as_flag_lands_in_its_setting(option, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = project_settings(tmp_path, {option.name: option.example})
    holder = settings
    for part in option.setting.split("."):
        holder = getattr(holder, part)
    assert holder == option.example
