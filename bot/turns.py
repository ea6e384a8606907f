"""A chat turn's unit of work: each call runs one core use case in its own transaction, committed when it
returns. The adapters run these on their database thread (`blocking.py`), never on the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.intake import Draft
from core.presentation import IdeaView, Outcome
from core.services import Services
from core.similar import SimilarShared
from core.steering import Steered
from core.submission import submit as submit_idea
from core.unit_of_work import reading, transaction


def change(services: Services, use_case: Callable[..., Outcome], **arguments: Any) -> IdeaView:
    """Run a use case that changes an idea; the idea as the actor now sees it."""
    with transaction(services) as uow:
        return use_case(uow=uow, **arguments).idea


def write[T](services: Services, use_case: Callable[..., T], **arguments: Any) -> T:
    """Run a use case that writes, and commit."""
    with transaction(services) as uow:
        return use_case(uow=uow, **arguments)


def look[T](services: Services, use_case: Callable[..., T], **arguments: Any) -> T:
    """Run a use case that only reads."""
    with reading(services) as uow:
        return use_case(uow=uow, **arguments)


def submit(services: Services, *, draft: Draft) -> IdeaView | Steered | SimilarShared:
    """A chat message or form becomes an idea: the view a confirmation shows (with similar ideas). Or it is not an
    idea, and where it belongs is the answer (nothing of it was stored). Or, for a draft with `offer_similar`,
    shared ideas like it, for the person to support instead or send theirs (nothing stored yet either)."""
    with transaction(services) as uow:
        done = submit_idea(uow=uow, draft=draft, detail=True)
    return done if isinstance(done, Steered | SimilarShared) else done.idea
