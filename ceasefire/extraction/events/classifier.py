"""A learned reading of what a sentence reports: an ACLED sub-event type, or no incident at all.

A linear model (logistic regression) over hashed word 1-2-grams and character 3-5-grams, trained
by ``make train`` (see :mod:`ceasefire.extraction.training.event_classifier`) on ACLED's human-coded
notes and on sentences of the project's annotated reports. Texts are read without ACLED's conventions
(:func:`in_report_register`): trained with them, the model learnt ACLED's way of writing as the mark of an
incident, and read few of a report's sentences as one. Hashing keeps the features stateless:
the shipped file holds only the weights (``models/event_classifier.npz``, described in
``models/event_classifier.md``). The events stage uses it to type and to veto what its triggers
find, and to find incidents no trigger names.

The features are those of scikit-learn's ``HashingVectorizer`` (lowercased words of two letters or
more and their pairs; characters 3 to 5 at a time within each word padded with a space; MurmurHash3
of each n-gram modulo the columns), computed here with numpy and the ``murmurhash`` package spaCy
ships: importing scikit-learn took a second of the extractor's start-up, and it is needed only to
train. ``tests/extraction/test_event_model.py`` checks the two give the same columns and values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from murmurhash import mrmr

from ceasefire.extraction import MODELS

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

MODEL_FILE = MODELS / "event_classifier.npz"
NONE = "none"  # the label of a sentence that reports no incident
STRATEGIC = "Strategic developments"
HASH_BITS = 17
_COLUMNS = 2**HASH_BITS  # of each of the two n-gram kinds: words first, then characters
_SEPARATOR = "|"
_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
_CHAR_SIZES = (3, 4, 5)
# ACLED's way of opening a note ("On 12 May 2021, ", "Around 3 May 2020 (as reported), ", "03 April. ") and of
# situating its place ("(Kawkareik township, Kawkareik district, Kayin state)"), which no report writes.
_NOTE_DATE = re.compile(r"^(?:(?:On|Around|Between|From|During|Overnight on|On or around|As of|In|Since)\s+[^,.]{0,40}?"
                        r"\d{4}(?:\s*\([^)]*\))?,\s*|\d{1,2}\s+[A-Z][a-z]+\.\s+)")
_NOTE_UNITS = re.compile(r"\s*\((?=[^()]*,)[^()]*\)")


def in_report_register(text: str) -> str:
    """The text without ACLED's own conventions, in training and in reading alike, so that the model learns what
    a note reports, not how ACLED writes it: reports never open a sentence with the full date nor list
    administrative units in brackets."""
    text = _NOTE_UNITS.sub("", _NOTE_DATE.sub("", text, count=1))
    return text[:1].upper() + text[1:]


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The text's feature vector, as (columns, values): log-scaled counts of its word 1-2-grams and of the
    character 3-5-grams within its words (lowercased), length-normalised."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    word_grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    columns = np.fromiter(map(mrmr.hash, word_grams), dtype=np.int64, count=len(word_grams))
    char_columns = [_char_columns(word) for word in lowered.split()]
    indices, counts = np.unique(np.concatenate([np.abs(columns) % _COLUMNS, *char_columns]), return_counts=True)
    values = np.log1p(counts)
    norm = np.linalg.norm(values)
    return indices, values / norm if norm else values


@lru_cache(maxsize=50_000)
def _char_columns(word: str) -> np.ndarray:
    """The columns of a word's character n-grams: the same words come back sentence after sentence, so each is
    cut and hashed once. (abs(-2**31) % 2**17 is 0, as scikit-learn defines it for that one hash.)"""
    padded = f" {word} "
    grams = []
    for size in _CHAR_SIZES:
        if len(padded) <= size:  # a short word counts once, whole
            grams.append(padded)
            break
        grams.extend(padded[i:i + size] for i in range(len(padded) - size + 1))
    hashes = np.fromiter(map(mrmr.hash, grams), dtype=np.int64, count=len(grams))
    return np.abs(hashes) % _COLUMNS + _COLUMNS


def vectorise(texts: list[str]) -> csr_matrix:
    """The texts' feature vectors as the rows of a sparse matrix (for training)."""
    from scipy.sparse import csr_matrix

    rows = [features(in_report_register(text)) for text in texts]
    indptr = np.cumsum([0] + [len(indices) for indices, _ in rows])
    indices = np.concatenate([i for i, _ in rows]) if rows else np.array([], dtype=np.int64)
    values = np.concatenate([v for _, v in rows]) if rows else np.array([])
    return csr_matrix((values, indices, indptr), shape=(len(texts), 2 * _COLUMNS))


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
        scores = np.array([values.astype(np.float32) @ self.weights[indices]
                           for indices, values in (features(in_report_register(text)) for text in texts)]) + self.bias
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
