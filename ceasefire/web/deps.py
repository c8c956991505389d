"""What every route of the web layer shares: the store, opened once per server thread."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import Depends, Request

from ceasefire.storage.store import Store, open_store

_threads = threading.local()  # per server thread: one open store per database path


def get_store(request: Request) -> Store:
    """The app's store, opened (and migrated) once per server thread and then reused."""
    stores = getattr(_threads, "stores", None)
    if stores is None:
        stores = _threads.stores = {}
    path = request.app.state.db_path
    if path not in stores:
        stores[path] = open_store(path)
    return stores[path]


StoreDep = Annotated[Store, Depends(get_store)]
