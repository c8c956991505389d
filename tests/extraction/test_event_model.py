"""The shipped event classifier and what the events stage takes from it (texts written for these tests)."""

from __future__ import annotations

import pytest

from ceasefire.extraction.events.classifier import (
    HASH_BITS,
    NONE,
    EventClassifier,
    label,
    shipped_classifier,
    vectorise,
)
from ceasefire.extraction.events.reading import learned_triggers
from ceasefire.extraction.events.triggers import Trigger


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return shipped_classifier()


@pytest.mark.parametrize(("text", "event_type", "sub_event_type"), [
    ("On 3 March, gunmen abducted four teachers from a school in the village and took them into the forest.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Hundreds of traders marched peacefully through the town centre on Monday, demanding lower market fees.",
     "Protests", "Peaceful protest"),
    ("A roadside bomb struck a military convoy on the highway, killing two soldiers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Police arrested five members of the opposition party at their homes.",
     "Strategic developments", "Arrests"),
    ("The two armed groups signed a local peace agreement at the district headquarters.", None, None),
])
def test_reads_acled_types(classifier, text, event_type, sub_event_type):
    reading = classifier.read(text)
    assert (reading.event_type, reading.sub_event_type) == (event_type, sub_event_type)
    assert 0.0 <= reading.incident <= 1.0
    assert abs(sum(reading.types.values()) - 1.0) < 1e-4


def test_features_are_scikit_learns_hashed_ngrams():
    """The shipped weights were trained on scikit-learn's HashingVectorizer features: computed here without
    it, they must stay the same columns and values."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize

    texts = ["On 3 March, gunmen abducted four teachers from a school in the village.",
             "  Shelling hit Chaman\n\nand Spin Boldak; \"no\" one was hurt.  ", "", "a", "!!! ??", "I  x  yz",
             "Les forces armées ont frappé Kidal ; عشرات القتلى في غزة — Київ, Мʼянма", "ŞANLIURFA İSTANBUL ǅ ß"]
    sklearn = hstack([HashingVectorizer(ngram_range=(1, 2), n_features=2**HASH_BITS, alternate_sign=False,
                                        norm=None).transform(texts),
                      HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2**HASH_BITS,
                                        alternate_sign=False, norm=None).transform(texts)], format="csr")
    expected = normalize(sklearn.log1p())
    ours = vectorise(texts)
    assert ours.shape == expected.shape
    assert abs(ours - expected).max() < 1e-12


def test_round_trip_through_file(classifier, tmp_path):
    path = tmp_path / "model.npz"
    classifier.save(path)
    again = EventClassifier.load(path)
    text = "Soldiers and rebels exchanged fire for hours near the river crossing."
    assert again.classes == classifier.classes
    assert again.read(text).event_type == classifier.read(text).event_type


def test_label_names():
    assert label("Battles", "Armed clash") == "Battles|Armed clash"
    assert label(None, None) == NONE


def _trigger(text: str, word: str, event_type: str, sub: str | None) -> Trigger:
    start = text.index(word)
    return Trigger(start, start + len(word), event_type, sub, "strong")


def test_strategic_development_drops_triggers(classifier):
    text = "Army engineers defused a roadside bomb planted on the highway."
    triggers = [_trigger(text, "bomb", "Explosions/Remote violence", None)]
    assert learned_triggers(text, (0, len(text)), triggers, classifier.read(text)) == []


def test_model_adds_an_incident_no_trigger_names(classifier):
    text = "On Friday, residents of the town shot dead a suspected cattle thief."
    found = learned_triggers(text, (0, len(text)), [], classifier.read(text))
    assert [(t.start, t.end) for t in found] == [(0, len(text))]
    assert found[0].event_type in ("Violence against civilians", "Riots")


def test_model_retypes_a_single_trigger_type(classifier):
    text = "Unidentified gunmen attacked farmers working in their fields, killing three of them."
    triggers = [_trigger(text, "attacked", "Battles", "Armed clash")]
    found = learned_triggers(text, (0, len(text)), triggers, classifier.read(text))
    assert [(t.start, t.end, t.event_type) for t in found] == [(triggers[0].start, triggers[0].end,
                                                                  "Violence against civilians")]


def test_extractor_finds_an_incident_outside_the_lexicon(extractor):
    record = extractor.extract("On 4 May, villagers in Kaya lynched a man accused of theft.", published="2024-05-06")
    assert [(e.event_type, e.date) for e in record.events] == [("Riots", "2024-05-04")]
    assert record.events[0].evidence.startswith("On 4 May")


def test_a_trigger_word_without_its_cues_does_not_stop_the_model(extractor):
    # "demonstrations" needs a crowd named near it; the model reads the sentence as a protest all the same
    text = ("On 12 March 2024, members of the teachers' union, answering a call by their leaders for nationwide "
            "demonstrations, assembled in Kisumu over unpaid salaries.")
    record = extractor.extract(text, published="2024-03-13")
    assert [(e.event_type, e.location.name) for e in record.events] == [("Protests", "Kisumu")]
