"""One text's features as a 1 × n_features row, without scipy.

Every submitted idea is routed and searched alone. A scipy sparse matrix costs 10-20 µs per operation in format
checks and conversions (tocsr, astype, a product), more than the arithmetic on one row of a few hundred entries;
in the server, where each request also walks the web framework and the ORM, those Python layers cost two to three
times as much again. A SparseRow is the row's columns and values and supports what the single-idea path needs:
`row @ dense` like a 1-row csr matrix, a unit-length copy, and conversion for the rare caller that wants scipy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class SparseRow:
    columns: np.ndarray  # int64, ascending, no repeats
    values: np.ndarray  # the entries at those columns
    n_features: int

    @property
    def shape(self) -> tuple[int, int]:
        return (1, self.n_features)

    def __matmul__(self, dense: np.ndarray) -> np.ndarray:
        """This row times an (n_features × k) array: a 1 × k array, as a 1-row csr matrix gives."""
        return (self.values @ dense[self.columns])[np.newaxis]

    def unit(self, dtype: type[np.floating] = np.float64) -> SparseRow:
        """The row scaled to length 1 (an empty row stays empty), so a dot product of two is their cosine."""
        norm = float(np.sqrt(self.values @ self.values)) or 1.0
        return SparseRow(self.columns, (self.values / norm).astype(dtype, copy=False), self.n_features)

    def to_csr(self) -> sp.csr_matrix:
        indptr = np.array([0, len(self.columns)])
        return sp.csr_matrix((self.values, self.columns, indptr), shape=self.shape)
