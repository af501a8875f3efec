from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DATA = HERE / "data"
# plan_docx (the Word builder shared with examples/) lives beside the tests.
sys.path.insert(0, str(HERE))


@pytest.fixture
def data_dir() -> Path:
    return DATA
