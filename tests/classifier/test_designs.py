"""The fast prediction paths compute exactly what scikit-learn computes, for every design."""

from __future__ import annotations

import numpy as np
import pytest

from classifier import Example, RoutingModel, train
from classifier.designs import DESIGNS, predict_proba
from classifier.vectorize import FastFeatures
from tests.classifier.conftest import LILLEHAMMER_AREAS

TEXTS = [
    "Sykehjemmet bør lage mindre porsjoner så vi kaster mindre mat",
    "sjukeheimen kastar mykje mat",
    "Felles vikarpool i barnehagene!!",
    "hei",
    "asdkjh qwpoeiru",
    "",
    "ÆØÅ æøå Ærlig talt: færre møter",
]


def test_fast_features_equal_the_sklearn_pipeline(lillehammer_model: RoutingModel) -> None:
    union = lillehammer_model.pipeline.named_steps["features"]
    fast, known_words = FastFeatures(union).transform(TEXTS)
    expected = union.transform(TEXTS)
    assert fast.shape == expected.shape
    assert abs(fast - expected).max() < 1e-12
    # Known words: the gibberish and the empty text share no word with the training data.
    assert known_words[4] == 0 and known_words[5] == 0
    assert known_words[0] > 3


def test_one_text_gives_the_row_and_known_words_of_a_batch(lillehammer_model: RoutingModel) -> None:
    fast = FastFeatures(lillehammer_model.pipeline.named_steps["features"])
    rows, known_words = fast.transform(TEXTS)
    for i, text in enumerate(TEXTS):
        row, known = fast.one(text)
        np.testing.assert_allclose(row.to_csr().toarray(), rows[i].toarray(), rtol=0, atol=1e-12)
        assert list(row.columns) == list(rows[i].indices)
        assert known == known_words[i]


def test_one_text_is_predicted_as_in_a_batch(lillehammer_model: RoutingModel) -> None:
    batch = lillehammer_model.predict(TEXTS, threshold=0.5)
    vectors = lillehammer_model.transform(TEXTS)
    for i, text in enumerate(TEXTS):
        prediction, vector = lillehammer_model.predict_one(text, threshold=0.5)
        assert prediction.focus_area == batch[i].focus_area
        assert prediction.abstain_reason == batch[i].abstain_reason
        assert prediction.sub_topic == batch[i].sub_topic
        assert prediction.confidence == pytest.approx(batch[i].confidence, abs=1e-12)
        np.testing.assert_allclose(vector.to_csr().toarray(), vectors[i].toarray(), rtol=0, atol=1e-12)


def test_words_with_norwegian_letters_are_whole_tokens(lillehammer_model: RoutingModel) -> None:
    vocabulary = lillehammer_model.pipeline.named_steps["features"].transformer_list[0][1].named_steps["count"]
    assert {"sykehjemmet", "færre", "møter", "kjøkkenet"} <= set(vocabulary.vocabulary_)


@pytest.mark.parametrize("design", list(DESIGNS))
@pytest.mark.parametrize("n_areas", [1, 4])
def test_fast_probabilities_equal_sklearn(
    design: str, n_areas: int, lillehammer_examples: list[Example], monkeypatch
) -> None:
    # One area plus non-ideas is the binary case, where sklearn stores a single row of weights.
    areas = LILLEHAMMER_AREAS[:n_areas]
    monkeypatch.setattr("classifier.training.DEFAULT_DESIGN", design)
    examples = [e for e in lillehammer_examples if e.focus_area in (*areas, None)]
    model = train(examples=examples, labels=areas)
    clf = model.pipeline.named_steps["clf"]
    features = model.pipeline.named_steps["features"].transform(TEXTS)
    np.testing.assert_allclose(predict_proba(clf, features), clf.predict_proba(features), rtol=0, atol=1e-12)


def test_large_batches_are_processed_in_chunks_with_the_same_result(
    lillehammer_model: RoutingModel, lillehammer_examples: list[Example]
) -> None:
    texts = [f"{e.text} {i}" for i in range(16) for e in lillehammer_examples]  # > 2,000 rows
    union = lillehammer_model.pipeline.named_steps["features"]
    fast, known_words = FastFeatures(union).transform(texts)
    assert fast.shape == (len(texts), union.transform(texts[:1]).shape[1])
    assert abs(fast - union.transform(texts)).max() < 1e-12
    assert len(known_words) == len(texts)
