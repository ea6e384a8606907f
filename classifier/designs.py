"""The candidate classifiers that sit on top of the shared features, and fast probability computation."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import scipy.sparse as sp
import sklearn
from scipy.special import expit
from sklearn.base import ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from classifier.row import SparseRow


def _logreg(min_class_count: int) -> ClassifierMixin:
    # High C: TF-IDF rows are unit length, so the default C=1 leaves probabilities so flat that clear ideas
    # would fall under a 0.5 threshold (C 20..100 scored alike in CV; see README). "balanced" keeps the
    # smaller non-idea class from being drowned out.
    # tol 1e-3 (sklearn's default is 1e-4) roughly halves the fit time, which keeps training on 10k examples
    # within its 20 s budget. Against a fully converged fit on Løten's held-out set, probabilities differ by
    # 0.006 on average and 2 of 155 routings change; cross-validated macro-F1 moves by 0.002 (README).
    return LogisticRegression(C=50.0, class_weight="balanced", max_iter=3000, tol=1e-3)


def _svm_sigmoid(min_class_count: int) -> ClassifierMixin:
    # LinearSVC gives margins, not probabilities; Platt scaling over internal folds turns them into some.
    folds = max(2, min(3, min_class_count))
    return CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced", random_state=0), method="sigmoid", cv=folds)


# name -> factory taking the size of the smallest class (the calibrated design needs it for its inner folds)
DESIGNS: dict[str, Callable[[int], ClassifierMixin]] = {
    "word+char tf-idf -> logistic regression": _logreg,
    "word+char tf-idf -> linear SVM + sigmoid calibration": _svm_sigmoid,
}
# The design train() uses unless asked to compare; chosen by the comparison recorded in README.md.
DEFAULT_DESIGN = "word+char tf-idf -> logistic regression"


def make_classifier(design: str, *, min_class_count: int) -> ClassifierMixin:
    if design not in DESIGNS:
        raise ValueError(f"unknown design {design!r}; known: {', '.join(DESIGNS)}")
    return DESIGNS[design](min_class_count)


def fit_quietly(clf: ClassifierMixin, features: sp.csr_matrix, y: np.ndarray, weights: np.ndarray) -> None:
    # Small classes make sklearn warn about class sizes and convergence; the CV metrics already tell that
    # story, and the warnings would only clutter the CLI's output.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        warnings.simplefilter("ignore", category=UserWarning)
        clf.fit(features, y, sample_weight=weights)


# Many rows, or one text's row: both give `features @ dense` and `.shape`, which is all the fast paths use.
Features = sp.csr_matrix | SparseRow
Scorer = Callable[[Features], np.ndarray]


def make_scorer(clf: ClassifierMixin) -> Scorer:
    """A function giving clf's class probabilities (clf.classes_ order), as clf.predict_proba computes them.

    Both designs are a matrix product and a few element-wise functions; they are done directly, with the
    weights laid out once for fast products, because sklearn's input validation and a copy of the weights on
    every call cost more than the arithmetic for a single idea. test_designs pins these to sklearn's output.
    """
    if isinstance(clf, LogisticRegression):
        weights = _Linear(clf)
        return lambda features: _softmax(weights.margins(features))
    if isinstance(clf, CalibratedClassifierCV) and _plain_sigmoid(clf):
        parts = [
            (_Linear(part.estimator), [(c.a_, c.b_) for c in part.calibrators]) for part in clf.calibrated_classifiers_
        ]
        n_classes = len(clf.classes_)
        return lambda features: np.mean([_platt(n_classes, w, c, features) for w, c in parts], axis=0)

    def via_sklearn(features: Features) -> np.ndarray:
        if isinstance(features, SparseRow):
            features = features.to_csr()
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return np.asarray(clf.predict_proba(features))

    return via_sklearn


def predict_proba(clf: ClassifierMixin, features: sp.csr_matrix) -> np.ndarray:
    return make_scorer(clf)(features)


class _Linear:
    """coef_ transposed into a contiguous array once, so a sparse-dense product needs no copy per call."""

    def __init__(self, linear: ClassifierMixin) -> None:
        self.weights = np.ascontiguousarray(linear.coef_.T)
        self.intercept = np.asarray(linear.intercept_)

    def margins(self, features: Features) -> np.ndarray:
        return np.asarray(features @ self.weights) + self.intercept


def _softmax(scores: np.ndarray) -> np.ndarray:
    if scores.shape[1] == 1:  # binary: sklearn keeps one row of weights, for the positive class
        scores = np.hstack([np.zeros_like(scores), scores])
    scores = scores - scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores


def _plain_sigmoid(clf: CalibratedClassifierCV) -> bool:
    # The direct path covers what _svm_sigmoid builds: sigmoid calibrators over a linear model whose folds
    # each saw every class. Anything else goes through sklearn.
    n_classes = len(clf.classes_)
    return clf.method == "sigmoid" and all(
        hasattr(part.estimator, "coef_") and len(part.estimator.classes_) == n_classes
        for part in clf.calibrated_classifiers_
    )


def _platt(
    n_classes: int, linear: _Linear, calibrators: list[tuple[float, float]], features: Features
) -> np.ndarray:
    margins = linear.margins(features)
    proba = np.zeros((features.shape[0], n_classes))
    columns = [1] if n_classes == 2 else range(n_classes)
    for column, margin, (a, b) in zip(columns, margins.T, calibrators, strict=True):
        proba[:, column] = expit(-(a * margin + b))
    if n_classes == 2:
        proba[:, 0] = 1.0 - proba[:, 1]
        return proba
    total = proba.sum(axis=1, keepdims=True)
    # Every calibrator saying 0 would divide by zero; sklearn falls back to uniform, and so do we.
    return np.divide(proba, total, out=np.full_like(proba, 1.0 / n_classes), where=total != 0)
