"""Turn examples and people's corrections into one weighted, validated training set."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from classifier.examples import Example

NONE_LABEL = "_none"  # the internal class for texts that are not ideas
CORRECTION_WEIGHT = 3.0  # a person looked at this one text and decided; it counts for three plain examples
# A shared service example is written to a category, not to this org's policy: it counts for a quarter of the org's
# own. Chosen by 5-fold CV on Løten's and Lillehammer's own examples with the shared ones always in training
# (macro-F1 Løten 0.892 without them, 0.918 at 0.1, 0.919 at 0.25, 0.905 at 0.5, 0.893 at 1; Lillehammer 0.64
# without, 0.92 from 0.1 to 1): the shared examples carry the words, the org's own examples its policy.
SHARED_WEIGHT = 0.25


@dataclass(frozen=True)
class TrainingSet:
    texts: list[str]
    y: np.ndarray  # focus-area id, or NONE_LABEL
    weights: np.ndarray
    sub_topics: list[str | None]
    n_examples: int  # shared examples included
    n_shared: int
    n_corrections: int
    fingerprint: str  # sha256 of everything that shapes the model; part of the model version


def text_key(text: str) -> str:
    # Whitespace and case differences are not different ideas; matching on them would let a typo-level
    # edit keep a stale label alive next to the correction.
    return " ".join(text.split()).casefold()


def build_training_set(
    *, examples: Sequence[Example], labels: Sequence[str], corrections: Sequence[Example],
    shared: Sequence[Example] = (), shared_weight: float = SHARED_WEIGHT,
) -> TrainingSet:
    """`shared`: the shared service examples labelled through the org's mapping, each weighing `shared_weight`
    (the org's own examples weigh 1, corrections CORRECTION_WEIGHT)."""
    _check_labels(labels)
    # Corrections arrive oldest first; for a text corrected more than once, the latest decision is the one
    # that stands, and earlier corrections that disagree with it are dropped.
    latest = {text_key(c.text): c.focus_area for c in corrections}
    kept_corrections = [c for c in corrections if latest[text_key(c.text)] == c.focus_area]
    # A correction of the same text overrides the example: keeping both would teach two answers.
    kept_shared = [e for e in shared if text_key(e.text) not in latest]
    kept_examples = [e for e in examples if text_key(e.text) not in latest]
    rows = kept_shared + kept_examples + kept_corrections
    weights = np.array([shared_weight] * len(kept_shared) + [1.0] * len(kept_examples)
                       + [CORRECTION_WEIGHT] * len(kept_corrections))
    y = np.array([e.focus_area or NONE_LABEL for e in rows], dtype=object)
    _check_coverage(y, labels)
    sub_topics = [e.sub_topic if e.focus_area else None for e in rows]
    return TrainingSet(
        texts=[e.text for e in rows],
        y=y,
        weights=weights,
        sub_topics=sub_topics,
        n_examples=len(kept_shared) + len(kept_examples),
        n_shared=len(kept_shared),
        n_corrections=len(kept_corrections),
        fingerprint=_fingerprint(rows, weights, labels),
    )


def _check_labels(labels: Sequence[str]) -> None:
    if len(labels) == 0:
        raise ValueError("no focus areas given: the org config must define at least one")
    if NONE_LABEL in labels:
        raise ValueError(f"{NONE_LABEL!r} is reserved for texts that are not ideas; rename that focus area")
    duplicates = sorted(label for label, n in Counter(labels).items() if n > 1)
    if duplicates:
        raise ValueError(f"focus areas listed twice: {', '.join(duplicates)}")


def _check_coverage(y: np.ndarray, labels: Sequence[str]) -> None:
    counts = Counter(y.tolist())
    unknown = sorted(set(counts) - set(labels) - {NONE_LABEL})
    if unknown:
        raise ValueError(
            f"training data uses focus areas that are not in the org config: {', '.join(unknown)} "
            f"(known: {', '.join(labels)})"
        )
    # Non-ideas are optional (the threshold and the gibberish rule still apply without them), focus areas are
    # not: an area the model never saw could never be routed to.
    thin = [f"{label} ({counts.get(label, 0)})" for label in labels if counts.get(label, 0) < 2]
    if counts.get(NONE_LABEL) == 1:
        thin.append("non-ideas, focus_area null (1)")
    if thin:
        raise ValueError(f"every class needs at least 2 training examples; too few for: {', '.join(thin)}")


def _fingerprint(rows: Sequence[Example], weights: np.ndarray, labels: Sequence[str]) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(list(labels), ensure_ascii=False).encode())
    for row, weight in zip(rows, weights.tolist(), strict=True):
        record = [row.text, row.focus_area, row.sub_topic, weight]
        digest.update(json.dumps(record, ensure_ascii=False).encode() + b"\n")
    return digest.hexdigest()
