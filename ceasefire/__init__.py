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
    from ceasefire.extraction.pipeline import Extractor

__version__ = "0.1.0"
__all__ = ["DocumentRecord", "extract", "default_extractor", "__version__"]

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
