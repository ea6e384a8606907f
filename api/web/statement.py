"""/tilgjengelighet: the accessibility statement (tilgjengelighetserklæring) in the form the Norwegian supervisory
authority for universal design of ICT (Uu-tilsynet, Digdir) asks for. Open without logging in, since someone who
cannot log in because of a barrier must still be able to read it and report the barrier.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.web.pages import render, services_of, session_of

router = APIRouter(include_in_schema=False)

# When the statement was last reviewed against the pages; review it, and move this date, when the pages change.
WRITTEN = date(2026, 12, 4)
# WCAG 2.2.1 does not apply to a time limit longer than 20 hours.
TIME_LIMIT_EXEMPT_HOURS = 20
COMPLAINTS_URL = "https://www.uutilsynet.no/"


@router.get("/tilgjengelighet", response_class=HTMLResponse)
def statement(request: Request) -> HTMLResponse:
    services = services_of(request)
    # The org config has no contact of its own for this: the administrators run the service.
    contacts = [(person.name, person.email) for person in services.org.administrators]
    hours = services.settings.token_ttl_hours
    written = WRITTEN.isoformat() if session_of(request).locale == "en" else WRITTEN.strftime("%d.%m.%Y")
    return render(request, "statement.html", contacts=contacts, session_hours=hours,
                  session_gap=hours < TIME_LIMIT_EXEMPT_HOURS, written=written, written_iso=WRITTEN.isoformat(),
                  complaints_url=COMPLAINTS_URL)
