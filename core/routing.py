"""Where a message goes: a Classifier turns text into an intent, a focus area and similar earlier ideas."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from classifier import IDEA


@dataclass(frozen=True)
class SimilarIdea:
    idea_id: int
    score: float


@dataclass(frozen=True)
class Routing:
    focus_area: str | None
    confidence: float
    abstained: bool
    sub_topic: str | None = None
    similar: list[SimilarIdea] = field(default_factory=list)
    intent: str = IDEA  # anything else is steered away, not stored (core/steering.py)
    service: str | None = None  # the shared service category it reads as, when the model knows them

    @property
    def to_triage(self) -> bool:
        return self.focus_area is None


class Classifier(Protocol):
    def classify(self, text: str, *, exclude: int | None = None) -> Routing:
        """Decide where `text` goes."""
        ...

    def remember(self, idea_id: int, text: str) -> None:
        """Make a stored idea findable as similar to later ones."""
        ...

    def similar(self, text: str, *, k: int) -> list[SimilarIdea]:
        """Up to `k` stored ideas most like `text`, best first: the search behind `Idea.similar`, asked for more
        candidates when the caller filters them (core/similar.py keeps those on the board)."""
        ...


class TriageOnly:
    """Sends everything to the administrators' triage queue: the fallback when no model is available."""

    def classify(self, text: str, *, exclude: int | None = None) -> Routing:
        return Routing(focus_area=None, confidence=0.0, abstained=True)

    def remember(self, idea_id: int, text: str) -> None:
        return None

    def similar(self, text: str, *, k: int) -> list[SimilarIdea]:
        return []
