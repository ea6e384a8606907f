"""train(): from examples and corrections to a fitted RoutingModel with cross-validated metrics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from classifier.crossval import CvResult, cross_validate, n_folds, out_of_fold
from classifier.dataset import SHARED_WEIGHT, TrainingSet, build_training_set
from classifier.designs import DEFAULT_DESIGN, DESIGNS, fit_quietly, make_classifier
from classifier.examples import Example
from classifier.features import BLOCKS, assemble, make_counters, make_weighting, tfidf
from classifier.intents import IntentExample, choose_thresholds, intent_metrics, intent_rows
from classifier.model import IntentHead, ModelMetadata, RoutingModel
from classifier.subtopics import train_subtopics
from classifier.vocabulary import ServiceTraining


def train(
    *,
    examples: Sequence[Example],
    labels: Sequence[str],
    corrections: Sequence[Example] = (),
    intent_examples: Sequence[IntentExample] = (),
    services: ServiceTraining | None = None,
    cv_folds: int = 5,
    compare_designs: bool = False,
) -> RoutingModel:
    """Fit the routing model on the org's examples plus people's corrections (reroutes), oldest first, and, given
    intent examples, the head that tells ideas from messages that belong elsewhere (classifier/intents.py).

    Given `services`, the shared examples of the service vocabulary join the org's own, labelled with the org's
    areas through its mapping, and a third head learns to name the service category itself (classifier/vocabulary.py).
    Corrections weigh three times an example, and a correction of the same text replaces the example. With
    compare_designs, every design in designs.DESIGNS is cross-validated and the best macro-F1 is kept;
    otherwise DEFAULT_DESIGN is used and only cross-validated for the metadata.
    Raises ValueError when a label in the data is not in `labels`, or a class has fewer than 2 examples.
    """
    # OpenBLAS threads wake up for every small vector operation inside L-BFGS; on a 2-core box that is busy
    # anyway, that made training twice as slow (and 10x on small data sets) as running BLAS single-threaded.
    with threadpool_limits(limits=1, user_api="blas"):
        return _train(
            examples=examples,
            labels=labels,
            corrections=corrections,
            intent_examples=intent_examples,
            services=services,
            cv_folds=cv_folds,
            compare_designs=compare_designs,
        )


def _train(
    *,
    examples: Sequence[Example],
    labels: Sequence[str],
    corrections: Sequence[Example],
    intent_examples: Sequence[IntentExample],
    services: ServiceTraining | None,
    cv_folds: int,
    compare_designs: bool,
) -> RoutingModel:
    shared = services.area_examples() if services is not None else []
    if intent_examples:
        # The intent head tells ideas from the rest; the area head then learns the areas of ideas only.
        examples = [e for e in examples if e.focus_area]
    data = build_training_set(examples=examples, labels=labels, corrections=corrections, shared=shared,
                              shared_weight=services.weight if services is not None else SHARED_WEIGHT)
    ideas = [*shared, *examples, *corrections]
    intent_texts, intent_y = intent_rows(intent_examples, ideas) if intent_examples else ([], None)
    # One vocabulary and one IDF for both heads, so a message is counted once to answer both questions.
    all_texts = data.texts + intent_texts
    counters = make_counters(len(all_texts))
    all_counts = {name: counters[name].fit_transform(all_texts).tocsr() for name in BLOCKS}
    counts = {name: all_counts[name][: len(data.texts)] for name in BLOCKS}
    results = _cross_validate(
        data, counters, counts, designs=list(DESIGNS) if compare_designs else [DEFAULT_DESIGN], cv_folds=cv_folds
    )
    # max() keeps the first of equals, and DEFAULT_DESIGN is listed first: a tie keeps the default.
    best = max(results, key=lambda result: result.metrics["macro_f1"])

    weights = {name: make_weighting().fit(all_counts[name]) for name in BLOCKS}
    features = sp.hstack([tfidf(counts[name], weights[name].idf_) for name in BLOCKS], format="csr")
    clf = make_classifier(best.design, min_class_count=min(Counter(data.y.tolist()).values()))
    fit_quietly(clf, features, data.y, data.weights)
    subtopics = train_subtopics(
        features=features, areas=data.y.tolist(), sub_topics=data.sub_topics, weights=data.weights
    )
    intents = None
    intent_fields: dict[str, object] = {}
    if intent_y is not None:
        intent_counts = {name: all_counts[name][len(data.texts):] for name in BLOCKS}
        intents, intent_fields = _intent_head(intent_counts, intent_y, weights, min_df=_min_df(counters),
                                              cv_folds=cv_folds)
    service_head = _service_head(counters, weights, services) if services is not None else None
    trained_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata = ModelMetadata(
        version=f"{trained_at}-{data.fingerprint[:8]}",
        trained_at=trained_at,
        labels=tuple(labels),
        n_examples=data.n_examples,
        n_corrections=data.n_corrections,
        n_shared=data.n_shared,
        cv_metrics=best.metrics,
        design=best.design,
        services_version=services.version if services is not None else "",
        services=tuple(str(c) for c in service_head.classes_) if service_head is not None else (),
        **intent_fields,  # type: ignore[arg-type]
    )
    pipeline = Pipeline([("features", assemble(counters, weights)), ("clf", clf)])
    return RoutingModel(pipeline=pipeline, metadata=metadata, subtopics=subtopics, intents=intents,
                        services=service_head)


def _service_head(counters: dict[str, CountVectorizer], weights: dict[str, TfidfTransformer],
                  services: ServiceTraining) -> LinearSVC | None:
    """A linear SVM naming the service category, on the same features; stored with corrections and shown in
    triage. An SVM, as for sub-topics: it needs no probabilities and fits 39 classes in a fraction of a second."""
    labelled = services.examples
    if len({e.service for e in labelled}) < 2:
        return None
    texts = [e.text for e in labelled]
    features = sp.hstack([tfidf(counters[name].transform(texts), weights[name].idf_) for name in BLOCKS],
                         format="csr")
    svm = LinearSVC(C=0.5, class_weight="balanced", random_state=0)
    fit_quietly(svm, features, np.array([e.service for e in labelled]), np.ones(len(labelled)))
    # 39 categories x ~100k n-grams: as float32 in column order, the model file and the memory hold half as much,
    # and the transposed weights that prediction multiplies by are the same array, not a copy.
    svm.coef_ = np.asfortranarray(svm.coef_, dtype=np.float32)
    return svm


def _intent_head(counts: dict[str, sp.csr_matrix], y: np.ndarray, weights: dict[str, TfidfTransformer], *,
                 min_df: dict[str, int], cv_folds: int) -> tuple[IntentHead, dict[str, object]]:
    """Fit the intent head, with thresholds chosen on its out-of-fold probabilities (training data only)."""
    balanced = np.ones(len(y))  # the classifier's class_weight="balanced" evens out the many ideas
    proba, classes, _ = out_of_fold(design=DEFAULT_DESIGN, counts=counts, min_df=min_df, y=y, weights=balanced,
                                    folds=n_folds(y, requested=cv_folds))
    names = [str(c) for c in classes]
    thresholds = choose_thresholds(proba, names, y)
    features = sp.hstack([tfidf(counts[name], weights[name].idf_) for name in BLOCKS], format="csr")
    clf = make_classifier(DEFAULT_DESIGN, min_class_count=min(Counter(y.tolist()).values()))
    fit_quietly(clf, features, y, balanced)
    fields: dict[str, object] = {
        "intents": tuple(str(c) for c in clf.classes_),
        "intent_thresholds": {"idea": thresholds.idea, "varsling": thresholds.varsling},
        "intent_cv": intent_metrics(proba, names, y, thresholds),
    }
    return IntentHead(clf=clf, thresholds=thresholds), fields


def _min_df(counters: dict[str, CountVectorizer]) -> dict[str, int]:
    return {name: int(counters[name].min_df) for name in BLOCKS}


def compare(
    *, examples: Sequence[Example], labels: Sequence[str], corrections: Sequence[Example] = (), cv_folds: int = 5
) -> list[CvResult]:
    """Cross-validated metrics of every design on the same folds (for the README table and the benchmark)."""
    data = build_training_set(examples=examples, labels=labels, corrections=corrections)
    counters = make_counters(len(data.texts))
    counts = {name: counters[name].fit_transform(data.texts).tocsr() for name in BLOCKS}
    with threadpool_limits(limits=1, user_api="blas"):
        return _cross_validate(data, counters, counts, designs=list(DESIGNS), cv_folds=cv_folds)


def _cross_validate(
    data: TrainingSet,
    counters: dict[str, CountVectorizer],
    counts: dict[str, sp.csr_matrix],
    *,
    designs: list[str],
    cv_folds: int,
) -> list[CvResult]:
    folds = n_folds(data.y, requested=cv_folds)
    min_df = _min_df(counters)
    return [
        cross_validate(design=design, counts=counts, min_df=min_df, y=data.y, weights=data.weights, folds=folds)
        for design in designs
    ]
