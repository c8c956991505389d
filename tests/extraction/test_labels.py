"""Labels over pool texts kept as spans, and the gold records they stand for."""

from __future__ import annotations

import json

import pytest

from ceasefire.extraction.training.labels import LabelError, from_spans, gold_record, to_spans

TEXT = 'Clashes broke out in the north on Monday. A local official said "the town is calm now".'
GOLD = {"document": {"id": "x-1", "title": "Clashes in the north"},
        "events": [{"event_type": "Battles", "evidence": "Clashes broke out in the north on Monday."}],
        "quotes": [{"speaker": "a local official", "text": "the town is calm now"}]}


def test_spans_hold_no_words_and_give_them_back():
    label = to_spans(GOLD, TEXT)
    assert "evidence" not in label["events"][0] and "text" not in label["quotes"][0]
    assert "title" not in label["document"]
    gold = from_spans(label, TEXT, "Clashes in the north")
    assert gold["events"][0]["evidence"] == GOLD["events"][0]["evidence"]
    assert gold["quotes"][0]["text"] == "the town is calm now"
    assert gold["text"] == TEXT


def test_words_not_in_the_text_are_refused():
    with pytest.raises(LabelError, match="not in the text"):
        to_spans(GOLD, "Another text altogether.")


def test_span_outside_the_text_is_refused():
    label = to_spans(GOLD, TEXT)
    with pytest.raises(LabelError, match="outside the text"):
        from_spans(label, TEXT[:20])


def test_gold_record_reads_the_pool(tmp_path):
    pool = tmp_path / "pool"
    pool.mkdir()
    (pool / "x-1.json").write_text(json.dumps({"id": "x-1", "text": TEXT, "title": None}), encoding="utf-8")
    label_file = tmp_path / "x-1.json"
    label_file.write_text(json.dumps(to_spans(GOLD, TEXT)), encoding="utf-8")
    assert gold_record(label_file, pool)["events"][0]["evidence"].startswith("Clashes")
    with pytest.raises(LabelError, match="no pool report"):
        gold_record(label_file, tmp_path / "elsewhere")
