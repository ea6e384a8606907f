"""A discussion under one shared idea, through the real rules: a colleague's comment, the sender's answer as
"innsender", the handler's official answer, and a comment an administrator hid."""

from __future__ import annotations

from core import comments
from core.actors import Actor
from core.services import Services
from core.unit_of_work import transaction
from tests.people import ADMIN, OTHER_EMPLOYEE


def seed_discussion(services: Services, idea_id: int, *, sender: Actor, handler: Actor) -> None:
    """The org's sharing must not be off; `handler` handles the idea's area."""
    with transaction(services) as uow:
        comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea_id,
                         text="Gode erfaringer fra Stange: de sparte kjøring. Hvem lader bilene?")
        comments.comment(uow=uow, actor=sender, idea_id=idea_id,
                         text="Laderen ved rådhuset står ledig om natten, så det går fint.")
        comments.comment(uow=uow, actor=handler, idea_id=idea_id,
                         text="Vi prøver dette i hjemmetjenesten fra februar og måler kjørelengden.")
        rude = comments.comment(uow=uow, actor=OTHER_EMPLOYEE, idea_id=idea_id, text="Et innlegg som ble skjult.")
        comments.hide(uow=uow, actor=ADMIN, comment_id=rude.id)
