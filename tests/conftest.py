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


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server to make test databases on (see postgres_server); skips, saying why, without one."""
    import postgres_server

    server = postgres_server.start()
    if isinstance(server, str):
        pytest.skip(f"PostgreSQL: {server}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request, tmp_path):
    """``new_store(name)``: the location of a new, empty store, an SQLite file or a PostgreSQL database."""
    if request.param == "sqlite":
        return lambda name="store": str(tmp_path / f"{name}.db")
    server = request.getfixturevalue("postgres")
    return lambda name="store": server.new_database()
