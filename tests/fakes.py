"""Stand-ins for the parts a test is not about: a classifier with a fixed answer, a notifier that records."""

from __future__ import annotations

import dataclasses
import re

from core.outbox import DeliveryFailed, Notification
from core.routing import Routing, SimilarIdea


class StaticClassifier:
    """Routes every idea to `focus_area` (None: the triage queue) and remembers what it was told."""

    def __init__(self, focus_area: str | None = None, confidence: float = 0.9, intent: str = "idea",
                 service: str | None = None) -> None:
        self.focus_area = focus_area
        self.service = service  # the shared service category every idea is read as
        self.confidence = confidence
        self.intent = intent  # what every message is taken for: "idea", or an intent to steer it to
        self.remembered: list[tuple[int, str]] = []

    def classify(self, text: str, *, exclude: int | None = None) -> Routing:
        if self.intent != "idea":
            return Routing(focus_area=None, confidence=0.0, abstained=True, intent=self.intent)
        return Routing(focus_area=self.focus_area, confidence=self.confidence if self.focus_area else 0.1,
                       abstained=self.focus_area is None, service=self.service)

    def remember(self, idea_id: int, text: str) -> None:
        self.remembered.append((idea_id, text))

    def similar(self, text: str, *, k: int) -> list[SimilarIdea]:
        """What `classify` calls similar, so a subclass that names similar ideas names them here too."""
        return self.classify(text).similar[:k]


class OverlapClassifier(StaticClassifier):
    """Like StaticClassifier, and names as similar the ideas it was told of that share words with a text: the share
    of words in common (Jaccard), from 0.25 as the real index does. Unrelated texts have none; an idea told of
    twice counts once, as the real index replaces it."""

    def classify(self, text: str, *, exclude: int | None = None) -> Routing:
        routing = super().classify(text, exclude=exclude)
        if routing.intent != "idea":
            return routing
        return dataclasses.replace(routing, similar=self._alike(text, k=3, exclude=exclude))

    def similar(self, text: str, *, k: int) -> list[SimilarIdea]:
        return self._alike(text, k=k, exclude=None)

    def _alike(self, text: str, *, k: int, exclude: int | None) -> list[SimilarIdea]:
        words = _words(text)
        scored = [(idea_id, len(words & _words(known)) / len(words | _words(known)))
                  for idea_id, known in dict(self.remembered).items() if idea_id != exclude and words]
        best = sorted(((i, s) for i, s in scored if s >= 0.25), key=lambda pair: (-pair[1], pair[0]))
        return [SimilarIdea(idea_id=i, score=round(s, 3)) for i, s in best[:k]]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


class FakeNotifier:
    """Records deliveries; `fail_next` makes the next deliveries fail like a platform would."""

    def __init__(self) -> None:
        self.delivered: list[Notification] = []
        self.failures: list[DeliveryFailed] = []

    def fail_next(self, *errors: DeliveryFailed) -> None:
        self.failures.extend(errors)

    async def deliver(self, notification: Notification) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.delivered.append(notification)
