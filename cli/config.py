"""`forslagskassa check-config FILE`: validate an org config before it is deployed."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import org_or_exit
from core.locale import money, percent
from core.orgconfig import OrgConfig
from core.package_figures import area_challenge, area_share


def check_config(file: Path) -> None:
    """Validate an org config file; prints what it holds, how its areas map the shared service categories, its
    phases and units, or what is wrong and where."""
    org = org_or_exit(file)
    typer.echo(f"{file}: OK — {org.municipality}, {len(org.focus_areas)} focus areas, "
               f"{len(org.commissioners)} commissioners, {len(org.administrators)} administrators, "
               f"SLA {org.sla_days} days, target {money('en', org.savings_target_nok)}")
    typer.echo(service_mapping(org))
    typer.echo(phases(org))
    typer.echo(units(org))
    typer.echo(shares(org))


def service_mapping(org: OrgConfig) -> str:
    """The table of focus area -> service categories, or a line saying the org routes on its own examples only."""
    if org.vocabulary is None:
        return "Service categories: not mapped (the model learns from the org's own examples only)"
    rows = [(f"{area.name.nb} ({area.id})", area.services) for area in org.focus_areas]
    if org.classifier.to_triage:
        rows.append(("triage queue", org.classifier.to_triage))
    width = max(len(name) for name, _ in rows)
    lines = [f"Service categories (vocabulary {org.vocabulary.version}, {len(org.vocabulary.ids)} categories):"]
    for name, categories in rows:
        lines.append(f"  {name:<{width}}  {', '.join(categories) or '-'}")
    return "\n".join(lines)


def phases(org: OrgConfig) -> str:
    """The programme's phases: when each gathers ideas, for which budget, and its target."""
    if not org.phases:
        return "Phases: none (ideas belong to no phase)"
    rows = []
    for phase in org.phases:
        years = ", ".join(map(str, phase.budget_years))
        against = f" against {phase.baseline_year}" if phase.baseline_year is not None else ""
        rows.append((f"{phase.name.nb} ({phase.id})", f"{phase.starts} to {phase.deadline}",
                     f"budget {years}{against}", f"target {money('en', phase.savings_target_nok)}"))
    return "\n".join(["Phases (open from the first day to the deadline):", *_table(rows)])


def units(org: OrgConfig) -> str:
    """The units, each with its area, annual budget, savings challenge and leader, and the sum of the challenges."""
    if not org.units:
        return "Units: none"
    rows = [(f"{unit.name.nb} ({unit.id})", unit.focus_area, f"budget {money('en', unit.annual_budget_nok)}",
             f"challenge {percent('en', unit.challenge_percent / 100)} = {money('en', unit.challenge_nok)}",
             f"leader {org.leader_name(unit)}" if unit.leader else "")
            for unit in org.units]
    total = money("en", sum(unit.challenge_nok for unit in org.units))
    return "\n".join([f"Units ({len(org.units)}, challenged to save {total} together):", *_table(rows)])


def shares(org: OrgConfig) -> str:
    """Each area's share of each phase's target, which its package is measured against, and when reminders go."""
    if not org.phases:
        return "Area packages: no phases"
    days = org.packages.reminder_days
    when = f"reminders {days} days before the deadline" if days else "no reminders"
    rows = [(phase.id, f"{area.name.nb} ({area.id})", f"share {money('en', area_share(org, phase, area.id))}",
             "as named" if area.id in phase.area_shares else "by the units' budgets",
             f"units' challenges {money('en', area_challenge(org, area.id))}")
            for phase in org.phases for area in org.focus_areas]
    return "\n".join([f"Area packages ({when}):", *_table(rows)])


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows]
