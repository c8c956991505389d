"""Errors the library raises on purpose; each message says what went wrong and where."""


class CeasefireError(Exception):
    """Base class for errors meant for the user, not for a traceback."""


class InputError(CeasefireError):
    """A report could not be read: empty, binary, undecodable, too large, malformed."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(CeasefireError):
    """A store that cannot be opened or used: not an SQLite file, not a Ceasefire Monitor store."""
