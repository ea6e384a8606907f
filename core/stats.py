"""The follow-up figures administrators steer by, assembled from SQL aggregates and the org config; the savings
programme's progress per phase, area and unit comes from core/progress.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from core import progress
from core.locale import day_of
from core.orgconfig import OrgConfig
from core.package_views import standings
from core.participation import most_supported, participation
from storage import stats as sql
from storage.models import PackageState, utcnow
from storage.queries import steered_by_month as steered_counts

TRIAGE = "triage"


def follow_up(*, session: Session, org: OrgConfig, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    groups = sql.idea_groups(session, sla_days=org.sla_days)
    total = sql.total(groups)
    shares = sql.sla_shares(session, groups, sla_days=org.sla_days, now=now)
    implemented, accepted = sql.implementation_counts(groups)
    savings = sql.savings_by_focus_area(groups)
    saved = sum(savings.values())
    rerouted = sql.count_rerouted_by_hand(session)
    return {
        "total": total,
        "sla_days": org.sla_days,
        "by_status": sql.count_by_status(groups),
        "by_focus_area": {(k or TRIAGE): v for k, v in sql.count_by_focus_area(groups).items()},
        "by_month": sql.count_by_month(session),
        "overdue": sql.count_overdue(session, sla_days=org.sla_days, now=now),
        "median_days_to_first_answer": sql.median_days_to_first_answer(session, groups),
        "answered_within_sla": {
            "overall": _share(sql.SlaShare(sum(s.due for s in shares.values()),
                                           sum(s.answered_within for s in shares.values()))),
            "by_commissioner": {(who or TRIAGE): _share(s) for who, s in shares.items()},
        },
        "implementation": {"implemented": implemented, "accepted_or_implemented": accepted,
                           "rate": round(implemented / accepted, 4) if accepted else None},
        "savings": {
            "target_nok": org.savings_target_nok,
            "estimated_nok": saved,
            "share_of_target": round(saved / org.savings_target_nok, 4) if org.savings_target_nok else None,
            "by_focus_area": {(k or TRIAGE): v for k, v in savings.items()},
        },
        "routing": {"rerouted_by_hand": rerouted,
                    "share_rerouted": round(rerouted / total, 4) if total else None},
        "outbox": sql.outbox_counts(session),
        "steered_by_month": steered_by_month(session),
        **progress.figures(session=session, org=org, today=day_of(now)),  # phases, areas, units
        "packages": package_figures(session, org),
        "participation": participation(session=session, org=org, now=now),
        "most_supported": most_supported(session=session),
    }


def package_figures(session: Session, org: OrgConfig) -> dict[str, dict[str, dict[str, Any]]]:
    """Each phase's area packages: their state, the sum in the target year (the phase's last budget year), the
    part of it adopted by the council, against the area's share and its units' challenges."""
    figures: dict[str, dict[str, dict[str, Any]]] = {}
    for phase in org.phases:
        figures[phase.id] = {s.focus_area: {
            "state": s.state.value, "target_year": s.figures.target_year, "packaged_nok": s.figures.packaged_nok,
            "adopted_nok": s.figures.packaged_nok if s.state is PackageState.ADOPTED else 0,
            "share_nok": s.figures.share_nok, "challenge_nok": s.figures.challenge_nok,
            "gap_to_share_nok": s.figures.gap_to_share_nok} for s in standings(session, org, phase)}
    return figures


def steered_by_month(session: Session) -> list[dict[str, Any]]:
    """Messages that were not ideas, per month and intent (counts only: the messages are kept nowhere)."""
    months: dict[str, dict[str, int]] = {}
    for month, intent, count in steered_counts(session):
        months.setdefault(month, {})[intent] = count
    return [{"month": month, "counts": counts} for month, counts in months.items()]


def _share(share: sql.SlaShare) -> dict[str, Any]:
    return {"due": share.due, "answered_within_sla": share.answered_within, "share": share.share}
