"""Every predictions test trains into its own temporary models folder."""

import pytest


@pytest.fixture(autouse=True)
def _own_models_folder(models_folder):
    return models_folder
