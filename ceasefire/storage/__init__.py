"""The store: documents, extracted items, failures and the resolved record in one SQLite file."""

from ceasefire.storage.queries import IncidentFilter
from ceasefire.storage.store import Store, default_path, open_store

__all__ = ["IncidentFilter", "Store", "default_path", "open_store"]
