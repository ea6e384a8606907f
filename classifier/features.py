"""Text features: word and character n-gram TF-IDF, as fitted and saved.

The features are sklearn objects (two CountVectorizer + TfidfTransformer pipelines in a FeatureUnion, which is
exactly what TfidfVectorizer is inside); they are what gets fitted and saved. Counting is split from weighting so
that cross-validation counts every text once and only re-weights per fold (see crossval.py). vectorize.py turns
new texts into the same features quickly at prediction time.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.pipeline import FeatureUnion, Pipeline

# \w is unicode-aware, so æ, ø, å and accented letters stay inside words; two letters or more, as sklearn's
# default, because one-letter tokens ("i", "å", "a") carry no routing signal but would make random letters
# look like known words to the gibberish rule.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
BLOCKS = ("word", "char")
CHAR_NGRAMS = (3, 5)  # 2-grams cost a third more time per text and scored no better in CV (README)
CHAR_MIN_DF = 2
# Word n-grams seen in only one text are mostly typos and one-off bigrams once there are thousands of texts;
# dropping them keeps the model small. With few texts, every word counts.
WORD_MIN_DF_FROM = 2000  # texts


def word_min_df(n_texts: int) -> int:
    return 2 if n_texts >= WORD_MIN_DF_FROM else 1


def make_counters(n_texts: int) -> dict[str, CountVectorizer]:
    # strip_accents stays off: "bør"/"bor" and "får"/"far" are different words in Norwegian.
    return {
        "word": CountVectorizer(
            lowercase=True, token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), min_df=word_min_df(n_texts)
        ),
        # char_wb n-grams stay inside word boundaries; they carry typos, compounds and inflections
        # ("sykehjemmet", "sjukeheimen") that whole-word features miss.
        "char": CountVectorizer(lowercase=True, analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=CHAR_MIN_DF),
    }


def make_weighting() -> TfidfTransformer:
    # sublinear tf: a word repeated in a rant should not outweigh the rest of the idea.
    return TfidfTransformer(sublinear_tf=True, norm="l2", smooth_idf=True)


def assemble(counters: dict[str, CountVectorizer], weights: dict[str, TfidfTransformer]) -> FeatureUnion:
    """The fitted feature step of the saved pipeline, built from already fitted parts."""
    return FeatureUnion([(name, Pipeline([("count", counters[name]), ("tfidf", weights[name])])) for name in BLOCKS])


def tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf times idf, rows L2-normalised: what TfidfTransformer(sublinear_tf=True) computes."""
    out = counts.astype(np.float64, copy=True).tocsr()
    out.data = (np.log(out.data) + 1.0) * idf[out.indices]
    out.eliminate_zeros()
    return l2_normalise(out)


def l2_normalise(matrix: sp.csr_matrix) -> sp.csr_matrix:
    row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(row_of, weights=matrix.data * matrix.data, minlength=matrix.shape[0]))
    norms[norms == 0.0] = 1.0
    matrix = matrix.copy()
    matrix.data = matrix.data / norms[row_of]
    return matrix
