"""One thread for a chat adapter's database and classifier work, so the event loop stays free to answer.

Routing an idea and storing it takes milliseconds of CPU, and a database step can wait for SQLite's write lock;
done on the event loop, that would hold up every other request the server is answering (Slack's three-second
acknowledgements, Teams' invokes, the web pages). One thread per adapter, not a pool: SQLite takes one writer at a
time anyway, units of work never contend with each other, and it is ample for a municipality (dozens of ideas a
second).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Blocking:
    def __init__(self, name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{name}-db")

    async def __call__(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    async def step(self, fn: Callable[[], Any]) -> Any:
        """The shape core.outbox.deliver_due's `run_sync` takes."""
        return await self(fn)
