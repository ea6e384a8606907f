"""New texts into the fitted features, exactly as the FeatureUnion computes them, but fast.

sklearn's transform spends about a millisecond per call on input validation and building several sparse
matrices, more than the whole single-idea latency budget. Here all rows of a call are counted and weighted with
whole-array numpy operations and one sparse matrix is built. Character n-grams, most of the work, are cached per
word: char_wb n-grams never cross a word boundary, so a text's n-grams are the concatenation of its words'.
test_designs pins the output to sklearn's transform.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import FeatureUnion

from classifier.features import BLOCKS
from classifier.row import SparseRow

# Rows per round of array work: the sort in np.unique grows faster than linearly, and 2,000 rows gave twice the
# throughput of 20,000 at once.
_CHUNK = 2_000
_WORD_CACHE_SIZE = 100_000  # words; about 15 MB. Cleared when full: simple, and ideas reuse common words.


class _Lookup(dict[str, int]):
    """A vocabulary that answers -1 for unknown n-grams, so lookups can run as one C-level map()."""

    def __missing__(self, key: str) -> int:
        return -1


class FastFeatures:
    """The fitted FeatureUnion's transform, plus each row's count of known words."""

    def __init__(self, union: FeatureUnion) -> None:
        steps = dict(union.transformer_list)
        self._blocks: list[tuple[Callable[[str], Sequence[int]], np.ndarray]] = []
        for name in BLOCKS:
            counter, weight = steps[name].named_steps["count"], steps[name].named_steps["tfidf"]
            self._blocks.append((_ids_of(counter), np.asarray(weight.idf_)))
        sizes = [len(idf) for _, idf in self._blocks]
        self._offsets = np.cumsum([0, *sizes[:-1]]).tolist()
        self.n_features = sum(sizes)

    def transform(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, np.ndarray]:
        """The feature matrix (each block L2-normalised, like the FeatureUnion) and each row's count of known words.

        A known word is a word n-gram from the training vocabulary; none means the text shares no word with
        anything the model was trained on.
        """
        if len(texts) > _CHUNK:
            chunks = [self.transform(texts[i : i + _CHUNK]) for i in range(0, len(texts), _CHUNK)]
            return sp.vstack([c[0] for c in chunks], format="csr"), np.concatenate([c[1] for c in chunks])
        parts = [_block(texts, ids_of, idf) for ids_of, idf in self._blocks]
        known_words = np.bincount(parts[0][0], minlength=len(texts))
        rows = np.concatenate([p[0] for p in parts])
        columns = np.concatenate([p[1] + offset for p, offset in zip(parts, self._offsets, strict=True)])
        data = np.concatenate([p[2] for p in parts])
        # Each block is ordered by (row, column) and the blocks' columns do not overlap, so a stable sort by row
        # gives CSR order.
        order = np.argsort(rows, kind="stable")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(texts)))])
        matrix = sp.csr_matrix((data[order], columns[order], indptr), shape=(len(texts), self.n_features))
        return matrix, known_words


    def one(self, text: str) -> tuple[SparseRow, int]:
        """One text's row and count of known words, as `transform([text])` gives them, without its array rounds
        (about half the time for a single idea)."""
        columns, values = [], []
        for (ids_of, idf), offset in zip(self._blocks, self._offsets, strict=True):
            counts = Counter(ids_of(text))
            counts.pop(-1, None)
            block_columns = np.fromiter(counts.keys(), np.int64, len(counts))
            weights = (np.log(np.fromiter(counts.values(), np.float64, len(counts))) + 1.0) * idf[block_columns]
            columns.append(block_columns + offset)
            values.append(weights / (np.sqrt(weights @ weights) or 1.0))
        known_words = len(columns[0])
        all_columns, all_values = np.concatenate(columns), np.concatenate(values)
        order = np.argsort(all_columns)
        return SparseRow(all_columns[order], all_values[order], self.n_features), known_words


def _block(
    texts: Sequence[str], ids_of: Callable[[str], Sequence[int]], idf: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, columns, values) of one block: sublinear tf times idf, rows L2-normalised."""
    ids: list[int] = []
    lengths = []
    for text in texts:
        before = len(ids)
        ids.extend(ids_of(text))
        lengths.append(len(ids) - before)
    columns = np.asarray(ids, dtype=np.int64)
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    known = columns >= 0
    # One key per (row, n-gram); counting equal keys gives the term counts, already in (row, column) order.
    keys, counts = np.unique(rows[known] * len(idf) + columns[known], return_counts=True)
    rows, columns = np.divmod(keys, len(idf))
    data = (np.log(counts) + 1.0) * idf[columns]
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(texts)))
    return rows, columns, data / norms[rows]


def _ids_of(counter: CountVectorizer) -> Callable[[str], Sequence[int]]:
    """A function from a text to the vocabulary index of each of its n-grams (-1 for unknown ones)."""
    lookup = _Lookup(counter.vocabulary_)
    plain_char_wb = (
        counter.analyzer == "char_wb"
        and counter.lowercase
        and counter.preprocessor is None
        and counter.strip_accents is None
        and counter.input == "content"
    )
    if not plain_char_wb:
        analyze = counter.build_analyzer()
        return lambda text: list(map(lookup.__getitem__, analyze(text)))

    min_n, max_n = counter.ngram_range
    cache: dict[str, tuple[int, ...]] = {}

    def word_ids(word: str) -> tuple[int, ...]:
        # sklearn's _char_wb_ngrams for one word: pad with spaces, and a word no longer than n counts once.
        padded = f" {word} "
        grams: list[str] = []
        for n in range(min_n, max_n + 1):
            if len(padded) <= n:
                grams.append(padded)
                break
            grams.extend([padded[i : i + n] for i in range(len(padded) - n + 1)])
        return tuple(map(lookup.__getitem__, grams))

    def ids_of(text: str) -> list[int]:
        ids: list[int] = []
        for word in text.lower().split():
            cached = cache.get(word)
            if cached is None:
                if len(cache) >= _WORD_CACHE_SIZE:
                    cache.clear()
                cached = cache[word] = word_ids(word)
            ids.extend(cached)
        return ids

    return ids_of
