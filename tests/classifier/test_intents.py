"""The intent head on the shipped examples: what a message is before where it goes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from classifier import IDEA, VARSLING, load_examples, load_intent_examples, load_model, save_model, train
from classifier.intents import IntentThresholds, choose_thresholds, decide

CONFIG = Path(__file__).resolve().parents[2] / "config"
LOTEN_AREAS = ["barn-og-unge", "helse-og-livskvalitet", "samfunnsutvikler"]


@pytest.fixture(scope="module")
def model():
    return train(examples=load_examples(CONFIG / "loten" / "examples.jsonl"), labels=LOTEN_AREAS,
                 intent_examples=load_intent_examples(CONFIG / "shared" / "intents.jsonl"))


def test_the_thresholds_come_from_cross_validation_and_are_kept_in_the_metadata(model):
    thresholds = model.metadata.intent_thresholds
    assert 0.05 <= thresholds["varsling"] <= 0.5 and 0.05 <= thresholds["idea"] <= 0.95
    assert model.metadata.intent_cv["non_ideas_steered"] >= 0.95  # what the idea threshold is chosen for
    assert set(model.metadata.intents) == {"idea", "varsling", "hms_avvik", "it_support", "facility_fault",
                                           "personal_hr", "question", "chatter"}


@pytest.mark.parametrize(("text", "intent"), [
    ("Avdelingslederen vår kaller vikarene dumme og truer med å ikke gi dem flere vakter hvis de sier fra", VARSLING),
    ("jeg så at en kollega tok penger fra lommeboka til en beboer", VARSLING),
    ("når kommer lønna denne måneden?", "personal_hr"),
    ("PC-en min starter ikke", "it_support"),
    ("det lekker fra taket i gymsalen", "facility_fault"),
    ("hei", "chatter"),
])
def test_messages_that_are_not_ideas_are_told_apart(model, text, intent):
    [prediction] = model.predict([text], threshold=0.5)
    assert prediction.intent == intent and prediction.focus_area is None and prediction.abstained


@pytest.mark.parametrize("text", [
    "Innfør digital avviksmelding på mobilen for alle i hjemmetjenesten",
    "Kurs i varslingsrutinene for alle nye ledere i kommunen",
    "Et felles opplegg mot mobbing i alle skolene i Løten",
])
def test_ideas_that_use_the_same_words_are_still_routed_as_ideas(model, text):
    [prediction] = model.predict([text], threshold=0.5)
    assert prediction.intent == IDEA and prediction.focus_area in LOTEN_AREAS


def test_the_intent_head_survives_saving_and_loading(model, tmp_path):
    path = tmp_path / "model.skops"
    save_model(model, path)
    loaded = load_model(path, expected_labels=LOTEN_AREAS)
    assert loaded.metadata.intent_thresholds == model.metadata.intent_thresholds
    texts = ["sjefen stjeler fra kassa", "Felles vikarpool for barnehagene"]
    assert [p.intent for p in loaded.predict(texts, threshold=0.5)] == [p.intent for p in model.predict(texts,
                                                                                                        threshold=0.5)]


def test_a_varsel_is_steered_even_when_an_idea_is_likelier():
    classes = ["idea", "varsling", "chatter"]
    proba = np.array([[0.7, 0.25, 0.05], [0.7, 0.1, 0.2], [0.3, 0.1, 0.6]])
    intents, _ = decide(proba, classes, IntentThresholds(idea=0.5, varsling=0.2))
    assert intents == ["varsling", "idea", "chatter"]


def test_the_varsling_threshold_errs_on_the_side_of_steering():
    classes = ["idea", "varsling"]
    y = np.array(["idea"] * 8 + ["varsling"] * 4, dtype=object)
    p_varsling = np.array([0.05, 0.1, 0.1, 0.15, 0.2, 0.05, 0.1, 0.3, 0.25, 0.4, 0.6, 0.9])
    proba = np.column_stack([1 - p_varsling, p_varsling])
    chosen = choose_thresholds(proba, classes, y)
    steered = p_varsling[y == "varsling"] >= chosen.varsling
    assert steered.all()  # every varsel, at the price of an idea or two
