"""Persistence: SQLAlchemy 2.0 models, sessions, queries, statistics and Alembic migrations.

A leaf package: it imports nothing else of ours and gets its database URL from the caller.
"""
