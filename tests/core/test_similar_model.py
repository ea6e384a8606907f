"""The threshold for "similar ideas while writing" (core/similar.MIN_SCORE) against the real model's similarity
search: a rewording of a stored idea passes it, an idea about something else does not."""

from __future__ import annotations

from pathlib import Path

from classifier import load_model
from core.model_classifier import ModelClassifier
from core.orgconfig import OrgConfig
from core.similar import MIN_SCORE

STORED = [
    (1, "Felles vikarpool for hjemmetjenesten, så vi slipper dyre byråvikarer"),
    (2, "Solcellepanel på taket av rådhuset og skolene for å spare strøm"),
    (3, "Digitale timelister i stedet for papirskjema i alle enheter"),
]


def test_a_rewording_is_alike_enough_and_another_subject_is_not(quick_model: Path, org: OrgConfig):
    model = load_model(quick_model, expected_labels=org.area_ids)
    classifier = ModelClassifier(model=model, threshold=org.classifier.threshold, path=quick_model,
                                 labels=org.area_ids, stored_ideas=lambda: STORED)

    found = classifier.similar("Vikarpool i hjemmetjenesten i stedet for byråvikarer", k=30)
    assert found and found[0].idea_id == 1 and found[0].score >= MIN_SCORE
    elsewhere = classifier.similar("Kantina bør servere lokal mat fra bygda", k=30)
    assert all(s.score < MIN_SCORE for s in elsewhere)
