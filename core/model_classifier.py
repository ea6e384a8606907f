"""The Classifier backed by the trained model, with similar-idea search and reload without a restart."""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from classifier import ModelMetadata, RoutingModel, SimilarityIndex, load_model
from core.routing import Routing, SimilarIdea

log = logging.getLogger(__name__)

SIMILAR = 3
CHECK_EVERY_S = 10.0


class ModelClassifier:
    """Routes with the model; notices a newly trained model file and swaps it in between requests."""

    def __init__(self, *, model: RoutingModel, threshold: float, path: Path, labels: list[str],
                 stored_ideas: Callable[[], list[tuple[int, str]]],
                 routes_by_hand: Callable[[str | None], bool] = lambda _category: False) -> None:
        self._threshold = threshold
        self._routes_by_hand = routes_by_hand
        self._path = path
        self._labels = labels
        self._stored_ideas = stored_ideas
        self._lock = threading.Lock()
        self._checked_at = time.monotonic()
        self._mtime = self._stat()
        self._model, self._index = model, self._build_index(model)

    @property
    def metadata(self) -> ModelMetadata:
        return self._model.metadata

    def classify(self, text: str, *, exclude: int | None = None) -> Routing:
        self._reload_if_changed()
        model, index = self._model, self._index
        prediction, vector = model.predict_one(text, threshold=self._threshold)
        found = index.query(text, k=SIMILAR, exclude=exclude, vector=vector)
        similar = [SimilarIdea(idea_id=i, score=s) for i, s in found]
        # A category the org routes by hand (classifier.to_triage) goes to the administrators, however sure.
        by_hand = self._routes_by_hand(prediction.service)
        return Routing(focus_area=None if by_hand else prediction.focus_area,
                       confidence=round(float(prediction.confidence), 4), abstained=prediction.abstained or by_hand,
                       sub_topic=None if by_hand else prediction.sub_topic, similar=similar,
                       intent=prediction.intent, service=prediction.service)

    def remember(self, idea_id: int, text: str) -> None:
        self._index.add(idea_id, text)

    def similar(self, text: str, *, k: int) -> list[SimilarIdea]:
        self._reload_if_changed()
        return [SimilarIdea(idea_id=i, score=s) for i, s in self._index.query(text, k=k)]

    def reload(self) -> ModelMetadata:
        """Load the model file now (after `forslagskassa train`); a bad file leaves the running model in place."""
        model = load_model(self._path, expected_labels=self._labels)
        index = self._build_index(model)
        with self._lock:
            self._model, self._index, self._mtime = model, index, self._stat()
        if gc.get_freeze_count():  # `serve` froze the first model out of the GC's walks (cli/serve.py): this one too
            gc.freeze()
        log.info("loaded model %s", model.metadata.version)
        return model.metadata

    def _reload_if_changed(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < CHECK_EVERY_S:
            return
        self._checked_at = now
        if self._stat() != self._mtime:
            try:
                self.reload()
            except Exception:  # a half-written or wrong model must not stop routing with the current one
                log.exception("could not load the new model at %s; keeping %s", self._path,
                              self._model.metadata.version)
                self._mtime = self._stat()

    def _build_index(self, model: RoutingModel) -> SimilarityIndex:
        index = SimilarityIndex(model)
        index.add_many(self._stored_ideas())
        return index

    def _stat(self) -> float | None:
        try:
            return self._path.stat().st_mtime
        except FileNotFoundError:
            return None
