"""The baseline for bench/load.py: the least a FastAPI + SQLAlchemy service does to store a posted idea.

One table, one ORM insert per request in a sync endpoint (FastAPI's thread pool, like ours), the same database
kind, the same uvicorn settings. SQLite gets the settings any SQLite web service needs under concurrent writers
(WAL, a busy timeout); nothing else. `python bench/bare_app.py DATABASE_URL PORT [PROCESSES]`: several server
processes, as `forslagskassa serve --workers`, on PostgreSQL.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import DateTime, Engine, String, Text, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class BareIdea(Base):
    __tablename__ = "bare_ideas"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=lambda: datetime.now(UTC))


class IdeaIn(BaseModel):
    text: str
    title: str | None = None
    anonymous: bool = False


def make_engine(url: str) -> Engine:
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _wal)
    return engine


def from_environment() -> FastAPI:
    """The app of one server process; the table is made once, before the processes start."""
    return create_app(make_engine(os.environ["BARE_DATABASE_URL"]))


def create_app(engine: Engine) -> FastAPI:
    app = FastAPI()

    @app.get("/healthz")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/ideas", status_code=201)
    def create(body: IdeaIn) -> dict[str, Any]:
        with Session(engine) as session:
            idea = BareIdea(text=body.text, title=body.title)
            session.add(idea)
            session.commit()
            return {"id": idea.id, "text": idea.text, "created_at": idea.created_at}

    return app


def _wal(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


if __name__ == "__main__":
    database_url, port, processes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1
    Base.metadata.create_all(make_engine(database_url))
    os.environ["BARE_DATABASE_URL"] = database_url
    uvicorn.run("bare_app:from_environment", factory=True, app_dir=str(Path(__file__).parent), workers=processes,
                host="127.0.0.1", port=port, log_level="warning")
