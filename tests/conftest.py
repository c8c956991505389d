"""Shared fixtures: one extractor (spaCy model and tables) per test session."""

from __future__ import annotations

import pytest

from ceasefire import default_extractor


@pytest.fixture(scope="session")
def extractor():
    return default_extractor()


@pytest.fixture(scope="session")
def analyse(extractor):
    """``analyse(text, published="2025-11-08", upto="dates")`` -> Report after the stages up to ``upto``."""

    def run(text: str, published: str | None = "2025-11-08", upto: str | None = None):
        return extractor.analyse(text, published=published, upto=upto)

    return run
