"""Shared fixtures: the bundled guide built once per session, and scratch guide folders."""

import os
from pathlib import Path

import pytest

from helpers import BUNDLED, SPANISH, build


@pytest.fixture(scope="session", autouse=True)
def build_cache_folder(tmp_path_factory) -> Path:
    """Builds in tests (and the commands they run) keep their cache away from the home folder."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory) -> dict[str, Path]:
    """The bundled guide built to PDF and HTML with default settings."""
    out = tmp_path_factory.mktemp("bundled")
    outcome = build(BUNDLED, out)
    return {path.suffix.lstrip("."): path for path in outcome.written}


@pytest.fixture(scope="session")
def theme_build(tmp_path_factory, bundled_build):
    """The bundled guide built in a theme (PDF and HTML), once per theme per session."""
    built = {"classic": bundled_build}

    def get(theme: str) -> dict[str, Path]:
        if theme not in built:
            outcome = build(BUNDLED, tmp_path_factory.mktemp(theme), theme=theme)
            built[theme] = {path.suffix.lstrip("."): path for path in outcome.written}
        return built[theme]

    return get


@pytest.fixture
def write_guide(tmp_path):
    """Write YAML text to a guide file in a fresh folder and return its path."""

    def write(text: str, name: str = "guide.yaml") -> Path:
        path = tmp_path / "guide" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def spanish_build(tmp_path_factory) -> dict[str, Path]:
    """The bundled Spanish edition built to PDF and HTML."""
    out = tmp_path_factory.mktemp("spanish")
    outcome = build(SPANISH, out)
    return {path.suffix.lstrip("."): path for path in outcome.written}
