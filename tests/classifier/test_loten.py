"""Løten's shipped training data routes its held-out ideas well enough to run on."""

from __future__ import annotations

from classifier import evaluate, load_examples, train
from tests.classifier.conftest import ROOT

LOTEN = ROOT / "config" / "loten"
LOTEN_AREAS = ("barn-og-unge", "helse-og-livskvalitet", "samfunnsutvikler")


def test_loten_held_out_macro_f1_is_at_least_0_90() -> None:
    model = train(examples=load_examples(LOTEN / "examples.jsonl"), labels=LOTEN_AREAS)
    report = evaluate(model=model, examples=load_examples(LOTEN / "heldout.jsonl"), threshold=0.5)
    assert report["macro_f1"] >= 0.90, report
    assert report["accuracy"] >= 0.85, report
    # Non-ideas in the held-out set are not sent to a commissioner.
    assert report["confusion"]["matrix"][-1][-1] >= 0.8 * sum(report["confusion"]["matrix"][-1])
