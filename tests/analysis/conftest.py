"""The hand-checked store of handbuilt.py, fresh for each test."""

from __future__ import annotations

import pytest
from handbuilt import build_hand_store


@pytest.fixture
def hand_store(tmp_path):
    store = build_hand_store(tmp_path / "hand.db")
    yield store
    store.close()
