"""A learned reading of what a sentence reports: an ACLED sub-event type, or no incident at all.

A linear model (logistic regression) over hashed word 1-2-grams and character 3-5-grams, trained
by ``make train`` (see :mod:`ceasefire.extraction.training.event_classifier`) on ACLED's human-coded
notes and on sentences of the project's annotated reports. Hashing keeps the features stateless:
the shipped file holds only the weights (``models/event_classifier.npz``, described in
``models/event_classifier.md``). The events stage uses it to type and to veto what its triggers
find, and to find incidents no trigger names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

MODEL_FILE = Path(__file__).resolve().parent / "models" / "event_classifier.npz"
NONE = "none"  # the label of a sentence that reports no incident
STRATEGIC = "Strategic developments"
HASH_BITS = 17
_SEPARATOR = "|"


def features() -> tuple[HashingVectorizer, ...]:
    """The feature map, the same at training and at run time: word and character n-grams, hashed."""
    return (HashingVectorizer(ngram_range=(1, 2), n_features=2**HASH_BITS, alternate_sign=False, norm=None),
            HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2**HASH_BITS, alternate_sign=False,
                              norm=None))


def vectorise(texts: list[str], feature_map: tuple[HashingVectorizer, ...]) -> csr_matrix:
    """Log-scaled, length-normalised n-gram counts, the vectorisers' columns side by side."""
    counts = hstack([vectoriser.transform(texts) for vectoriser in feature_map], format="csr")
    return normalize(counts.log1p())


def label(event_type: str | None, sub_event_type: str | None) -> str:
    """The class name of a type pair ("Battles|Armed clash"), or :data:`NONE`."""
    return f"{event_type}{_SEPARATOR}{sub_event_type}" if event_type else NONE


@dataclass(frozen=True)
class Reading:
    """What the model reads in one text."""

    event_type: str | None  # the most probable type; None when "no incident" is the most probable
    sub_event_type: str | None
    probability: float  # of event_type (summed over its sub-types), or of "no incident"
    incident: float  # probability of a violent or demonstration event (not SD, not none)
    types: dict[str, float]  # probability of each event type, summed over its sub-types


class EventClassifier:
    """The shipped weights and the feature map; :meth:`read` one text or :meth:`read_many`."""

    def __init__(self, classes: list[str], weights: np.ndarray, bias: np.ndarray) -> None:
        self.classes = classes
        self.weights = weights.astype(np.float32)  # (features, classes)
        self.bias = bias.astype(np.float32)
        self.feature_map = features()
        pairs = [c.split(_SEPARATOR, 1) if c != NONE else (NONE, None) for c in classes]
        self._types = [t for t, _ in pairs]
        self._subs = [s for _, s in pairs]

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> EventClassifier:
        with np.load(path, allow_pickle=False) as data:
            return cls([str(c) for c in data["classes"]], data["weights"], data["bias"])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, classes=np.array(self.classes), weights=self.weights.astype(np.float16),
                            bias=self.bias)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        scores = vectorise(texts, self.feature_map).astype(np.float32) @ self.weights + self.bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def read_many(self, texts: list[str]) -> list[Reading]:
        return [self._reading(row) for row in self.probabilities(texts)] if texts else []

    def read(self, text: str) -> Reading:
        return self.read_many([text])[0]

    def _reading(self, row: np.ndarray) -> Reading:
        types: dict[str, float] = {}
        for event_type, p in zip(self._types, row, strict=True):
            types[event_type] = types.get(event_type, 0.0) + float(p)
        best_type = max(types, key=types.__getitem__)
        incident = sum(p for t, p in types.items() if t not in (NONE, STRATEGIC))
        if best_type == NONE:
            return Reading(None, None, types[NONE], incident, types)
        best = max((i for i, t in enumerate(self._types) if t == best_type), key=lambda i: row[i])
        return Reading(best_type, self._subs[best], types[best_type], incident, types)


@cache
def shipped_classifier() -> EventClassifier:
    """The classifier shipped with the package, loaded once."""
    return EventClassifier.load()
