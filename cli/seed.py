"""`forslagskassa seed`: synthetic ideas in bulk for benchmarks and demonstrations (see storage/seed.py)."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from cli.common import fail, org_or_exit, settings_or_exit


def seed(
    ideas: Annotated[int, typer.Option(min=1, max=10_000_000, help="How many ideas to make.")] = 100_000,
    months: Annotated[int, typer.Option(min=1, max=120, help="Spread them over this many months back.")] = 24,
    force: Annotated[bool, typer.Option(help="Also into a database that already holds ideas.")] = False,
) -> None:
    """Fill the database with synthetic ideas, for benchmarks and demos. Refuses a database that holds ideas."""
    # Imported here: the classifier and the database stack are only loaded by the commands that need them.
    from classifier import load_examples
    from storage.db import make_engine
    from storage.migrate import upgrade
    from storage.seed import Area, NotEmpty
    from storage.seed import seed as seed_ideas

    settings = settings_or_exit()
    org = org_or_exit(settings.org_config)
    upgrade(settings.resolved_database_url)
    areas = [Area(a.id, c.id if (c := org.commissioner_for(a.id)) else None) for a in org.focus_areas]
    examples = org.examples_path()
    texts = [e.text for e in load_examples(examples)] if examples else ["Et forslag til forbedring"]
    engine = make_engine(settings.resolved_database_url)
    started = time.perf_counter()
    try:
        made = seed_ideas(engine, ideas=ideas, areas=areas, texts=texts, months=months, force=force)
    except NotEmpty as error:
        raise fail(str(error)) from None
    finally:
        engine.dispose()
    typer.echo(f"seeded {made.ideas} ideas from {made.submitters} employees ({made.events} events, "
               f"{made.outbox} outbox rows) in {time.perf_counter() - started:.1f} s")
