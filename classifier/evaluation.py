"""evaluate(): how a model routes a labelled set at a given threshold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from classifier.examples import Example
from classifier.model import RoutingModel

TRIAGE = "(triage)"  # what an abstention is counted as: the idea goes to a person


def evaluate(*, model: RoutingModel, examples: Sequence[Example], threshold: float) -> dict[str, Any]:
    """Accuracy, macro-F1, coverage, per-class figures and the confusion matrix on labelled examples.

    A non-idea (focus_area None) is right when the model abstains. Accuracy is over all rows. Macro-F1 is over
    the focus areas (abstaining counts as predicting TRIAGE, which is never a focus area). Coverage is the
    share of rows the model routed instead of abstaining.
    """
    if not examples:
        raise ValueError("no examples to evaluate")
    predictions = model.predict([e.text for e in examples], threshold=threshold)
    gold = [e.focus_area or TRIAGE for e in examples]
    predicted = [p.focus_area or TRIAGE for p in predictions]
    # Model labels in config order, then any area only the evaluation file knows (it can never be right).
    areas = list(model.metadata.labels) + sorted({g for g in gold if g != TRIAGE} - set(model.metadata.labels))
    present = [a for a in areas if a in gold or a in predicted]
    precision, recall, f1, support = precision_recall_fscore_support(gold, predicted, labels=present, zero_division=0)
    matrix_labels = [*areas, TRIAGE]
    return {
        "n": len(examples),
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(examples),
        "macro_f1": float(f1_score(gold, predicted, labels=present, average="macro", zero_division=0))
        if present
        else 0.0,
        "coverage": sum(not p.abstained for p in predictions) / len(examples),
        "per_class": {
            label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
            for label, p, r, f, s in zip(present, precision, recall, f1, support, strict=True)
        },
        "confusion": {
            "labels": matrix_labels,
            "matrix": confusion_matrix(gold, predicted, labels=matrix_labels).tolist(),
        },
    }
