"""A store holding the border-truce scenario (tests/analysis/truces/b-border-truce), with one account of each
role, fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mechanism_setup import ACCOUNTS, PASSWORD, SCENARIO

from ceasefire.ingestion.ingest import ingest
from ceasefire.mechanism.accounts import add_account
from ceasefire.storage.store import open_store


@pytest.fixture(scope="session")
def scenario_db(extractor, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("mechanism") / "base.db"
    with open_store(path) as store:
        ingest([str(SCENARIO)], store, extractor)
        for name, (role, party) in ACCOUNTS.items():
            add_account(store, name, role, PASSWORD, party)
    return path


@pytest.fixture
def db_path(scenario_db, tmp_path) -> Path:
    path = tmp_path / "store.db"
    shutil.copy(scenario_db, path)
    return path


@pytest.fixture
def store(db_path):
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def accounts(store):
    from ceasefire.mechanism.accounts import authenticate

    return {name: authenticate(store, name, PASSWORD) for name in ACCOUNTS}


@pytest.fixture
def agreement_id(store) -> str:
    [agreement] = store.agreements()
    return agreement.id
