"""Synthetic ideas in bulk, for benchmarks and demonstrations (`forslagskassa seed`), never for production data.

A realistic spread: ideas over the last months from a few thousand employees on every channel, focus areas with
their commissioners and a share in the triage queue, every status with answer times, savings on accepted ideas,
the events and outbox rows the real flow would have written, and a few reroutes by hand. Rows go in with
multi-row INSERTs in chunks: 100,000 ideas take well under a minute. Plain data in: no org config, no classifier.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.orm import Session

from storage.models import (
    Channel,
    Correction,
    Event,
    EventKind,
    Idea,
    Identity,
    OutboxMessage,
    OutboxState,
    Status,
    Submitter,
    Support,
    utcnow,
)
from storage.participation import rebuild as rebuild_participation

CHUNK = 5_000
EMPLOYEES_PER_IDEA = 0.03  # 100,000 ideas from 3,000 people: a large municipality over two years
TRIAGE_SHARE = 0.08
ANONYMOUS_SHARE = 0.2
REROUTED_SHARE = 0.03
DEAD_SHARE = 0.005
SHARED_SHARE = 0.3  # shared with colleagues (what the board shows under `sharing: opt_in`)
MAX_SUPPORTERS = 60  # supporters per shared idea: most have none or a few, some many (a Pareto tail)
CHANNELS = ((Channel.WEB, 0.25), (Channel.API, 0.05), (Channel.SLACK, 0.35), (Channel.TEAMS, 0.35))
# Where an idea of a given age has got to: (status, weight); the young ones are mostly still waiting.
STATUSES_NEW = ((Status.RECEIVED, 0.7), (Status.IN_REVIEW, 0.25), (Status.WITHDRAWN, 0.05))
STATUSES_OLD = ((Status.RECEIVED, 0.06), (Status.IN_REVIEW, 0.14), (Status.ACCEPTED, 0.2),
                (Status.IMPLEMENTED, 0.15), (Status.DECLINED, 0.33), (Status.DUPLICATE, 0.1),
                (Status.WITHDRAWN, 0.02))
NEW = timedelta(days=21)


class NotEmpty(Exception):
    """The database already holds ideas; seeding it would mix made-up ideas into real ones."""


@dataclass(frozen=True)
class Area:
    id: str
    commissioner: str | None


@dataclass(frozen=True)
class Seeded:
    ideas: int
    submitters: int
    events: int
    outbox: int


def count_ideas(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Idea)) or 0


def seed(engine: Engine, *, ideas: int, areas: Sequence[Area], texts: Sequence[str], months: int = 24,
         force: bool = False, now: datetime | None = None, rng: random.Random | None = None) -> Seeded:
    """Insert `ideas` synthetic ideas (texts drawn from `texts`) in one transaction. Refuses unless the
    database has no ideas yet, or `force`."""
    if not force and (found := count_ideas(engine)):
        raise NotEmpty(f"the database already holds {found} ideas; seed only an empty one (or pass --force)")
    rng = rng or random.Random(2026)
    now = now or utcnow()
    with Session(engine) as session, session.begin():
        people = _submitters(session, max(1, int(ideas * EMPLOYEES_PER_IDEA)), rng)
        first = _next_id(session, Idea)
        made = [{"id": first + n, **_idea(rng, now=now, months=months, areas=areas, texts=texts, people=people)}
                for n in range(ideas)]
        _insert(session, Idea, made)
        events = _insert(session, Event, [e for row in made for e in _events(row)])
        outbox = _insert(session, OutboxMessage, [m for row in made for m in _outbox(row, rng)])
        _insert(session, Correction, [_correction(row, areas, rng) for row in made if rng.random() < REROUTED_SHARE])
        _insert(session, Support, [s for row in made if row["shared"] for s in _supports(row, people, rng, now)])
        # Bulk inserts pass no listener: who took part is written from what was inserted.
        rebuild_participation(session)
        _advance_sequences(session)
    _analyze(engine)
    return Seeded(ideas=ideas, submitters=len(people), events=events, outbox=outbox)


def _submitters(session: Session, count: int, rng: random.Random) -> list[tuple[int, Channel]]:
    first = _next_id(session, Submitter)
    people = [(first + n, _weighted(rng, CHANNELS)) for n in range(count)]
    _insert(session, Submitter, [{"id": i, "display_name": f"Ansatt {i:05d}", "email": f"ansatt{i:05d}@example.no",
                                  "locale": "nb", "created_at": utcnow(), "erased_at": None} for i, _ in people])
    _insert(session, Identity, [{"submitter_id": i, "channel": Channel.WEB if c is Channel.API else c,
                                 "external_id": f"seed-{i}", "address": None, "created_at": utcnow()}
                                for i, c in people])
    return people


def _next_id(session: Session, model: type[Idea] | type[Submitter]) -> int:
    # Ids are given here, not returned by the database: a multi-row INSERT then stays one statement per chunk.
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _analyze(engine: Engine) -> None:
    """Fresh statistics for the query planner, as after any bulk load; PostgreSQL's VACUUM also marks the new
    pages all-visible, so index-only scans need not visit the table (autovacuum would, some minutes later)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
        return
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def _advance_sequences(session: Session) -> None:
    """PostgreSQL's id sequences do not see ids given by hand; the next real idea must not collide with these."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in (Idea.__tablename__, Submitter.__tablename__):
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))


def _idea(rng: random.Random, *, now: datetime, months: int, areas: Sequence[Area], texts: Sequence[str],
          people: Sequence[tuple[int, Channel]]) -> dict[str, Any]:
    created = now - timedelta(days=rng.uniform(0, months * 30.4))
    area = None if rng.random() < TRIAGE_SHARE else rng.choice(areas)
    status = _weighted(rng, STATUSES_NEW if now - created < NEW else STATUSES_OLD)
    answered = None
    if status not in (Status.RECEIVED, Status.WITHDRAWN):
        answered = min(now, created + timedelta(days=rng.lognormvariate(1.8, 0.9)))
    saving = rng.choice((None, rng.randrange(10, 2_000) * 1_000)) if status in (Status.ACCEPTED,
                                                                                  Status.IMPLEMENTED) else None
    # Most implemented ideas with an estimate have what they saved measured too, near the estimate.
    realised = round(saving * rng.uniform(0.5, 1.2)) if saving and status is Status.IMPLEMENTED \
        and rng.random() < 0.6 else None
    submitter, channel = rng.choice(people)
    text = rng.choice(texts)
    return {"text": text, "title": None, "focus_area": area.id if area else None,
            "commissioner": area.commissioner if area else None, "confidence": round(rng.uniform(0.3, 0.99), 4),
            "abstained": area is None, "status": status, "anonymous": rng.random() < ANONYMOUS_SHARE,
            "channel": channel, "submitter_id": submitter, "estimated_saving_nok": saving, "similar": None,
            "realised_saving_nok": realised, "realised_on": (answered or now).date() if realised else None,
            "shared": rng.random() < SHARED_SHARE,
            "created_at": created, "updated_at": answered or created, "first_answered_at": answered,
            # What the model's listener keeps for rows written through the ORM; a Core INSERT must give it.
            "days_to_first_answer": (answered - created) / timedelta(days=1) if answered else None}


def _events(idea: dict[str, Any]) -> list[dict[str, Any]]:
    # Every row names every column: a multi-row INSERT takes its columns from the first row.
    events = [{"idea_id": idea["id"], "kind": EventKind.RECEIVED, "actor": "submitter", "from_value": None,
               "to_value": idea["focus_area"], "note": None, "created_at": idea["created_at"]}]
    if idea["status"] is not Status.RECEIVED:
        actor = "submitter" if idea["status"] is Status.WITHDRAWN else f"commissioner:{idea['commissioner']}"
        events.append({"idea_id": idea["id"], "kind": EventKind.STATUS_CHANGED, "actor": actor,
                       "from_value": Status.RECEIVED.value, "to_value": idea["status"].value, "note": None,
                       "created_at": idea["first_answered_at"] or idea["updated_at"]})
    return events


def _outbox(idea: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """What the flow queued for a chat idea: the confirmation, the commissioner's card, the status change."""
    if idea["channel"] not in (Channel.SLACK, Channel.TEAMS):
        return []
    kinds = ["idea_received", "idea_routed"] + (["status_changed"] if idea["first_answered_at"] else [])
    rows = []
    for kind in kinds:
        dead = rng.random() < DEAD_SHARE
        rows.append({"idea_id": idea["id"], "kind": kind, "channel": idea["channel"],
                     "recipient": f"submitter:{idea['submitter_id']}", "payload": {},
                     "state": OutboxState.DEAD if dead else OutboxState.DELIVERED, "attempts": 30 if dead else 1,
                     "last_error": "channel_not_found" if dead else None, "next_attempt_at": idea["created_at"],
                     "created_at": idea["created_at"], "delivered_at": None if dead else idea["created_at"]})
    return rows


def _supports(idea: dict[str, Any], people: Sequence[tuple[int, Channel]], rng: random.Random,
              now: datetime) -> list[dict[str, Any]]:
    """Colleagues' support of a shared idea, each person once and never its submitter, after it came."""
    wanted = min(MAX_SUPPORTERS, int(rng.paretovariate(1.2)) - 1, len(people) - 1)
    chosen = {person for person, _ in rng.sample(people, wanted + 1) if person != idea["submitter_id"]}
    span = (now - idea["created_at"]).total_seconds()
    return [{"idea_id": idea["id"], "submitter_id": person,
             "created_at": idea["created_at"] + timedelta(seconds=rng.uniform(0, span))}
            for person in sorted(chosen)[:wanted]]


def _correction(idea: dict[str, Any], areas: Sequence[Area], rng: random.Random) -> dict[str, Any]:
    return {"idea_id": idea["id"], "text": idea["text"], "focus_area": idea["focus_area"] or rng.choice(areas).id,
            "predicted": rng.choice(areas).id, "actor": "admin:seed", "created_at": idea["created_at"]}


def _insert(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> int:
    """Core INSERTs of the table, not the ORM's bulk path, which splits rows by their None values into many."""
    for chunk in _chunks(rows):
        session.execute(insert(model.__table__), chunk)
    return len(rows)


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def _weighted[T](rng: random.Random, choices: Sequence[tuple[T, float]]) -> T:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]
