"""What a message is before where it goes: an idea, or one of the messages that belong somewhere else.

A second head on the same features as the focus areas: trained on the shared intent examples (written to the
intents, not to any municipality) plus every org example and correction as an idea. Two thresholds, chosen by
cross-validation on the training data only, turn its probabilities into a decision:
- `varsling`: a report of wrongdoing is steered whenever its probability reaches this, whatever else is likelier,
  because a missed varsel costs more than a steered idea (which the person can still send);
- `idea`: below this probability of being an idea, the message is steered to the likeliest non-idea intent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from classifier.examples import Example, ExampleFileError, read_jsonl

IDEA = "idea"
VARSLING = "varsling"
NON_IDEAS = ("varsling", "hms_avvik", "it_support", "facility_fault", "personal_hr", "question", "chatter")
INTENTS = (IDEA, *NON_IDEAS)
CHATTER = "chatter"  # what a text sharing no word with the training data is taken for

# What the thresholds are chosen for, on out-of-fold probabilities (see choose_thresholds).
NON_IDEAS_STEERED = 0.95  # the share of non-ideas that must not reach a commissioner
VARSLING_STEERED = 0.95  # the share of reports of wrongdoing that must reach the varsling routine
VARSLING_BETA = 2.0  # recall of varsling weighs four times its precision
THRESHOLD_GRID = np.round(np.arange(0.05, 0.96, 0.01), 2)


@dataclass(frozen=True)
class IntentExample:
    text: str
    intent: str


@dataclass(frozen=True)
class IntentThresholds:
    idea: float  # below this probability of being an idea, the message is steered
    varsling: float  # from this probability of being a varsel, the message is steered to the varsling routine


def load_intent_examples(path: Path) -> list[IntentExample]:
    """Read {"text", "intent"} per line; the intent must be one of INTENTS."""
    found = []
    for line_no, obj in read_jsonl(path, require_label=False):
        intent = obj.get("intent")
        if intent not in INTENTS:
            known = ", ".join(INTENTS)
            raise ExampleFileError(f"{path} line {line_no}: 'intent' must be one of {known}, got {intent!r}")
        found.append(IntentExample(text=obj["text"], intent=intent))
    return found


def intent_rows(intent_examples: Sequence[IntentExample], ideas: Sequence[Example]) -> tuple[list[str], np.ndarray]:
    """The intent head's training rows: the shared examples, and every org idea (an example with a focus area, or
    a correction) as an idea. The org's own non-ideas stay with the area head: the shared examples say what kind
    of non-idea a message is, which an org's file does not."""
    texts = [e.text for e in intent_examples] + [e.text for e in ideas if e.focus_area]
    labels = [e.intent for e in intent_examples] + [IDEA] * sum(1 for e in ideas if e.focus_area)
    return texts, np.array(labels, dtype=object)


def decide(proba: np.ndarray, classes: Sequence[str], thresholds: IntentThresholds) -> tuple[list[str], np.ndarray]:
    """Each row's intent and that intent's probability."""
    columns = {name: i for i, name in enumerate(classes)}
    idea, varsling = proba[:, columns[IDEA]], proba[:, columns[VARSLING]]
    others = [columns[name] for name in classes if name != IDEA]
    likeliest_other = np.array(others)[proba[:, others].argmax(axis=1)]
    chosen = np.where(varsling >= thresholds.varsling, columns[VARSLING],
                      np.where(idea < thresholds.idea, likeliest_other, columns[IDEA]))
    return [classes[c] for c in chosen.tolist()], proba[np.arange(len(chosen)), chosen]


def choose_thresholds(proba: np.ndarray, classes: Sequence[str], y: np.ndarray) -> IntentThresholds:
    """From out-of-fold probabilities of the training data.

    `idea`: the lowest threshold that still steers NON_IDEAS_STEERED of the non-ideas, so as many ideas as possible
    reach a commissioner. `varsling`: the best F-beta (beta 2: a missed varsel costs more than a steered message,
    which the person can still send) of "steered to the varsling routine", never above 0.5, and lower still if that
    is what steers VARSLING_STEERED of the reports.
    """
    columns = {name: i for i, name in enumerate(classes)}
    p_idea, p_varsling = proba[:, columns[IDEA]], proba[:, columns[VARSLING]]
    is_idea, is_varsling = y == IDEA, y == VARSLING
    steering = [t for t in THRESHOLD_GRID if np.mean(p_idea[~is_idea] < t) >= NON_IDEAS_STEERED]
    idea = min(steering) if steering else float(THRESHOLD_GRID[-1])
    varsling = max((t for t in THRESHOLD_GRID if t <= 0.5), key=lambda t: (_f_beta(p_varsling >= t, is_varsling), t))
    enough = [t for t in THRESHOLD_GRID if np.mean(p_varsling[is_varsling] >= t) >= VARSLING_STEERED]
    varsling = min(varsling, max(enough)) if enough else float(THRESHOLD_GRID[0])
    return IntentThresholds(idea=float(idea), varsling=float(varsling))


def _f_beta(chosen: np.ndarray, actual: np.ndarray) -> float:
    true = float(np.sum(chosen & actual))
    if true == 0:
        return 0.0
    precision, recall = true / np.sum(chosen), true / np.sum(actual)
    b2 = VARSLING_BETA**2
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def intent_metrics(proba: np.ndarray, classes: Sequence[str], y: np.ndarray,
                   thresholds: IntentThresholds) -> dict[str, float]:
    """What the thresholds do on out-of-fold probabilities: the figures in the model's metadata."""
    predicted, _ = decide(proba, classes, thresholds)
    chosen = np.array(predicted, dtype=object)
    is_idea = y == IDEA
    return {
        "intent_macro_f1": float(f1_score(y, chosen, average="macro", zero_division=0)),
        "ideas_kept": float(np.mean(chosen[is_idea] == IDEA)),
        "non_ideas_steered": float(np.mean(chosen[~is_idea] != IDEA)),
        "varsling_steered": float(np.mean(chosen[y == VARSLING] == VARSLING)),
    }
