import pytest
from sqlalchemy import func, select

from core import intake
from core.errors import InvalidInput
from storage.models import Channel, EventKind, Idea, OutboxMessage, Submitter
from tests.core.helpers import submit
from tests.fakes import StaticClassifier
from tests.people import EMPLOYEE


def draft(text: str, **kw) -> intake.Draft:
    ref = intake.SubmitterRef(channel=Channel.WEB, external_id="kari")
    return intake.Draft(text=text, submitter=ref, channel=Channel.WEB, **kw)


def test_an_idea_is_stored_trimmed_with_its_first_event(session, org):
    idea = intake.submit(session=session, draft=draft("  Bruk felles vikarpool  "),
                         classifier=StaticClassifier("helse-og-livskvalitet", 0.83), org=org)
    session.flush()
    assert (idea.text, idea.focus_area, idea.commissioner, idea.confidence) == (
        "Bruk felles vikarpool", "helse-og-livskvalitet", "arne-jorstad", 0.83)
    assert [(e.kind, e.actor) for e in idea.events] == [(EventKind.RECEIVED, "submitter")]


INVISIBLE_ONLY = {
    "zero-width": "\u200b\u200d\u2060", "joiners-and-spaces": " \u200c \u200d\n", "bom": "\ufeff",
    "bidi-controls": "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "marks": "\u200e\u200f",
    "soft-hyphen": "\u00ad\u00ad",
}


@pytest.mark.parametrize("text", ["", "   \n\t ", *INVISIBLE_ONLY.values()],
                         ids=["empty", "whitespace", *INVISIBLE_ONLY.keys()])
def test_empty_text_is_refused(session, org, text):
    with pytest.raises(InvalidInput, match="no text"):
        intake.submit(session=session, draft=draft(text), classifier=StaticClassifier(), org=org)


def test_text_length_is_counted_after_trimming(session, org):
    ok = intake.submit(session=session, draft=draft(" " + "a" * 10_000 + " "), classifier=StaticClassifier(), org=org)
    assert len(ok.text) == 10_000
    with pytest.raises(InvalidInput, match="10001 characters"):
        intake.submit(session=session, draft=draft("a" * 10_001), classifier=StaticClassifier(), org=org)


def test_unsure_routing_goes_to_the_triage_queue(session, org):
    idea = intake.submit(session=session, draft=draft("hmm"), classifier=StaticClassifier(None), org=org)
    assert (idea.focus_area, idea.commissioner, idea.abstained) == (None, None, True)


def test_the_submitters_own_choice_of_area_wins(session, org):
    idea = intake.submit(session=session, draft=draft("Noe om skolen", focus_area="samfunnsutvikler"),
                         classifier=StaticClassifier("barn-og-unge"), org=org)
    assert (idea.focus_area, idea.commissioner, idea.abstained) == ("samfunnsutvikler", "frank-hauge", False)
    with pytest.raises(InvalidInput, match="Unknown focus area 'x'"):
        intake.submit(session=session, draft=draft("Noe", focus_area="x"), classifier=StaticClassifier(), org=org)


def test_a_retried_delivery_makes_no_second_idea(session, org):
    first = submit(session, org, source_key="slack:Ev123")
    again = submit(session, org, source_key="slack:Ev123")
    assert again.id == first.id
    assert session.scalar(select(func.count()).select_from(Idea)) == 1


def test_one_submitter_per_channel_identity(session, org):
    submit(session, org, by=EMPLOYEE)
    submit(session, org, by=EMPLOYEE, text="Et forslag til")
    assert session.scalar(select(func.count()).select_from(Submitter)) == 1


def test_chat_ideas_queue_a_confirmation_and_the_commissioner_is_told(session, org):
    org = org.model_copy(deep=True)
    org.commissioners[0].slack_user_id = "UOPPVEKST"
    idea = submit(session, org, channel=Channel.SLACK, area="barn-og-unge")
    session.flush()
    rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert [(r.kind, r.channel, r.recipient) for r in rows] == [
        ("idea_received", Channel.SLACK, f"submitter:{idea.submitter_id}"),
        ("idea_routed", Channel.SLACK, "user:UOPPVEKST"),
    ]


def test_the_classifier_learns_of_an_idea_only_once_it_is_committed(session, org):
    classifier = StaticClassifier("barn-og-unge")
    idea = intake.submit(session=session, draft=draft("Felles skolebuss"), classifier=classifier, org=org)
    assert classifier.remembered == []
    session.commit()
    assert classifier.remembered == [(idea.id, "Felles skolebuss")]


def test_bidi_overrides_and_isolates_are_taken_out_of_text_and_title(session, org):
    # U+202E makes "gnp.exe" read as "exe.png"; the direction marks U+200E/U+200F are ordinary text and stay.
    idea = intake.submit(session=session, draft=draft("Vedlegg \u202egnp.exe\u202c og \u2067إدارة\u2069 \u200fok\u200e",
                                                      title="\u202dTittel\u202c"),
                         classifier=StaticClassifier(), org=org)
    assert (idea.text, idea.title) == ("Vedlegg gnp.exe og إدارة \u200fok\u200e", "Tittel")


def test_a_title_of_invisible_characters_is_no_title(session, org):
    idea = intake.submit(session=session, draft=draft("Et forslag", title="\u200b\u2060"),
                         classifier=StaticClassifier(),
                         org=org)
    assert idea.title is None
