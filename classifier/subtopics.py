"""Optional second level: the sub-topic within the routed focus area.

One small linear SVM per focus area, over the routing features, trained on that area's examples. Per area
because the top level has already decided the area; an SVM because it fits in a fraction of the time of a
logistic regression over all sub-topics at once and scored the same on Løten's examples (README).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.svm import LinearSVC

from classifier.designs import Features, fit_quietly

MIN_EXAMPLES = 3  # per sub-topic; with fewer, a sub-topic guess would be noise


@dataclass(frozen=True)
class SubtopicModel:
    # focus area -> SVM whose classes are that area's sub-topic ids (at least two of them)
    by_area: dict[str, LinearSVC]
    _weights: dict[str, tuple[np.ndarray, np.ndarray]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weights = {area: (np.ascontiguousarray(svm.coef_.T), svm.intercept_) for area, svm in self.by_area.items()}
        object.__setattr__(self, "_weights", weights)

    def predict(self, features: Features, areas: Sequence[str | None]) -> list[str | None]:
        """The most likely sub-topic of each row's area; None when the area has no sub-topic model."""
        out: list[str | None] = [None] * len(areas)
        for area, svm in self.by_area.items():
            rows = [i for i, a in enumerate(areas) if a == area]
            if not rows:
                continue
            weights, intercept = self._weights[area]
            # All rows times the weights, then pick: slicing a sparse matrix by rows costs more than the product.
            margins = np.asarray(features @ weights)[rows] + intercept
            # Two sub-topics: one margin, positive for the second class (as LinearSVC.predict decides).
            best = (margins[:, 0] > 0).astype(int) if margins.shape[1] == 1 else margins.argmax(axis=1)
            for row, index in zip(rows, best.tolist(), strict=True):
                out[row] = str(svm.classes_[index])
        return out


def train_subtopics(
    *,
    features: sp.csr_matrix,
    areas: Sequence[str],
    sub_topics: Sequence[str | None],
    weights: np.ndarray,
) -> SubtopicModel | None:
    """Sub-topic models for the areas that have at least two sub-topics with MIN_EXAMPLES examples each.

    An area with a single such sub-topic gets none: it would hand that sub-topic to every idea in the area.
    Returns None when no area qualifies.
    """
    counts = Counter((a, s) for a, s in zip(areas, sub_topics, strict=True) if s)
    usable = {pair for pair, n in counts.items() if n >= MIN_EXAMPLES}
    per_area = Counter(area for area, _ in usable)
    models: dict[str, LinearSVC] = {}
    for area in sorted(a for a, n in per_area.items() if n >= 2):
        rows = [i for i, pair in enumerate(zip(areas, sub_topics, strict=True)) if pair[0] == area and pair in usable]
        svm = LinearSVC(C=0.5, class_weight="balanced", random_state=0)
        fit_quietly(svm, features[rows], np.array([sub_topics[i] for i in rows]), weights[rows])
        models[area] = svm
    return SubtopicModel(by_area=models) if models else None
