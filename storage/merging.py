"""Merging a duplicate into its original: moving the people attached to an idea, and reading what was merged.

"People attached to an idea" are rows of a table with `idea_id` and `submitter_id` and a unique key on the two:
the supports today, the followers the same way. Each kind is moved by `move_attached`, one statement each way, so
the unique key keeps every person once on the original however the move races a support (core/merging.py retries).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, Table, delete, exists, insert, literal, select
from sqlalchemy.orm import Session

from storage.identities import people_behind
from storage.models import Idea, Identity

KEY_COLUMNS = ("id", "idea_id")


def move_attached(session: Session, model: Any, *, from_idea: int, to_idea: int, add: int | None,
                  skip: Sequence[int]) -> int:
    """Move the rows of `model` (e.g. Support) from `from_idea` to `to_idea`: a person already on `to_idea`, or in
    `skip` (the original's own submitter), is not added twice; `add` (a submitter row) joins them. The rows keep
    their other columns (when someone supported, say). Returns how many people `to_idea` gained."""
    table: Table = model.__table__
    moved, there = table.alias("moved"), table.alias("there")
    carried = [c.name for c in table.c if c.name not in KEY_COLUMNS]
    already = exists().where(there.c.idea_id == to_idea, there.c.submitter_id == moved.c.submitter_id)
    rows = select(literal(to_idea), *(moved.c[name] for name in carried)).where(
        moved.c.idea_id == from_idea, ~already, moved.c.submitter_id.not_in(list(skip)))
    done = session.execute(insert(table).from_select(["idea_id", *carried], rows))
    gained = int(getattr(done, "rowcount", 0) or 0)
    session.execute(delete(table).where(table.c.idea_id == from_idea).execution_options(synchronize_session=False))
    if add is not None and add not in skip:
        on_it = session.scalar(select(table.c.id).where(table.c.idea_id == to_idea, table.c.submitter_id == add))
        if on_it is None:
            session.add(model(idea_id=to_idea, submitter_id=add))
            gained += 1
    session.flush()
    return gained


def same_person(session: Session, submitter_id: int) -> list[int]:
    """The submitter rows known to be the person behind `submitter_id` (linked identities), lowest first: the
    lowest is the one their support is kept on (core/support.py)."""
    ids = {submitter_id}
    for channel, external_id in session.execute(select(Identity.channel, Identity.external_id)
                                                .where(Identity.submitter_id == submitter_id)):
        ids.update(person.id for person in people_behind(session, channel=channel, external_id=external_id))
    return sorted(ids)


def merged_into(session: Session, idea_ids: Sequence[int]) -> dict[int, list[tuple[str, bool]]]:
    """For each of the ideas, the ideas merged into it as (text, shared), oldest first: text only, never who."""
    found: dict[int, list[tuple[str, bool]]] = {}
    if not idea_ids:
        return found
    # Sorted here, not in SQL: asked to order by created_at, SQLite walks the whole created_at index instead of
    # looking the few merged ideas up by ix_ideas_duplicate_of_id (150 ms of a board page at 100,000 ideas).
    for original, text, shared, _ in sorted(session.execute(merged_query(idea_ids)), key=lambda row: row[3]):
        found.setdefault(original, []).append((text, bool(shared)))
    return found


def merged_query(idea_ids: Sequence[int]) -> Select[tuple[int | None, str, bool, datetime]]:
    return (select(Idea.duplicate_of_id, Idea.text, Idea.shared, Idea.created_at)
            .where(Idea.duplicate_of_id.in_(idea_ids)))
