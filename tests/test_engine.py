"""The Presidio engine: built offline, context words working on a blank pipeline, optional
NER from an installed spaCy pipeline, and the same findings as the fast engine."""

from __future__ import annotations

import pytest

pytest.importorskip("presidio_analyzer")

from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer  # noqa: E402
from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: E402

from redact import Redactor  # noqa: E402
from redact.engine import OfflineSpacyNlpEngine, build_analyzer, load_pipeline  # noqa: E402

SAMPLE = (
    "Patient: SMITH, JOHN  MRN: 00123456  DOB: 03/14/1931\n"
    "Seen by Dr. Kowalczyk on 07/22/2019. Daughter Mary called (617) 555-0134.\n"
    "Lives at 42 Elm Street, Springfield, IL 62704. Email jsmith@example.com. 92 yo F.\n"
)


def _zip_recognizer() -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="TEST_ZIP",
        patterns=[Pattern("five digits", r"\b\d{5}\b", 0.3)],
        context=["zip"],
    )


class _BlankEngine(SpacyNlpEngine):
    """What a user gets with spacy.blank and nothing else: empty lemmas."""

    def load(self):
        import spacy

        self.nlp = {"en": spacy.blank("en")}


def _score(nlp_engine) -> float:
    nlp_engine.load()
    engine = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
    engine.registry.recognizers = [_zip_recognizer()]
    (res,) = engine.analyze("the zip is 12345", language="en", entities=["TEST_ZIP"])
    return res.score


def test_context_words_work_on_blank_pipeline():
    plain = _score(_BlankEngine(models=[{"lang_code": "en", "model_name": "blank"}]))
    ours = _score(OfflineSpacyNlpEngine())
    assert plain == pytest.approx(0.3)  # the silent failure: context ignored
    assert ours > 0.3 + 0.2  # lemma = lower-cased token brings the boost back


def test_lemmas_are_filled():
    doc = load_pipeline()("Called the Patient")
    assert [t.lemma_ for t in doc] == ["called", "the", "patient"]


def test_presidio_engine_equals_fast_engine():
    fast = Redactor()
    slow = Redactor(engine="presidio")
    assert fast.analyze(SAMPLE) == slow.analyze(SAMPLE)
    assert fast.redact(SAMPLE).text == slow.redact(SAMPLE).text


def test_recognizers_are_genuine_presidio_recognizers():
    """Any redact recognizer drops into a plain Presidio AnalyzerEngine."""
    from presidio_analyzer import EntityRecognizer

    from recognizers import SsnRecognizer, registry

    nlp = OfflineSpacyNlpEngine()
    nlp.load()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    rec = SsnRecognizer().as_presidio()
    assert isinstance(rec, EntityRecognizer)
    engine.registry.add_recognizer(rec)
    (res,) = engine.analyze("SSN 219-09-9998", language="en", entities=["SSN"])
    assert res.entity_type == "SSN" and (res.start, res.end) == (4, 15)
    for classes in registry().values():
        for cls in classes:
            assert isinstance(cls().as_presidio(), EntityRecognizer)


def test_tldextract_pinned_offline():
    import tldextract.tldextract as tld

    build_analyzer()
    assert tld.TLD_EXTRACTOR.suffix_list_urls == ()
    # Presidio's own email recognizer uses tldextract; with sockets disabled it must work
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    res = EmailRecognizer().analyze("write to a.b@example.co.uk", ["EMAIL_ADDRESS"])
    assert res and res[0].entity_type == "EMAIL_ADDRESS"


@pytest.fixture(scope="module")
def ruler_pipeline(tmp_path_factory):
    """A tiny spaCy pipeline built and saved here: an EntityRuler that knows one name."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Zyxwv"}])
    path = tmp_path_factory.mktemp("pipeline") / "ruler_en"
    nlp.to_disk(path)
    return str(path)


def test_nlp_model_adds_ner(ruler_pipeline):
    text = "Zyxwv came in today."
    assert Redactor().redact(text).text == text  # not a dictionary name, no cue
    r = Redactor(nlp_model=ruler_pipeline)
    assert r.redact(text).text == "[NAME] came in today."


def test_missing_model_is_not_downloaded():
    from redact.engine import ModelNotInstalledError

    with pytest.raises(ModelNotInstalledError, match="never downloads"):
        Redactor(nlp_model="en_core_web_trf_not_installed")
