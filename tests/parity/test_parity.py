"""Every use case through every channel that offers it leaves the same idea, events and notifications behind; and
every channel refuses the same person with nothing stored.

The expected record is written once per use case (tests/parity/cases.py); a channel is a driver (drivers.py).
Adding a channel is one driver (conftest.DRIVERS) and its name in OFFERED; adding a use case is one Case and
one OFFERED row.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from storage.models import Channel
from tests.parity.cases import CASES, HERE, OFFERED, REFUSED_TEXT, TEXT, Case, Ctx
from tests.parity.conftest import DRIVERS, Parity
from tests.parity.drivers import OPPVEKST
from tests.parity.records import newest_idea, notified_ideas, written

BY_NAME = {case.use_case: case for case in CASES}


def each(*, refused: bool = False) -> list[object]:
    return [pytest.param(case, channel, id=f"{case.use_case}-{channel}") for case in CASES
            for channel in OFFERED[case.use_case] if not refused or case.refusal]


async def prepare(parity: Parity, case: Case, driver: Any) -> tuple[Ctx, Channel]:
    """The idea the case acts on, set up the same way whichever channel then acts; and where it came from."""
    if case.sends:
        return Ctx(idea=0), driver.idea_channel
    if "someone else's" in case.prepare:
        parity.someone_else()
    earlier = parity.someone_else("Felles vikarordning for helse") if "earlier" in case.prepare else None
    if case.origin is HERE:
        before = parity.mark()
        sent = await driver.submit(TEXT)
        assert sent.ok, sent
        with parity.session() as session:
            idea = newest_idea(session, before)
        assert idea is not None
        origin = driver.idea_channel
    else:
        idea, origin = parity.seed(case.origin), case.origin
    if "accepted" in case.prepare:
        parity.accept(idea)
    if "move requested" in case.prepare:
        parity.ask_to_move(idea, origin)
    return Ctx(idea=idea, earlier=earlier), origin


def test_the_table_names_exactly_what_each_channel_offers() -> None:
    assert set(OFFERED) == set(BY_NAME)
    for driver in DRIVERS:
        offers = {use_case for use_case in OFFERED if hasattr(driver, use_case)}
        assert offers == {use_case for use_case, channels in OFFERED.items() if driver.name in channels}, driver.name


@pytest.mark.parametrize(("case", "channel"), each())
async def test_the_same_outcome_in_every_channel(parity: Parity, case: Case, channel: str) -> None:
    driver = parity.drivers[channel]
    ctx, origin = await prepare(parity, case, driver)
    submitter = parity.submitter_of(ctx.idea)
    before = parity.mark()

    answer = await case.act(driver, ctx, case.actor)

    assert answer.ok and answer.offered, answer
    with parity.session() as session:
        idea = newest_idea(session, before) if case.sends else ctx.idea
        assert idea is not None, "no idea was stored"
        done = written(session, before, idea, earlier=ctx.earlier, submitter_id=submitter)
    assert done == case.expected(origin, answers_in_thread=driver.answers_in_thread)


@pytest.mark.parametrize(("case", "channel"), each(refused=True))
async def test_refused_alike_with_nothing_stored(parity: Parity, case: Case, channel: str) -> None:
    """The commissioner of another area: for staff's use cases the idea is not in their area, for the employee's
    they did not send it; and for sending, a text the rules refuse. Each channel says why in its own words."""
    driver = parity.drivers[channel]
    ctx, _ = await prepare(parity, case, driver)
    before = parity.mark()
    with parity.session() as session:
        unchanged = written(session, before, ctx.idea, earlier=ctx.earlier) if ctx.idea else None

    if case.refusal == "refused text":
        answer = await driver.submit(REFUSED_TEXT)
    else:
        answer = await case.act(driver, ctx, OPPVEKST)

    assert not answer.ok and re.fullmatch(driver.SAYS[case.refusal], answer.said, re.S), answer
    with parity.session() as session:
        assert newest_idea(session, before) is None
        if unchanged is not None:
            assert written(session, before, ctx.idea, earlier=ctx.earlier) == unchanged
        assert notified_ideas(session, before) in ([], [None])  # at most the answer to the person
    assert dataclasses.replace(parity.mark(), outbox=before.outbox) == before  # no event, correction, audit entry
