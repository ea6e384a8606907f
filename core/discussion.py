"""An idea's discussion page, read in one go: the idea as it is on the board, its comments, whether the reader
follows it, and how the reader's comment would be signed (core/actors.py decides each)."""

from __future__ import annotations

from dataclasses import dataclass

from core import comments, following
from core.actors import Actor, may_moderate, require_discussion, voice_of
from core.support import BoardItem, board_item
from core.unit_of_work import UnitOfWork
from storage.models import Voice
from storage.queries import get_idea


@dataclass(frozen=True)
class Discussion:
    item: BoardItem
    comments: list[comments.CommentView]
    following: bool
    voice: Voice  # how the reader's comment is signed
    moderates: bool  # the reader may hide comments and see hidden ones

    @property
    def official(self) -> list[comments.CommentView]:
        """The handler's answers, shown above the rest of the discussion."""
        return [c for c in self.comments if c.voice is Voice.HANDLER and not c.hidden]


def discussion(*, uow: UnitOfWork, actor: Actor, idea_id: int) -> Discussion:
    idea = require_discussion(uow.org, get_idea(uow.session, idea_id), idea_id)
    return Discussion(item=board_item(uow=uow, actor=actor, idea=idea),
                      comments=comments.comments(uow=uow, actor=actor, idea_id=idea.id),
                      following=following.is_following(uow=uow, actor=actor, idea_id=idea.id),
                      voice=voice_of(uow.session, actor, uow.org, idea), moderates=may_moderate(actor))
