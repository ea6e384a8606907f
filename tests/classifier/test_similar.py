"""Similar earlier ideas, as a commissioner sees them beside a new idea."""

from __future__ import annotations

import random
import threading

import pytest

from classifier import Example, RoutingModel, SimilarityIndex

IDEAS = {
    1: "Sykehjemmet kaster mye mat, lag mindre porsjoner og tilby påfyll",
    2: "Felles vikarpool for alle barnehagene",
    3: "Slå av gatelysene på boligveier om natten",
    4: "Alle leverandører må sende faktura som EHF",
    5: "Hjemmetjenesten bør få elektroniske dørlåser hos brukerne",
}


def distinct_texts(n: int, examples: list[Example]) -> list[str]:
    """n texts made of words the model knows, no two alike (numbers alone would be invisible to it)."""
    words = sorted({w for e in examples for w in e.text.lower().split() if w.isalpha() and len(w) > 4})
    rng = random.Random(0)
    return [" ".join(rng.sample(words, 6)) for _ in range(n)]


@pytest.fixture
def index(lillehammer_model: RoutingModel) -> SimilarityIndex:
    index = SimilarityIndex(lillehammer_model)
    index.add_many(IDEAS.items())
    return index


def test_near_duplicate_comes_first(index: SimilarityIndex) -> None:
    results = index.query("sykehjemet kaster for mye mat, mindre porsjoner!", k=3)
    assert results[0][0] == 1
    assert results[0][1] > 0.5
    scores = [score for _, score in results]
    assert scores == sorted(scores, reverse=True)
    assert len(results) <= 3


def test_the_idea_itself_can_be_excluded(index: SimilarityIndex) -> None:
    assert index.query(IDEAS[2], k=3)[0] == (2, pytest.approx(1.0, abs=1e-5))
    assert 2 not in [idea for idea, _ in index.query(IDEAS[2], k=3, exclude=2)]


def test_removed_ideas_are_not_suggested(index: SimilarityIndex) -> None:
    index.remove(1)
    assert 1 not in [idea for idea, _ in index.query(IDEAS[1], k=5, min_score=0.0)]
    index.remove(1)  # removing twice is harmless
    index.remove(999)
    assert len(index) == len(IDEAS) - 1


def test_adding_an_id_again_replaces_its_text(index: SimilarityIndex) -> None:
    index.add(3, "Kortere møter med fast agenda")
    assert index.query("Kortere møter med fast agenda", k=1) == [(3, pytest.approx(1.0, abs=1e-5))]
    assert 3 not in [idea for idea, _ in index.query(IDEAS[3], k=5, min_score=0.5)]
    assert len(index) == len(IDEAS)


def test_unrelated_text_finds_nothing_above_min_score(index: SimilarityIndex) -> None:
    assert index.query("asdkjh qwpoeiru", k=3, min_score=0.25) == []
    assert index.query("Sykehjemmet kaster mat", k=0) == []


def test_empty_index_answers_empty(lillehammer_model: RoutingModel) -> None:
    assert SimilarityIndex(lillehammer_model).query("hva som helst", k=3) == []


def test_many_small_additions_between_queries_stay_findable(
    lillehammer_model: RoutingModel, lillehammer_examples: list[Example]
) -> None:
    # The web-server pattern: one idea in, one query; segments merge behind the scenes.
    index = SimilarityIndex(lillehammer_model)
    texts = distinct_texts(200, lillehammer_examples)
    for i, text in enumerate(texts):
        index.add(i, text)
        if i % 3 == 0:
            index.remove(i)
            assert i not in [idea for idea, _ in index.query(text, k=3)]
        else:
            assert index.query(text, k=1)[0] == (i, pytest.approx(1.0, abs=1e-5))
    for i in (1, 2, 100, 199):
        assert index.query(texts[i], k=1)[0][0] == i
    for i in (0, 3, 99, 198):
        assert i not in [idea for idea, _ in index.query(texts[i], k=3)]
    assert len(index) == 200 - len(range(0, 200, 3))


def test_identical_texts_list_the_earliest_first(lillehammer_model: RoutingModel) -> None:
    # The earliest is the original, which is what "mark as duplicate" should point at.
    index = SimilarityIndex(lillehammer_model)
    text = "Felles vikarpool for alle barnehagene"
    for idea_id in (7, 3, 9):
        index.add(idea_id, text)
        index.query("vikarpool", k=1)  # each into its own segment
    index.add_many([(4, text), (8, text)])
    assert [idea for idea, _ in index.query(text, k=3)] == [7, 3, 9]
    assert [idea for idea, _ in index.query(text, k=10)] == [7, 3, 9, 4, 8]


def test_concurrent_adds_and_queries(lillehammer_model: RoutingModel, lillehammer_examples: list[Example]) -> None:
    index = SimilarityIndex(lillehammer_model)
    texts = distinct_texts(3000, lillehammer_examples)
    errors: list[BaseException] = []

    def writer(start: int) -> None:
        try:
            for i in range(start, start + 100):
                index.add(i, texts[i])
        except BaseException as exc:  # surfaced below; a thread's exception is otherwise lost
            errors.append(exc)

    def reader() -> None:
        try:
            for _ in range(100):
                index.query(IDEAS[2], k=3)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(s,)) for s in (0, 1000, 2000)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(index) == 300
    for i in (0, 99, 1000, 1042, 2099):
        assert index.query(texts[i], k=1)[0][0] == i
