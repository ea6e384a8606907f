"""No import cycle between any two of our modules. import-linter's `acyclic_siblings` contract (pyproject.toml)
only compares modules under one parent; this also catches a package's __init__ in a cycle with its own modules.
Imports inside functions and under TYPE_CHECKING count: they hide a cycle, they do not remove it."""

from __future__ import annotations

import grimp

PACKAGES = ("api", "bot", "cli", "classifier", "core", "storage")


def test_no_module_is_part_of_an_import_cycle() -> None:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)

    cycles = sorted(
        (importer, imported, graph.find_shortest_chain(importer=imported, imported=importer))
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
        if graph.chain_exists(importer=imported, imported=importer)
    )

    assert not cycles, "import cycles:\n" + "\n".join(
        f"  {importer} -> {' -> '.join(back or ())}" for importer, _, back in cycles)
