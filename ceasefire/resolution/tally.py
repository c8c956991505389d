"""Votes counted as values come in, for fields voted over many reports: a resolved item told again takes the new
report's values without reading the earlier ones, and gives what :func:`~ceasefire.resolution.common.most_common`,
:func:`~ceasefire.resolution.common.finest` and :func:`~ceasefire.resolution.common.union` give over all of them."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from ceasefire.resolution.common import name_key


class Tally:
    """How often each value was given, and in which order values were first given."""

    def __init__(self) -> None:
        self.counts: dict[Hashable, list[int]] = {}  # value -> [times given, order first given]

    def add(self, value: Hashable | None) -> None:
        if value is None:
            return
        entry = self.counts.get(value)
        if entry is None:
            self.counts[value] = [1, len(self.counts)]
        else:
            entry[0] += 1

    def copy(self) -> Tally:
        copied = Tally()
        copied.counts = {value: list(entry) for value, entry in self.counts.items()}
        return copied

    def most_common(self) -> Any:
        """The most frequent value; ties go to the value given first."""
        return _top(self.counts.items())

    def finest(self) -> Any:
        """The most precise (longest) non-empty value; among those the most frequent, then the first given."""
        present = [(value, entry) for value, entry in self.counts.items() if value]
        if not present:
            return None
        longest = max(len(value) for value, _ in present)
        return _top((value, entry) for value, entry in present if len(value) == longest)


def _top(entries: Iterable[tuple[Hashable, list[int]]]) -> Any:
    return max(entries, key=lambda pair: (pair[1][0], -pair[1][1]), default=(None,))[0]


class Names:
    """Every name given, in order of first appearance, compared case-insensitively."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def add(self, names: Iterable[str]) -> None:
        for name in names:
            if name and name_key(name) not in self.names:
                self.names[name_key(name)] = name

    def copy(self) -> Names:
        copied = Names()
        copied.names = dict(self.names)
        return copied

    def values(self) -> list[str]:
        return list(self.names.values())
