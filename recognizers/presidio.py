"""Presidio adapter: any redact recognizer as a genuine ``presidio_analyzer.EntityRecognizer``.

    from presidio_analyzer import AnalyzerEngine
    from recognizers import SsnRecognizer
    engine = AnalyzerEngine(...)
    engine.registry.add_recognizer(SsnRecognizer().as_presidio())

Context words are already applied inside ``find`` (with a character window, which works
without lemmas), so results are marked as context-enhanced and Presidio's enhancer leaves
their scores alone instead of boosting them twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from recognizers.base import Doc, Recognizer


class PresidioRecognizer(EntityRecognizer):
    """Wraps a redact :class:`~recognizers.base.Recognizer` for Presidio's AnalyzerEngine."""

    def __init__(self, rule: Recognizer, reference_year: int | None = None) -> None:
        self.rule = rule
        self.safe_harbor = rule.LETTER
        self.reference_year = reference_year or dt.date.today().year
        super().__init__(
            supported_entities=list(rule.ENTITIES),
            name=rule.name,
            supported_language="en",
            context=list(rule.CONTEXT),
        )

    def load(self) -> None:  # patterns are compiled by the rule itself
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        wanted = set(entities or self.supported_entities)
        results = []
        for hit in self.rule.find(Doc(text, self.reference_year)):
            if hit.entity not in wanted:
                continue
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=hit.score,
                textual_explanation=f"Safe Harbor ({self.safe_harbor})")
            results.append(RecognizerResult(
                entity_type=hit.entity, start=hit.start, end=hit.end, score=hit.score,
                analysis_explanation=explanation,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                },
            ))
        return results
