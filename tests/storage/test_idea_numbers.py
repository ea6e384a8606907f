"""An idea's number is drawn at random among the free six-digit numbers."""

from storage import queries
from storage.models import Channel, Idea


def test_a_number_already_taken_is_never_drawn(session, monkeypatch):
    session.add_all([Idea(id=number, text="x", channel=Channel.API) for number in (111_111, 222_222)])
    session.flush()
    # The draw offers the taken numbers first; the free one after them is what a new idea gets.
    offered = iter([111_111, 222_222, 111_111, 222_222, 111_111, 333_333, 444_444, 555_555])
    monkeypatch.setattr(queries.secrets, "choice", lambda _numbers: next(offered))

    assert queries.unused_idea_id(session) == 333_333


def test_numbers_are_six_digits(session):
    assert all(100_000 <= queries.unused_idea_id(session) <= 999_999 for _ in range(50))
