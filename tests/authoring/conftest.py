"""Shared by the import tests: the made-up O*NET and BLS files, read once a module."""

import pytest

from careerguide.authoring.importer import Data, load_data
from helpers import MADE_UP_ONET, MADE_UP_PROJECTIONS, MADE_UP_WAGES


@pytest.fixture(scope="module")
def data() -> Data:
    return load_data(MADE_UP_ONET, MADE_UP_WAGES, MADE_UP_PROJECTIONS)
