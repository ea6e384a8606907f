"""A small, varied set of ideas through the real rules: routed, unsure, answered in time and late, overdue,
declined, accepted with a saving planned for the budget, implemented with what it saved, one its submitter asked to
move. Dates are moved back afterwards, as if months had passed.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from core import intake, lifecycle, saving_plan
from core.actors import Actor, Role
from core.orgconfig import OrgConfig
from storage.models import Channel, Idea, Status, utcnow
from tests.fakes import StaticClassifier
from tests.people import EMPLOYEE, HELSE, OPPVEKST, OTHER_EMPLOYEE

DIREKTOR = Actor(role=Role.COMMISSIONER, user_id="frank-hauge")


def seed_ideas(session_factory: sessionmaker[Session], org: OrgConfig, classifier: StaticClassifier) -> dict[str, int]:
    with session_factory() as session:
        def new(key: str, text: str, area: str | None, *, who: Actor = EMPLOYEE, anonymous: bool = False,
                title: str | None = None) -> Idea:
            classifier.focus_area = area
            submitter = intake.SubmitterRef(channel=Channel.WEB, external_id=who.user_id, display_name=who.name)
            draft = intake.Draft(text=text, title=title, submitter=submitter, channel=Channel.WEB,
                                 anonymous=anonymous, source_key=f"seed:{key}")
            return intake.submit(session=session, draft=draft, classifier=classifier, org=org)

        def move(idea: Idea, actor: Actor, *steps: Status, note: str | None = None) -> None:
            for step in steps:
                lifecycle.transition(session=session, idea=idea, to=step, actor=actor, org=org,
                                     note=note if step is Status.DECLINED else None)

        pool = new("pool", "Felles vikarpool for hjemmetjenesten i stedet for vikarbyrå.", "helse-og-livskvalitet",
                   title="Felles vikarpool")
        move(pool, HELSE, Status.IN_REVIEW, Status.ACCEPTED)
        lifecycle.set_estimated_saving(session=session, idea=pool, amount_nok=1_200_000, actor=HELSE, org=org)
        phase = org.phase(pool.phase)
        start = phase.budget_years[0] if phase else utcnow().year + 1
        # Half a year's effect in the first budget year; the staff's time is a gain beyond money.
        saving_plan.plan(session=session, idea=pool, actor=HELSE, org=org, changes=saving_plan.SavingPlan(
            one_off_cost_nok=150_000, effect_year=start, effect_amounts={start: 600_000}, qualitative=True,
            qualitative_text="Færre nye ansikter for brukerne"))
        payroll = new("payroll", "Digital timeliste for alle enheter, slik at lønn slipper papirskjema.",
                      "samfunnsutvikler", who=OTHER_EMPLOYEE)
        move(payroll, DIREKTOR, Status.IN_REVIEW, Status.ACCEPTED, Status.IMPLEMENTED)
        lifecycle.set_estimated_saving(session=session, idea=payroll, amount_nok=800_000, actor=DIREKTOR, org=org)
        saving_plan.realise(session=session, idea=payroll, amount_nok=650_000, realised_on=None, actor=DIREKTOR,
                            org=org)
        school = new("school", "Slå sammen de to minste skolene.", "barn-og-unge", anonymous=True)
        move(school, OPPVEKST, Status.DECLINED, note="Skolestrukturen utredes for seg i 2027.")
        late = new("late", "Samle innkjøp av arbeidstøy i én rammeavtale.", "samfunnsutvikler")
        move(late, DIREKTOR, Status.IN_REVIEW)
        overdue = new("overdue", "Kantinen på rådhuset kan bruke overskuddsmat fra sykehjemmet.", "samfunnsutvikler",
                      who=OTHER_EMPLOYEE)
        unsure = new("unsure", "Mer lys i gangene.", None)
        fresh = new("fresh", "Nettbrett til alle i hjemmetjenesten, så rapporten skrives hos brukeren.",
                    "helse-og-livskvalitet", anonymous=True)
        lifecycle.ask_to_move(session=session, idea=fresh, focus_area="samfunnsutvikler", actor=EMPLOYEE, org=org,
                              note="Det handler mest om innkjøp og digitalisering.")
        _age(late, days=40)
        _age(overdue, days=20)
        _age(pool, days=9)
        session.commit()
        return {"pool": pool.id, "payroll": payroll.id, "school": school.id, "late": late.id,
                "overdue": overdue.id, "unsure": unsure.id, "fresh": fresh.id}


def _age(idea: Idea, *, days: int) -> None:
    """Move an idea's sending back in time; its answers keep their real time, so they come `days` later."""
    then = utcnow() - timedelta(days=days)
    idea.created_at = then
    for event in idea.events:
        if event.kind.value == "received":
            event.created_at = then
