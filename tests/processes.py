"""Servers in processes of their own on 127.0.0.1, for tests that kill them and for the benchmarks: started,
waited for (`GET /healthz`), stopped, or SIGKILLed."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
# `forslagskassa serve`; "{port}" is filled in per process.
SERVE = [sys.executable, "-m", "cli.main", "serve", "--host", "127.0.0.1", "--port", "{port}"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """`command` (with "{port}" in it) run from the repository root with exactly `env`, its output in `log`.
    The port stays the same across restarts, so clients can reconnect after a kill."""

    def __init__(self, command: list[str], env: Mapping[str, str], log: Path, *, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._command = [part.replace("{port}", str(self.port)) for part in command]
        self._env = dict(env)
        self._log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, *, timeout: float = 120.0) -> ServerProcess:
        with self._log.open("ab") as log:
            self.process = subprocess.Popen(self._command, cwd=ROOT, env=self._env, stdout=log,
                                            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not self._healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self._command[0]} did not start; its log:\n{self._log.read_text()[-4000:]}")
            time.sleep(0.05)
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no flush, no goodbye to the database — as a power cut looks to the process."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _healthy(self) -> bool:
        try:
            return httpx.get(self.url + "/healthz", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False
