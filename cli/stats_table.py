"""The follow-up statistics as a plain-text table for the terminal, in English like the rest of the CLI."""

from __future__ import annotations

from typing import Any

from core.locale import NO_VALUE, count, number, percent
from core.orgconfig import OrgConfig

EN = "en"


def render(figures: dict[str, Any], org: OrgConfig) -> str:
    lines = [f"{org.municipality} — {count(EN, figures['total'])} ideas", ""]
    lines += _section("Status", figures["by_status"])
    names = {a.id: a.name.nb for a in org.focus_areas}
    lines += _section("Focus area", {names.get(k, k): v for k, v in figures["by_focus_area"].items()})
    lines += _section("Month", figures["by_month"])
    sla = figures["answered_within_sla"]
    lines += _section(
        f"Answered within {figures['sla_days']} days (share of due)",
        {who: percent(EN, s["share"]) + f"  ({count(EN, s['answered_within_sla'])}/{count(EN, s['due'])})"
         for who, s in {"all": sla["overall"], **sla["by_commissioner"]}.items()},
    )
    savings, median = figures["savings"], figures["median_days_to_first_answer"]
    lines += _section("Follow-up", {
        "overdue": count(EN, figures["overdue"]),
        "median days to first answer": NO_VALUE if median is None else number(EN, median, 1),
        "implementation rate": percent(EN, figures["implementation"]["rate"]),
        "estimated savings (NOK)": f"{count(EN, savings['estimated_nok'])} of {count(EN, savings['target_nok'])}",
        "share of target": percent(EN, savings["share_of_target"]),
    })
    return "\n".join(lines)


def _section(title: str, rows: dict[str, Any]) -> list[str]:
    """Rows of a label and a figure; a whole number is a count, anything else is shown as formatted."""
    width = max((len(str(k)) for k in rows), default=0)
    shown = {k: count(EN, v) if isinstance(v, int) else v for k, v in rows.items()}
    return [title, *(f"  {k!s:<{width}}  {v}" for k, v in shown.items()), ""]
