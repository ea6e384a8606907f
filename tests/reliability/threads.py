"""Jobs released together from a barrier, each in its own thread (and so its own transaction and connection)."""

from __future__ import annotations

import threading
from collections.abc import Callable


def all_at_once(jobs: list[Callable[[], object]]) -> list[object]:
    """Run the jobs in threads released together; each one's result or the error it raised."""
    start, results = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(i: int) -> None:
        try:
            start.wait(timeout=10)
            results[i] = jobs[i]()
        except BaseException as error:  # reported by the test, whatever it is
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def errors(results: list[object]) -> list[BaseException]:
    return [result for result in results if isinstance(result, BaseException)]
