"""Similar ideas while writing: shared ideas like the one being written, to support instead of sending it again.

The web form asks as the person types (`similar_shared`); a chat asks once, before the idea is stored
(`offer`, called by core/submission.py after the classifier said it is an idea: a message steered elsewhere never
gets here). Only ideas on the board are shown (core/actors.py), only open ones (they still take support), never
the person's own, and only when they are alike enough; with `sharing: off` nothing is looked up.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.actors import Actor, board_ideas, employee
from core.intake import MAX_TEXT, Draft
from core.orgconfig import Sharing
from core.reach import first_time
from core.support import BoardItem, board_items
from core.textcheck import tidy
from core.unit_of_work import UnitOfWork
from storage.board import ideas_among

SHOWN = 3
# Cosine of the classifier's text vectors. The commissioner's card lists anything from 0.25 (a hint to look);
# asking a person to give up their own idea takes a closer likeness.
MIN_SCORE = 0.35
# Asked for more than are shown: most stored ideas are not on the board, and those are filtered out after.
CANDIDATES = 30
MIN_CHARS = 12  # a few words: fewer say too little to compare


@dataclass(frozen=True)
class SimilarShared:
    """Not stored yet: shared ideas like this one, for the person to support one of them or send theirs anyway.
    `repeated`: the same delivery was answered so already (a chat platform's retry)."""

    items: list[BoardItem]
    repeated: bool = False


def similar_shared(*, uow: UnitOfWork, actor: Actor, text: str, limit: int = SHOWN) -> list[BoardItem]:
    """Up to `limit` open ideas on the board most like `text`, best first, leaving out the reader's own."""
    words = tidy(text) if isinstance(text, str) else None
    if uow.org.sharing is Sharing.OFF or not words or len(words) < MIN_CHARS:
        return []
    found = [s for s in uow.classifier.similar(words[:MAX_TEXT], k=CANDIDATES) if s.score >= MIN_SCORE]
    shared = {idea.id: idea for idea in ideas_among(uow.session, where=board_ideas(uow.org),
                                                    idea_ids=[s.idea_id for s in found])}
    ordered = [shared[s.idea_id] for s in found if s.idea_id in shared]
    return [item for item in board_items(uow, actor, ordered) if item.open and not item.mine][:limit]


def offer(*, uow: UnitOfWork, draft: Draft) -> SimilarShared | None:
    """Before a chat stores an idea: the shared ideas like it, or None to store it as usual."""
    person = employee(draft.submitter.channel, draft.submitter.external_id)
    items = similar_shared(uow=uow, actor=person, text=draft.text)
    if not items:
        return None
    repeated = draft.source_key is not None and not first_time(uow=uow, key=f"similar:{draft.source_key}"[:200])
    return SimilarShared(items=items, repeated=repeated)
