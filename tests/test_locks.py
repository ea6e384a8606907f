"""The lock files pin what pyproject.toml asks for: a dependency added without `make lock` fails here, not in a
Docker build or on a fresh machine."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^ ;\\]+)")


def pins(lock: str) -> dict[str, tuple[Version, int]]:
    """Package -> (pinned version, number of hashes) as the lock file has them."""
    found: dict[str, tuple[Version, int]] = {}
    name = None
    for line in (ROOT / lock).read_text().splitlines():
        if match := PIN.match(line):
            name = canonicalize_name(match.group(1))
            found[name] = (Version(match.group(2)), 0)
        elif name and line.strip().startswith("--hash=sha256:"):
            version, hashes = found[name]
            found[name] = (version, hashes + 1)
    return found


def wanted(*, dev: bool) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + (project["optional-dependencies"]["dev"] if dev else [])
    return [Requirement(spec) for spec in listed]


@pytest.mark.parametrize(("lock", "dev"), [("requirements.lock", False), ("requirements-dev.lock", True)])
def test_every_dependency_is_pinned_with_hashes_in_range(lock: str, dev: bool) -> None:
    pinned = pins(lock)
    for requirement in wanted(dev=dev):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement} is in pyproject.toml but not in {lock}: run `make lock`"
        version = pinned[name][0]
        assert requirement.specifier.contains(version, prereleases=True), \
            f"{lock} pins {name}=={version}, outside {requirement}: run `make lock`"
    assert all(hashes for _, hashes in pinned.values()), f"{lock} has pins without hashes"


def test_tests_run_on_the_versions_the_image_ships() -> None:
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    differing = {name: (str(v), str(dev[name][0])) for name, (v, _) in runtime.items()
                 if name in dev and dev[name][0] != v}
    assert not differing, f"the dev lock differs from the runtime lock: {differing}"
    assert set(runtime) <= set(dev)
