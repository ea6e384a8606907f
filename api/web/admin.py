"""The administrators' pages: the follow-up dashboard (the same figures as GET /api/v1/stats) and the org config."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from api.deps import ServicesDep, UnitOfWorkDep, UnitOfWorkRoute
from api.web import charts, texts
from api.web.display import Labels, deadline
from api.web.pages import AdminUserDep, labels_for, render
from core import reading
from core.orgconfig import OrgConfigError, load_org_config
from core.stats import follow_up
from storage.models import Channel, OutboxMessage, utcnow
from storage.stats import dead_letters

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/admin", include_in_schema=False)
OVERDUE_SHOWN = 100
DEAD_SHOWN = 50
STAFF_ID_FIELD = {Channel.SLACK: "slack_user_id", Channel.TEAMS: "teams_aad_id"}
# A cross-validated figure of the model (classifier/crossval.py): a name, and the threshold it was taken at.
METRIC = re.compile(r"^(?P<name>[a-z0-9_]+)(?:@(?P<threshold>[0-9]+(?:\.[0-9]+)?))?$")
SHARES = frozenset({"accuracy", "coverage"})  # read as a percentage
COUNTS = frozenset({"folds"})  # whole numbers


@router.get("", response_class=HTMLResponse)
def dashboard(request: Request, admin: AdminUserDep, services: ServicesDep, uow: UnitOfWorkDep) -> HTMLResponse:
    org, session = services.org, uow.session
    now = utcnow()
    figures = follow_up(session=session, org=org, now=now)
    labels = labels_for(request)
    overdue = reading.overdue(uow=uow, actor=admin, now=now, page_size=OVERDUE_SHOWN)
    late = [(idea, labels.heading(idea), deadline(idea, sla_days=org.sla_days, now=now)) for idea in overdue.items]
    dead = [(row, _kind(row, labels), _recipient(row, labels)) for row in dead_letters(session, limit=DEAD_SHOWN)]
    model = getattr(services.classifier, "metadata", None)
    return render(request, "admin.html", figures=figures, charts=_charts(figures, labels), overdue=late,
                  overdue_total=overdue.total, model=model, model_rows=_model_rows(model, labels), dead=dead)


def _model_rows(model: Any, labels: Labels) -> list[tuple[str, str, str]]:
    """(key, what it is called, its value) for the model's facts, in words and formats people read."""
    if model is None:
        return []
    try:
        trained = labels.date(datetime.fromisoformat(model.trained_at))
    except ValueError:
        trained = model.trained_at
    rows = [("trained", labels.t("admin.model_trained"), trained),
            ("examples", labels.t("admin.model_examples"),
             f"{labels.count(model.n_examples)} / {labels.count(model.n_corrections)}")]
    return rows + [(key, *_metric(key, value, labels)) for key, value in model.cv_metrics.items()]


def _metric(key: str, value: float, labels: Labels) -> tuple[str, str]:
    found = METRIC.match(key)
    name, threshold = (found["name"], found["threshold"]) if found else (key, None)
    text_key = f"admin.metric.{name}{'_at' if threshold else ''}"
    if text_key in texts.TEXTS:
        places = len(threshold.partition(".")[2]) if threshold else 0
        label = labels.t(text_key, threshold=labels.number(float(threshold), places) if threshold else "")
    else:
        label = key  # a figure a newer classifier added: its own name rather than nothing
    if name in SHARES:
        return label, labels.percent(value)
    if name in COUNTS or float(value).is_integer():
        return label, labels.count(round(value))
    return label, labels.number(value, 3)


def _kind(row: OutboxMessage, labels: Labels) -> str:
    key = f"outbox.{row.kind}"
    return labels.t(key) if key in texts.TEXTS else row.kind


def _recipient(row: OutboxMessage, labels: Labels) -> str:
    """Who a dead letter was for: staff by name, a channel by id, a submitter only as "the submitter" (never who)."""
    kind, _, target = row.recipient.partition(":")
    if kind == "user" and row.channel in STAFF_ID_FIELD:
        found = labels.org.person_by(field=STAFF_ID_FIELD[row.channel], value=target)
        return found[1].name if found else labels.t("outbox.to_staff")
    if kind == "channel":
        return labels.t("outbox.to_channel", id=target)
    return labels.t("outbox.to_submitter")


def _charts(figures: dict[str, Any], labels: Labels) -> dict[str, Markup]:
    savings = figures["savings"]
    caption = labels.t("admin.savings_of", saved=labels.money(savings["estimated_nok"]),
                       target=labels.money(savings["target_nok"]))
    by_area, by_status, by_month = figures["by_focus_area"], figures["by_status"], figures["by_month"]
    return {
        "by_area": charts.bar_chart([(labels.area(k), v) for k, v in by_area.items()],
                                    value_text=[labels.count(v) for v in by_area.values()]),
        "by_status": charts.bar_chart([(labels.status(k), v) for k, v in by_status.items()],
                                      value_text=[labels.count(v) for v in by_status.values()]),
        "by_month": charts.column_chart(list(by_month.items()),
                                        value_text=[labels.count(v) for v in by_month.values()]),
        "savings": charts.progress_bar(savings["estimated_nok"], savings["target_nok"], caption=caption),
        "sla": charts.bar_chart(
            [(labels.person(who), (s["share"] or 0) * 100) for who, s in
             figures["answered_within_sla"]["by_commissioner"].items()],
            value_text=[labels.percent(s["share"]) for s in figures["answered_within_sla"]["by_commissioner"].values()],
        ),
    }


@router.get("/org", response_class=HTMLResponse)
def org_config(request: Request, _admin: AdminUserDep, services: ServicesDep) -> HTMLResponse:
    org = services.org
    problem = None
    if org.source is not None:
        # The running service keeps what it loaded at start; this shows whether the file would load today.
        try:
            load_org_config(org.source)
        except OrgConfigError as error:
            problem = str(error)
    as_yaml = yaml.safe_dump(org.model_dump(mode="json", exclude_none=True), allow_unicode=True, sort_keys=False,
                             width=110)
    return render(request, "org.html", problem=problem, as_yaml=as_yaml, source=str(org.source or "–"))
