"""A Presidio ``AnalyzerEngine`` that works offline, on a blank spaCy pipeline.

Out of the box Presidio fails without a network: ``AnalyzerEngine()`` downloads a spaCy
model, and the email/URL recognizers' ``tldextract`` fetches the public suffix list at first
use. Here:

* the NLP engine tokenizes with ``spacy.blank("en")`` (no model), or loads an *installed*
  pipeline named by ``nlp_model`` (a package name or a path) and never downloads one;
* a blank pipeline leaves ``token.lemma_`` empty, which silently disables Presidio's
  lemma-based context enhancer; the ``redact_lower_lemma`` component sets each empty lemma
  to the lower-cased token so that context words work again;
* ``tldextract`` is pinned to its bundled public-suffix snapshot.

Importing this module imports presidio-analyzer and spaCy (about 1.5 s), which is why the
default ``Redactor`` engine does not use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from recognizers.base import Hit, Recognizer

LOWER_LEMMA = "redact_lower_lemma"

#: spaCy NER labels -> redact entity types, for ``nlp_model``
NER_MAPPING = {"PERSON": "NAME", "PER": "NAME", "GPE": "CITY", "LOC": "CITY", "FAC": "ADDRESS",
               "DATE": "DATE", "NAME": "NAME", "CITY": "CITY", "ADDRESS": "ADDRESS"}


class ModelNotInstalledError(RuntimeError):
    """The requested spaCy pipeline is not installed (redact never downloads one)."""


@Language.component(LOWER_LEMMA)
def lower_lemma(doc: SpacyDoc) -> SpacyDoc:
    """Give every token without a lemma its lower-cased text as lemma."""
    for token in doc:
        if not token.lemma_:
            token.lemma_ = token.lower_
    return doc


def make_offline() -> None:
    """Pin tldextract (used by Presidio's email and URL recognizers) to its snapshot."""
    import tldextract.tldextract as tld

    if tld.TLD_EXTRACTOR.suffix_list_urls:
        tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                           fallback_to_snapshot=True)


def load_pipeline(nlp_model: str | None = None) -> Language:
    """A blank English pipeline, or an installed one; lemmas always non-empty."""
    if nlp_model is None:
        nlp = spacy.blank("en")
    else:
        if not (spacy.util.is_package(nlp_model) or Path(nlp_model).exists()):
            raise ModelNotInstalledError(
                f"spaCy pipeline {nlp_model!r} is not installed (redact never downloads "
                "models: install the package or pass a path)")
        nlp = spacy.load(nlp_model)
    if LOWER_LEMMA not in nlp.pipe_names:
        nlp.add_pipe(LOWER_LEMMA, last=True)
    return nlp


class OfflineSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine with a pipeline we load ourselves (never downloads)."""

    def __init__(self, nlp_model: str | None = None) -> None:
        name = nlp_model or "blank:en"
        mapping = dict(NER_MAPPING)
        super().__init__(
            models=[{"lang_code": "en", "model_name": name}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=mapping, labels_to_ignore=[]),
        )
        self._nlp_model = nlp_model

    def load(self) -> None:
        self.nlp = {"en": load_pipeline(self._nlp_model)}


def build_analyzer(recognizers: list[Recognizer] | None = None, *, nlp_model: str | None = None,
                   reference_year: int | None = None) -> AnalyzerEngine:
    """An AnalyzerEngine with redact's recognizers (and the pipeline's NER if ``nlp_model``)."""
    from recognizers import default_recognizers
    from recognizers.presidio import PresidioRecognizer

    make_offline()
    nlp_engine = OfflineSpacyNlpEngine(nlp_model)
    nlp_engine.load()
    rules = recognizers if recognizers is not None else default_recognizers()
    wrapped: list[Any] = [PresidioRecognizer(r, reference_year) for r in rules]
    if nlp_model is not None:
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        wrapped.append(SpacyRecognizer(supported_entities=["NAME", "CITY", "ADDRESS", "DATE"]))
    if not wrapped:
        raise ValueError("build_analyzer needs at least one recognizer")
    registry = RecognizerRegistry(recognizers=wrapped, supported_languages=["en"])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


def to_hits(results: list[RecognizerResult]) -> list[Hit]:
    """Presidio results -> redact hits (entities already in redact's vocabulary)."""
    from redact.letters import ENTITY_LETTER

    out = []
    for r in results:
        if r.entity_type not in ENTITY_LETTER:
            continue
        name = (r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, "")
        out.append(Hit(r.start, r.end, r.entity_type, r.score, name))
    return out
