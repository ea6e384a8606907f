"""The texts merged into a board page's ideas are looked up by their original's number, never found by walking
every idea: the board stays fast at 100,000 ideas. The plan asked is SQLite's, on a database of its own."""

from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from storage.db import make_engine
from storage.merging import merged_query
from storage.models import Base


def test_the_merged_texts_are_looked_up_by_the_duplicate_index(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    Base.metadata.create_all(engine)
    statement = merged_query([101, 102, 103]).compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    with engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {statement}")))
    engine.dispose()
    assert "USING INDEX ix_ideas_duplicate_of_id" in plan and "SCAN" not in plan
