"""evaluate(): the figures an administrator reads about routing quality."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from classifier import Example, ModelMetadata, Prediction, RoutingModel, evaluate, train
from tests.classifier.conftest import school_vs_building


class ScriptedModel:
    """Answers with fixed predictions, so the expected figures can be worked out by hand."""

    def __init__(self, answers: dict[str, str | None]) -> None:
        self.answers = answers
        self.metadata = ModelMetadata(
            version="v", trained_at="t", labels=("a", "b"), n_examples=0, n_corrections=0, cv_metrics={}, design="d"
        )

    def predict(self, texts: Sequence[str], *, threshold: float) -> list[Prediction]:
        return [
            Prediction(
                focus_area=self.answers[t],
                confidence=0.9,
                abstained=self.answers[t] is None,
                sub_topic=None,
                scores={"a": 0.5, "b": 0.5},
            )
            for t in texts
        ]


def test_figures_on_a_hand_made_case() -> None:
    examples = [
        Example("1", "a"),  # routed to a: right
        Example("2", "a"),  # routed to b: wrong
        Example("3", "b"),  # routed to b: right
        Example("4", None),  # not an idea, abstained: right
        Example("5", None),  # not an idea, routed to a: wrong
    ]
    model = ScriptedModel({"1": "a", "2": "b", "3": "b", "4": None, "5": "a"})
    report = evaluate(model=model, examples=examples, threshold=0.5)  # type: ignore[arg-type]
    assert report["n"] == 5
    assert report["accuracy"] == pytest.approx(3 / 5)
    assert report["coverage"] == pytest.approx(4 / 5)
    # a: predicted twice (1 right) -> precision 1/2; gold twice (1 found) -> recall 1/2; F1 1/2.
    # b: predicted twice (1 right) -> precision 1/2; gold once (found) -> recall 1; F1 2/3.
    assert report["per_class"] == {
        "a": {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2},
        "b": {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3), "support": 1},
    }
    assert report["macro_f1"] == pytest.approx((1 / 2 + 2 / 3) / 2)
    assert report["confusion"] == {
        "labels": ["a", "b", "(triage)"],
        "matrix": [[1, 1, 0], [0, 1, 0], [1, 0, 1]],
    }


def test_abstaining_on_an_idea_costs_recall_but_not_precision() -> None:
    examples = [Example("1", "a"), Example("2", "a"), Example("3", "b")]
    model = ScriptedModel({"1": "a", "2": None, "3": "b"})
    report = evaluate(model=model, examples=examples, threshold=0.5)  # type: ignore[arg-type]
    assert report["per_class"]["a"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3), "support": 2}
    assert report["accuracy"] == pytest.approx(2 / 3)
    assert report["coverage"] == pytest.approx(2 / 3)


def test_an_area_the_model_does_not_know_counts_as_wrong() -> None:
    examples = [Example("1", "a"), Example("2", "c")]
    report = evaluate(model=ScriptedModel({"1": "a", "2": "a"}), examples=examples, threshold=0.5)  # type: ignore[arg-type]
    assert report["accuracy"] == 0.5
    assert report["per_class"]["c"]["recall"] == 0.0
    assert report["confusion"]["labels"] == ["a", "b", "c", "(triage)"]


def test_real_model_on_its_own_kind_of_data() -> None:
    model: RoutingModel = train(examples=school_vs_building(), labels=["skole", "bygg"])
    held_out = [
        Example("Elevene trenger leksehjelp", "skole"),
        Example("LED-lys i byggene sparer strøm", "bygg"),
        Example("hei hei", None),
    ]
    report = evaluate(model=model, examples=held_out, threshold=0.5)
    assert report["accuracy"] == 1.0
    assert report["macro_f1"] == 1.0
    assert report["coverage"] == pytest.approx(2 / 3)
    # A threshold nobody reaches sends everything to triage: only the non-idea is still right.
    strict = evaluate(model=model, examples=held_out, threshold=1.0)
    assert strict["coverage"] == 0.0
    assert strict["accuracy"] == pytest.approx(1 / 3)


def test_empty_evaluation_set_is_an_error() -> None:
    with pytest.raises(ValueError, match="no examples"):
        evaluate(model=ScriptedModel({}), examples=[], threshold=0.5)  # type: ignore[arg-type]
