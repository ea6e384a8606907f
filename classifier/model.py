"""The trained routing model: predictions with abstention, and features for similarity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.base import ClassifierMixin
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from classifier.dataset import NONE_LABEL
from classifier.designs import Features, make_scorer
from classifier.features import l2_normalise
from classifier.intents import CHATTER, IDEA, IntentThresholds, decide
from classifier.row import SparseRow
from classifier.subtopics import SubtopicModel
from classifier.vectorize import FastFeatures

# Why a prediction abstained (Prediction.abstain_reason); the triage queue can show it.
NO_KNOWN_WORDS = "no_known_words"
NOT_AN_IDEA = "not_an_idea"
LOW_CONFIDENCE = "low_confidence"


@dataclass(frozen=True)
class Prediction:
    focus_area: str | None  # None when abstained
    confidence: float  # probability of the top focus area (0..1)
    abstained: bool
    sub_topic: str | None
    scores: dict[str, float]  # per focus area probability
    abstain_reason: str | None = None  # NO_KNOWN_WORDS, NOT_AN_IDEA or LOW_CONFIDENCE
    intent: str = IDEA  # classifier.intents.INTENTS; anything but an idea is never routed
    intent_confidence: float = 1.0  # the probability of that intent
    service: str | None = None  # the service category (classifier/vocabulary.py) it reads as; None for non-ideas


@dataclass(frozen=True)
class ModelMetadata:
    version: str  # "<trained_at>-<8 hex of the training data's hash>"
    trained_at: str  # ISO 8601 UTC
    labels: tuple[str, ...]  # focus-area ids, without the non-idea class
    n_examples: int
    n_corrections: int
    cv_metrics: dict[str, float]  # macro_f1, accuracy, ... cross-validated on the training data
    design: str  # which pipeline design won
    intents: tuple[str, ...] = ()  # the intent head's classes; empty for a model without one
    intent_thresholds: dict[str, float] = field(default_factory=dict)  # IntentThresholds, chosen by CV
    intent_cv: dict[str, float] = field(default_factory=dict)  # what those thresholds did out of fold
    services_version: str = ""  # the service vocabulary's version the shared examples came from; "" for none
    services: tuple[str, ...] = ()  # the service head's categories; empty for a model without one
    n_shared: int = 0  # of n_examples, the shared service examples


@dataclass(frozen=True)
class IntentHead:
    """The classifier deciding whether a message is an idea at all, on the same features as the areas."""

    clf: ClassifierMixin
    thresholds: IntentThresholds


class RoutingModel:
    """A fitted pipeline ("features" FeatureUnion -> "clf") plus its metadata and optional sub-topic model."""

    def __init__(self, *, pipeline: Pipeline, metadata: ModelMetadata, subtopics: SubtopicModel | None = None,
                 intents: IntentHead | None = None, services: LinearSVC | None = None) -> None:
        self.pipeline = pipeline
        self.metadata = metadata
        self.subtopics = subtopics
        self.intents = intents
        self.services = services
        self._service_weights = (np.ascontiguousarray(services.coef_.T), services.intercept_) if services else None
        self._intent_scorer = make_scorer(intents.clf) if intents else None
        self._intent_classes = [str(c) for c in intents.clf.classes_] if intents else []
        self._features = FastFeatures(pipeline.named_steps["features"])
        self._scorer = make_scorer(pipeline.named_steps["clf"])
        classes = [str(c) for c in pipeline.named_steps["clf"].classes_]
        missing = set(metadata.labels) - set(classes)
        if missing:
            raise ValueError(f"the classifier was not trained on focus areas {sorted(missing)}")
        self._label_columns = np.array([classes.index(label) for label in metadata.labels])
        self._none_column = classes.index(NONE_LABEL) if NONE_LABEL in classes else None

    def predict(self, texts: Sequence[str], *, threshold: float) -> list[Prediction]:
        """Route each text, or abstain (focus_area None) so a person routes it.

        Abstains when the message is not an idea (the intent head; a text with no word in common with the training
        data counts as chatter), when the text has no word in common with the training data (gibberish, another
        language), when the not-an-idea class is the most likely, or when the top focus area is below `threshold`.
        """
        _check(threshold)
        if isinstance(texts, str):
            raise TypeError("predict() takes a sequence of texts, not a single string")
        if len(texts) == 0:
            return []
        return self._predict(*self._features.transform(texts), threshold=threshold)

    def predict_one(self, text: str, *, threshold: float) -> tuple[Prediction, SparseRow]:
        """One text's prediction and its unit-length row (as `transform` gives), from one pass over the text."""
        _check(threshold)
        features, known_words = self._features.one(text)
        return self._predict(features, np.array([known_words]), threshold=threshold)[0], features.unit()

    def _predict(self, features: Features, known_words: np.ndarray, *, threshold: float) -> list[Prediction]:
        n = features.shape[0]
        proba = self._scorer(features)
        area_proba = proba[:, self._label_columns]
        top = area_proba.argmax(axis=1)
        confidence = area_proba[np.arange(n), top]
        none_wins = (
            proba[:, self._none_column] > confidence if self._none_column is not None else np.zeros(n, bool)
        )
        intents, intent_confidence = self._intents(features, known_words)
        not_idea = np.array([intent != IDEA for intent in intents])
        reasons = np.where(
            known_words == 0,
            NO_KNOWN_WORDS,
            np.where(none_wins | not_idea, NOT_AN_IDEA, np.where(confidence < threshold, LOW_CONFIDENCE, "")),
        )
        labels = self.metadata.labels
        areas = [labels[t] if not r else None for t, r in zip(top.tolist(), reasons.tolist(), strict=True)]
        sub_topics = self.subtopics.predict(features, areas) if self.subtopics else [None] * n
        services = self._services(features, not_idea | (known_words == 0))
        area_rows = area_proba.tolist()
        return [
            Prediction(
                focus_area=area,
                confidence=conf,
                abstained=area is None,
                sub_topic=sub,
                scores=dict(zip(labels, row, strict=True)),
                abstain_reason=reason or None,
                intent=intent,
                intent_confidence=intent_conf,
                service=service,
            )
            for area, conf, sub, row, reason, intent, intent_conf, service in zip(
                areas, confidence.tolist(), sub_topics, area_rows, reasons.tolist(), intents,
                intent_confidence.tolist(), services, strict=True
            )
        ]

    def _services(self, features: Features, skip: np.ndarray) -> list[str | None]:
        """The likeliest service category of each row; None without a service head, or for a non-idea."""
        if self.services is None or self._service_weights is None:
            return [None] * features.shape[0]
        weights, intercept = self._service_weights
        margins = np.asarray(features @ weights) + intercept
        # Two categories: one margin, positive for the second (as LinearSVC.predict decides).
        best = (margins[:, 0] > 0).astype(int) if margins.shape[1] == 1 else margins.argmax(axis=1)
        classes = self.metadata.services
        return [None if s else classes[b] for b, s in zip(best.tolist(), skip.tolist(), strict=True)]

    def _intents(self, features: Features, known_words: np.ndarray) -> tuple[list[str], np.ndarray]:
        n = features.shape[0]
        if self._intent_scorer is None or self.intents is None:
            return [IDEA] * n, np.ones(n)
        intents, confidence = decide(self._intent_scorer(features), self._intent_classes, self.intents.thresholds)
        # Char n-grams alone can make nonsense look like anything; a text sharing no word is not an idea to route.
        unknown = (known_words == 0).tolist()
        return [CHATTER if u else i for i, u in zip(intents, unknown, strict=True)], np.where(known_words == 0, 1.0,
                                                                                             confidence)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Rows of unit length, so a dot product of two rows is their cosine similarity."""
        features, _ = self._features.transform(texts)
        return l2_normalise(features)

    def vector(self, text: str) -> SparseRow:
        """One text's row of `transform`."""
        return self._features.one(text)[0].unit()


def _check(threshold: float) -> None:
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
