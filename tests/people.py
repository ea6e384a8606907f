"""The people tests act as: Løten's org config, plus two employees."""

from core.actors import Actor, Role

EMPLOYEE = Actor(role=Role.EMPLOYEE, user_id="kari", name="Kari Nordmann")
OTHER_EMPLOYEE = Actor(role=Role.EMPLOYEE, user_id="per", name="Per Hansen")
ADMIN = Actor(role=Role.ADMIN, user_id="forslagskassa-admin")
OPPVEKST = Actor(role=Role.COMMISSIONER, user_id="kommunalsjef-oppvekst")
HELSE = Actor(role=Role.COMMISSIONER, user_id="arne-jorstad")
