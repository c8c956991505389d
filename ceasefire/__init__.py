"""Ceasefire Monitor: turns news reports into a sourced, geolocated record of a ceasefire.

    >>> import ceasefire
    >>> record = ceasefire.extract(text, published="2025-11-08")
    >>> record.to_dict()
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from ceasefire.records import DocumentRecord

if TYPE_CHECKING:
    import os

    from ceasefire.extraction.pipeline import Extractor
    from ceasefire.storage.store import Store

__version__ = "0.1.0"
__all__ = ["DocumentRecord", "extract", "default_extractor", "open_store", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The shared extractor (spaCy model and tables loaded once per process)."""
    from ceasefire.extraction.pipeline import Extractor

    return Extractor()


def extract(text: str, *, published: str | dt.date | None = None, url: str | None = None,
            title: str | None = None, publisher: str | None = None, id: str | None = None) -> DocumentRecord:
    """Extract the document record of one report."""
    return default_extractor().extract(text, published=published, url=url, title=title,
                                       publisher=publisher, id=id)


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    """Open the monitor's store (``$CEASEFIRE_DB`` or ./ceasefire.db by default): documents, incidents,
    agreements and talks, with query methods (``incidents(since=..., country=...)``, ``agreements()``,
    ``talks()``, ``quotes()``) and pandas DataFrames (``incidents_frame()``) when pandas is installed."""
    from ceasefire.storage.store import open_store as open_sqlite_store

    return open_sqlite_store(path)
