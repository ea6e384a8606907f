"""Similar earlier ideas: cosine similarity over the routing model's own features.

Rows are kept in segments stored column-wise (CSC): a segment's scores are its columns for the query's own
n-grams times the query's weights, so scoring walks only those postings, not every stored idea. New rows land in
pending flat arrays (add() copies only them); a query scores them through a dense copy of the query. Once
`_FLUSH_AT` rows are pending they are stacked into a new segment and neighbouring segments of similar size are
merged, like a binary counter, so each row is re-stacked O(log n) times and a query sees O(log n) segments.
(Stacking at every query after an add cost ~4 ms of scipy overhead on each submitted idea; a sparse-sparse
product per segment cost twice the column slice and matrix-vector product used now.) The top k come from a
partition, not a full sort.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from classifier.model import RoutingModel
from classifier.row import SparseRow

_BATCH = 1000  # texts transformed per call in add_many; bounds the temporary memory
_FLUSH_AT = 64  # pending rows scored one by one before they are stacked into a segment
_RECENT = 256  # texts whose vectors are kept: a submitted idea is queried first, then added with the same text


@dataclass
class _Segment:
    rows: sp.csc_matrix  # float32, one unit-length row per idea
    ids: np.ndarray  # int64 idea ids, row order
    alive: np.ndarray  # bool; False once removed or replaced


@dataclass(frozen=True)
class _Pending:
    """Rows not yet in a segment, as flat arrays: replaced, never changed in place, so a query can keep one."""

    columns: np.ndarray  # int32, every pending row's n-gram columns, row after row
    values: np.ndarray  # float32, their weights
    row_of: np.ndarray  # int64, the pending row each entry belongs to
    n_rows: int
    n_features: int

    def plus(self, rows: _Rows) -> _Pending:
        new_rows = np.repeat(np.arange(self.n_rows, self.n_rows + len(rows.lengths)), rows.lengths)
        return _Pending(
            columns=np.concatenate([self.columns, rows.columns.astype(np.int32, copy=False)]),
            values=np.concatenate([self.values, rows.values]),
            row_of=np.concatenate([self.row_of, new_rows]),
            n_rows=self.n_rows + len(rows.lengths),
            n_features=rows.n_features,
        )

    def matrix(self) -> sp.csr_matrix:
        indptr = np.concatenate([[0], np.cumsum(np.bincount(self.row_of, minlength=self.n_rows))])
        return sp.csr_matrix((self.values, self.columns, indptr), shape=(self.n_rows, self.n_features))

    def scores(self, dense_query: np.ndarray) -> np.ndarray:
        products = self.values * dense_query[self.columns]
        return np.bincount(self.row_of, weights=products, minlength=self.n_rows).astype(np.float32)


@dataclass(frozen=True)
class _Rows:
    """Rows to add, flat: each row's columns and values one after the other, and each row's length."""

    columns: np.ndarray
    values: np.ndarray  # float32
    lengths: np.ndarray
    n_features: int

    @classmethod
    def of(cls, rows: sp.csr_matrix | SparseRow) -> _Rows:
        if isinstance(rows, SparseRow):
            return cls(rows.columns, rows.values, np.array([len(rows.columns)]), rows.n_features)
        return cls(rows.indices, rows.data, np.diff(rows.indptr), rows.shape[1])


_NO_PENDING = _Pending(columns=np.zeros(0, np.int32), values=np.zeros(0, np.float32),
                       row_of=np.zeros(0, np.int64), n_rows=0, n_features=0)


class SimilarityIndex:
    """Thread-safe: mutations and the merging of segments happen under a lock; scoring runs outside it."""

    def __init__(self, model: RoutingModel) -> None:
        self._model = model
        self._lock = threading.Lock()
        self._segments: list[_Segment] = []
        self._pending = _NO_PENDING
        self._pending_ids: list[int] = []
        # idea id -> where its current row lives: (segment, row) or (None, position in the pending list)
        self._where: dict[int, tuple[_Segment | None, int]] = {}
        self._pending_dead: set[int] = set()  # pending positions removed before they were flushed
        self._recent: dict[str, SparseRow] = {}

    def __len__(self) -> int:
        with self._lock:
            return len(self._where)

    def add(self, idea_id: int, text: str) -> None:
        """Index an idea; adding an id again replaces its text."""
        self._append([idea_id], self._vector(text))

    def add_many(self, items: Iterable[tuple[int, str]]) -> None:
        batch: list[tuple[int, str]] = []
        for item in items:
            batch.append(item)
            if len(batch) == _BATCH:
                self._append([i for i, _ in batch], self._vectors([t for _, t in batch]))
                batch = []
        if batch:
            self._append([i for i, _ in batch], self._vectors([t for _, t in batch]))

    def remove(self, idea_id: int) -> None:
        """Forget an idea; unknown ids are ignored, so removal can be retried safely."""
        with self._lock:
            self._forget(idea_id)

    def query(
        self, text: str, *, k: int = 3, min_score: float = 0.25, exclude: int | None = None,
        vector: SparseRow | None = None,
    ) -> list[tuple[int, float]]:
        """Up to k (idea id, cosine) pairs with cosine >= min_score, best first.

        `vector` is the text's row when the caller has it already (`RoutingModel.predict_one`).
        """
        if k <= 0:
            return []
        vector = self._vector(text, known=vector)
        with self._lock:
            if len(self._pending_ids) >= _FLUSH_AT:
                self._flush()
            # Segments are never changed in place except their alive flags, so copies of those make a snapshot.
            snapshot = [(s.rows, s.ids, s.alive.copy()) for s in self._segments]
            pending, pending_ids, pending_alive = (self._pending, np.asarray(self._pending_ids, dtype=np.int64),
                                                   self._pending_alive())
        if not snapshot and not pending_ids.size:
            return []
        dense_query = np.zeros(vector.n_features, dtype=np.float32)
        dense_query[vector.columns] = vector.values
        # Rows are scored in insertion order: segments oldest first, then the pending rows.
        scores = np.concatenate([*(rows[:, vector.columns] @ vector.values for rows, _, _ in snapshot),
                                 pending.scores(dense_query)])
        ids = np.concatenate([*(ids for _, ids, _ in snapshot), pending_ids])
        usable = np.concatenate([*(alive for _, _, alive in snapshot), pending_alive]) & (scores >= min_score)
        if exclude is not None:
            usable &= ids != exclude
        candidates = np.flatnonzero(usable)
        if len(candidates) > k:
            # Keep everything tied with the k-th best, so ties are decided by age below, not by partition order.
            kth = np.partition(scores[candidates], len(candidates) - k)[len(candidates) - k]
            candidates = candidates[scores[candidates] >= kth]
        # Best score first; among equals the earlier-added idea (rows are in insertion order), i.e. the original.
        best = candidates[np.lexsort((candidates, -scores[candidates]))[:k]]
        return [(int(ids[i]), float(scores[i])) for i in best]

    def _vector(self, text: str, *, known: SparseRow | None = None) -> SparseRow:
        """One text's row, computed once for the query and the add that follows it."""
        found = self._recent.get(text)
        if found is None:
            found = (known if known is not None else self._model.vector(text)).unit(np.float32)
            if len(self._recent) >= _RECENT:
                self._recent.clear()
            self._recent[text] = found
        return found

    def _vectors(self, texts: list[str]) -> sp.csr_matrix:
        # float32 halves the memory of a large index; cosine scores need nowhere near float64 precision.
        return self._model.transform(texts).astype(np.float32)

    def _append(self, ids: list[int], rows: sp.csr_matrix | SparseRow) -> None:
        with self._lock:
            for idea_id in ids:
                self._forget(idea_id)
                self._where[idea_id] = (None, len(self._pending_ids))
                self._pending_ids.append(idea_id)
            self._pending = self._pending.plus(_Rows.of(rows))

    def _forget(self, idea_id: int) -> None:
        place = self._where.pop(idea_id, None)
        if place is None:
            return
        segment, row = place
        if segment is None:
            self._pending_dead.add(row)
        else:
            segment.alive[row] = False

    def _pending_alive(self) -> np.ndarray:
        alive = np.ones(len(self._pending_ids), dtype=bool)
        alive[list(self._pending_dead)] = False
        return alive

    def _flush(self) -> None:
        if not self._pending_ids:
            return
        segment = _Segment(
            rows=self._pending.matrix().tocsc(),
            ids=np.asarray(self._pending_ids, dtype=np.int64),
            alive=self._pending_alive(),
        )
        self._pending, self._pending_ids, self._pending_dead = _NO_PENDING, [], set()
        self._segments.append(segment)
        self._record(segment)
        while len(self._segments) >= 2 and self._segments[-2].ids.size <= 2 * self._segments[-1].ids.size:
            newer = self._segments.pop()
            older = self._segments.pop()
            merged = _merge(older, newer)
            self._segments.append(merged)
            self._record(merged)

    def _record(self, segment: _Segment) -> None:
        for row in np.flatnonzero(segment.alive).tolist():
            self._where[int(segment.ids[row])] = (segment, row)


def _merge(older: _Segment, newer: _Segment) -> _Segment:
    # Dropping removed rows here is what keeps removals from accumulating forever.
    keep_old, keep_new = np.flatnonzero(older.alive), np.flatnonzero(newer.alive)
    rows = sp.vstack([older.rows.tocsr()[keep_old], newer.rows.tocsr()[keep_new]], format="csc")
    ids = np.concatenate([older.ids[keep_old], newer.ids[keep_new]])
    return _Segment(rows=rows, ids=ids, alive=np.ones(len(ids), dtype=bool))
