"""Stratified cross-validation of the designs, counting n-grams once for all folds.

Fitting the vectorizers is the slow part of training (the analyzers are pure Python). A fold's TF-IDF is fully
determined by the raw counts of its training rows, so texts are counted once against the vocabulary of all
texts, and each fold keeps only the n-grams frequent enough in its own training rows and takes the IDF from
those rows. That reproduces fitting the vectorizers inside each fold, without re-tokenising: the held-out rows
contribute no vocabulary, no IDF and no labels.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from classifier.dataset import NONE_LABEL
from classifier.designs import make_classifier, predict_proba
from classifier.features import BLOCKS, tfidf


@dataclass(frozen=True)
class CvResult:
    design: str
    metrics: dict[str, float]
    fit_seconds: float  # mean fit time of one fold's classifier


def n_folds(y: np.ndarray, *, requested: int) -> int:
    if requested < 2:
        raise ValueError(f"cv_folds must be at least 2, got {requested}")
    smallest = min(np.unique(y, return_counts=True)[1])
    # Stratified folds need every class in every fold; fewer folds beat folds that miss a class.
    return max(2, min(requested, int(smallest)))


def cross_validate(
    *,
    design: str,
    counts: dict[str, sp.csr_matrix],
    min_df: dict[str, int],
    y: np.ndarray,
    weights: np.ndarray,
    folds: int,
    threshold: float = 0.5,
) -> CvResult:
    """Out-of-fold metrics for one design. Folds are seeded, so every design sees the same splits."""
    proba, classes, fit_seconds = out_of_fold(design=design, counts=counts, min_df=min_df, y=y, weights=weights,
                                              folds=folds)
    return CvResult(design=design, metrics=_metrics(y, proba, classes, folds, threshold), fit_seconds=fit_seconds)


def out_of_fold(
    *,
    design: str,
    counts: dict[str, sp.csr_matrix],
    min_df: dict[str, int],
    y: np.ndarray,
    weights: np.ndarray,
    folds: int,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Each row's class probabilities from the fold that held it out (columns: the sorted classes), and the mean
    fit time of one fold."""
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    classes = np.unique(y)
    proba = np.zeros((len(y), len(classes)))

    def run_fold(train_idx: np.ndarray, test_idx: np.ndarray) -> float:
        x_train, x_test = _fold_features(counts, min_df, train_idx, test_idx)
        smallest = int(min(np.unique(y[train_idx], return_counts=True)[1]))
        clf = make_classifier(design, min_class_count=smallest)
        start = time.perf_counter()
        clf.fit(x_train, y[train_idx], sample_weight=weights[train_idx])
        seconds = time.perf_counter() - start
        columns = np.searchsorted(classes, clf.classes_)
        proba[np.ix_(test_idx, columns)] = predict_proba(clf, x_test)
        return seconds

    # Tiny classes make sklearn warn about folds and convergence; the CV metrics already tell that story.
    # Folds run one after another: the loss computation already uses both cores through OpenMP, and fold
    # threads on top gave no reliable gain on the shared 2-core box.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        fit_seconds = [run_fold(train_idx, test_idx) for train_idx, test_idx in splitter.split(np.zeros(len(y)), y)]
    return proba, classes, sum(fit_seconds) / folds


def _fold_features(
    counts: dict[str, sp.csr_matrix], min_df: dict[str, int], train_idx: np.ndarray, test_idx: np.ndarray
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    train_blocks, test_blocks = [], []
    for name in BLOCKS:
        train_counts = counts[name][train_idx]
        df = np.bincount(train_counts.indices, minlength=train_counts.shape[1])
        n = train_counts.shape[0]
        # Same smoothed IDF as TfidfTransformer; n-grams below min_df in the training rows get weight 0, i.e.
        # they are not in this fold's vocabulary.
        idf = np.where(df >= min_df[name], np.log((1.0 + n) / (1.0 + df)) + 1.0, 0.0)
        train_blocks.append(tfidf(train_counts, idf))
        test_blocks.append(tfidf(counts[name][test_idx], idf))
    return sp.hstack(train_blocks, format="csr"), sp.hstack(test_blocks, format="csr")


def _metrics(y: np.ndarray, proba: np.ndarray, classes: np.ndarray, folds: int, threshold: float) -> dict[str, float]:
    predicted = classes[proba.argmax(axis=1)]
    # What a user sees at the org's threshold: a row is routed when a focus area is on top and clears it.
    is_area = classes != NONE_LABEL
    area_proba = np.where(is_area, proba, -1.0)
    top_area = classes[area_proba.argmax(axis=1)]
    routed = (predicted != NONE_LABEL) & (area_proba.max(axis=1) >= threshold)
    correct = np.where(routed, top_area == y, y == NONE_LABEL)
    return {
        "macro_f1": float(f1_score(y, predicted, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(y, predicted)),
        f"coverage@{threshold:g}": float(routed.mean()),
        f"accuracy@{threshold:g}": float(correct.mean()),
        "folds": float(folds),
    }
