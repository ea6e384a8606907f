"""evaluate(): how a model routes a labelled set at a given threshold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from classifier.examples import Example
from classifier.intents import IDEA, INTENTS, VARSLING
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


def evaluate_messages(*, model: RoutingModel, rows: Sequence[tuple[str, str, str | None]],
                      threshold: float) -> dict[str, Any]:
    """How a model sorts messages labelled with their intent (and, for ideas, optionally their focus area).

    Per intent: precision and recall of the intent decision. `non_ideas_routed`: the share of messages that are
    not ideas and were routed to a focus area as if they were. `varsling_steered`: the share of reports of
    wrongdoing steered to the varsling routine. For ideas labelled with a focus area, `ideas` holds what
    evaluate() reports for them (macro-F1 and coverage of the routing).
    """
    if not rows:
        raise ValueError("no messages to evaluate")
    predictions = model.predict([text for text, _, _ in rows], threshold=threshold)
    gold = [intent for _, intent, _ in rows]
    predicted = [p.intent for p in predictions]
    present = [i for i in INTENTS if i in gold or i in predicted]
    precision, recall, f1, support = precision_recall_fscore_support(gold, predicted, labels=present, zero_division=0)
    non_ideas = [p for p, g in zip(predictions, gold, strict=True) if g != IDEA]
    varsling = [p for p, g in zip(predictions, gold, strict=True) if g == VARSLING]
    ideas = [Example(text=text, focus_area=area) for text, intent, area in rows if intent == IDEA and area]
    return {
        "n": len(rows),
        "per_intent": {
            label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
            for label, p, r, f, s in zip(present, precision, recall, f1, support, strict=True)
        },
        "non_ideas_routed": sum(p.focus_area is not None for p in non_ideas) / len(non_ideas) if non_ideas else 0.0,
        "varsling_steered": sum(p.intent == VARSLING for p in varsling) / len(varsling) if varsling else 0.0,
        "ideas": evaluate(model=model, examples=ideas, threshold=threshold) if ideas else None,
    }
