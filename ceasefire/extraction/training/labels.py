"""Labels over other people's texts, kept as spans and values.

A labelled report from ``../shared/corpus/pool`` is stored in the project without its words: every
evidence string and quoted text becomes a ``[start, end)`` character span into the pool text, and
the document's title (a headline, the pool's own) is left out. :func:`gold_record` puts the words
back from the pool at run time, giving a gold record in the dev corpus's format for the scorer.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

SECTIONS = ("events", "casualties", "quotes", "agreements", "talks")
# Fields holding words of the text, and the span field each becomes.
_WORDS = {"evidence": "evidence_span", "text": "text_span"}


class LabelError(ValueError):
    """A label that does not fit its text (a string not found, a span out of range)."""


def to_spans(gold: dict, text: str) -> dict:
    """The label form of a gold record whose evidence and quotes are substrings of ``text``."""
    label = copy.deepcopy(gold)
    label.pop("text", None)
    label.get("document", {}).pop("title", None)
    for section in SECTIONS:
        for item in label.get(section) or []:
            for field, span_field in _WORDS.items():
                words = item.pop(field, None)
                if words is None or (field == "text" and section != "quotes"):
                    continue
                start = text.find(words)
                if start < 0:
                    raise LabelError(f"{gold['document']['id']}: {section} {field} is not in the text: {words[:60]!r}")
                item[span_field] = [start, start + len(words)]
    return label


def from_spans(label: dict, text: str, title: str | None = None) -> dict:
    """The gold record a label stands for, with its words taken from ``text``."""
    gold = copy.deepcopy(label)
    for section in SECTIONS:
        for item in gold.get(section) or []:
            for field, span_field in _WORDS.items():
                if span_field in item:
                    start, end = item.pop(span_field)
                    if not 0 <= start < end <= len(text):
                        raise LabelError(f"{label['document']['id']}: {section} span {start}-{end} outside the text")
                    item[field] = text[start:end]
    gold["document"]["title"] = title
    gold["text"] = text
    return gold


def gold_record(label_file: Path, pool: Path) -> dict:
    """The gold record of one label file, its words read from the pool report of the same id."""
    label = json.loads(label_file.read_text(encoding="utf-8"))
    source = pool / f"{label['document']['id']}.json"
    if not source.is_file():
        raise LabelError(f"{label_file}: no pool report {source}")
    report = json.loads(source.read_text(encoding="utf-8"))
    return from_spans(label, report["text"], report.get("title"))
