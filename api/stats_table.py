"""The follow-up statistics as a plain-text table for the terminal."""

from __future__ import annotations

from typing import Any

from core.orgconfig import OrgConfig


def render(figures: dict[str, Any], org: OrgConfig) -> str:
    lines = [f"{org.municipality} — {figures['total']} ideas", ""]
    lines += _section("Status", figures["by_status"])
    names = {a.id: a.name.nb for a in org.focus_areas}
    lines += _section("Focus area", {names.get(k, k): v for k, v in figures["by_focus_area"].items()})
    lines += _section("Month", figures["by_month"])
    sla = figures["answered_within_sla"]
    lines += _section(
        f"Answered within {figures['sla_days']} days (share of due)",
        {who: _percent(s["share"]) + f"  ({s['answered_within_sla']}/{s['due']})"
         for who, s in {"all": sla["overall"], **sla["by_commissioner"]}.items()},
    )
    savings = figures["savings"]
    lines += _section("Follow-up", {
        "overdue": figures["overdue"],
        "median days to first answer": figures["median_days_to_first_answer"] if figures[
            "median_days_to_first_answer"] is not None else "–",
        "implementation rate": _percent(figures["implementation"]["rate"]),
        "estimated savings (NOK)": f"{savings['estimated_nok']:,} of {savings['target_nok']:,}".replace(",", " "),
        "share of target": _percent(savings["share_of_target"]),
    })
    return "\n".join(lines)


def _section(title: str, rows: dict[str, Any]) -> list[str]:
    width = max((len(str(k)) for k in rows), default=0)
    return [title, *(f"  {k!s:<{width}}  {v}" for k, v in rows.items()), ""]


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f} %"
