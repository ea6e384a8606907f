"""The web's texts about an idea's saving as a budget needs it, in Norwegian bokmål and English (a part of the
catalogue in texts.py)."""

from __future__ import annotations

from core.locale import Catalogue

SAVINGS_TEXTS: Catalogue = {
    # The submitter names their unit (virksomhet) on the form: the idea goes to its area.
    "field.own_unit": ("Virksomhet (valgfri)", "Unit (optional)"),
    "field.own_unit_unknown": ("Vet ikke / gjelder flere", "Don't know / several"),
    "field.own_unit_hint": ("Forslaget går da til kommunalsjefen for den virksomheten.",
                            "The idea then goes to the commissioner of that unit."),
    # On the idea's card
    "saving.one_off": ("Engangskostnad", "One-off cost"),
    "saving.effect_year": ("Virkning fra budsjettåret", "Takes effect in the budget year"),
    "saving.by_year": ("Virkning per budsjettår", "Effect per budget year"),
    "saving.year_amount": ("{year}: {amount}", "{year}: {amount}"),
    "saving.qualitative": ("Gevinst utover kroner", "Gain beyond money"),
    "saving.realised": ("Realisert innsparing", "Realised saving"),
    "saving.realised_on": ("{amount} (målt {day})", "{amount} (measured {day})"),
    # The forms
    "saving.plan": ("Til budsjettet", "For the budget"),
    "saving.plan_hint": ("Tomme felt per år får den årlige innsparingen fra virkningsåret. Skriv et eget beløp "
                         "der virkningen er en annen, for eksempel et halvt år det første året.",
                         "Empty years get the annual saving from the year it takes effect. Enter an amount of "
                         "its own where the effect differs, such as half a year in the first year."),
    "field.one_off": ("Engangskostnad i kroner (tomt: ingen)", "One-off cost in NOK (empty: none)"),
    "field.effect_year": ("Budsjettåret innsparingen virker fra", "The budget year the saving takes effect"),
    "field.year_amount": ("Beløp i {year} (tomt: {default})", "Amount in {year} (empty: {default})"),
    "field.qualitative": ("Gir en gevinst som ikke er kroner (kvalitet, arbeidsmiljø, klima)",
                          "Brings a gain that is not money (quality, working environment, climate)"),
    "field.qualitative_text": ("Gevinsten med noen få ord", "The gain in a few words"),
    "field.realised": ("Realisert innsparing i kroner (tomt: ta bort)", "Realised saving in NOK (empty: remove)"),
    "field.realised_on": ("Dagen den ble målt", "The day it was measured"),
    "action.plan": ("Lagre til budsjettet", "Save for the budget"),
    "action.realised": ("Lagre realisert innsparing", "Save the realised saving"),
    "done.plan": ("Budsjettallene for forslag {id} er lagret.", "The budget figures of idea {id} are saved."),
    "done.realised": ("Den realiserte innsparingen for forslag {id} er lagret.",
                      "The realised saving of idea {id} is saved."),
    "error.plan.invalid_input": ("Sjekk tallene: hele kroner fra 0 til 10 milliarder, budsjettår mellom 2000 og "
                                 "2100 og ingen beløp før virkningsåret. Krysser du av for en gevinst utover "
                                 "kroner, skriv den med noen få ord.",
                                 "Check the figures: whole kroner from 0 to 10 billion, budget years between 2000 "
                                 "and 2100, and no amount before the year it takes effect. If you tick a gain "
                                 "beyond money, say it in a few words."),
    "error.realised.invalid_input": ("Skriv et helt antall kroner fra 0 til 10 milliarder, og en dag fra forslaget "
                                     "kom inn til i dag.",
                                     "Enter whole kroner from 0 to 10 billion, and a day from when the idea came "
                                     "in until today."),
    "error.realised.conflict": ("Realisert innsparing føres når forslaget er gjennomført.",
                                "The realised saving is entered once the idea is implemented."),
    # The dashboard's follow-up per phase, area and unit
    "progress.challenge_intro": ("Utfordring er summen av virksomhetenes andel av årsbudsjettet (standard 2 %). "
                                 "Realisert er det gjennomførte forslag faktisk sparte. Gjenstår er det den anslåtte "
                                 "innsparingen mangler på målet.",
                                 "Challenge is the sum of the units' share of their annual budgets (2 % unless "
                                 "set). Realised is what implemented ideas actually saved. Gap is what the "
                                 "estimated saving still lacks of the target."),
    "progress.areas_in_phase": ("Områdene i {phase}", "The areas in {phase}"),
    "progress.areas_in_phase_intro": ("Målet er områdets andel av fasens mål der oppsettet gir en; ellers følges "
                                      "området opp mot virksomhetenes utfordring.",
                                      "The target is the area's share of the phase's target where the config "
                                      "gives one; otherwise the area is followed up against its units' challenge."),
    "progress.areas": ("Områdene, alle faser", "The areas, all phases"),
    "progress.areas_intro": ("Hvert område mot virksomhetenes samlede utfordring.",
                             "Each area against its units' challenge together."),
    "progress.realised": ("Realisert", "Realised"),
    "progress.gap": ("Gjenstår", "Gap"),
    "progress.reached": ("nådd, {amount} over", "reached, {amount} over"),
    "progress.share": ("Andel av målet", "Share of the target"),
    # The history
    "timeline.one_off": ("Engangskostnad satt til {amount}", "One-off cost set to {amount}"),
    "timeline.effect_year": ("Virkning fra budsjettåret {year}", "Takes effect in the budget year {year}"),
    "timeline.effect_year_removed": ("Virkningsåret tatt bort", "Effect year removed"),
    "timeline.effect_amount": ("Virkning i {year} satt til {amount}", "Effect in {year} set to {amount}"),
    "timeline.effect_amount_removed": ("Eget beløp for {year} tatt bort", "Own amount for {year} removed"),
    "timeline.qualitative": ("Gevinst utover kroner lagt inn", "Gain beyond money entered"),
    "timeline.qualitative_removed": ("Gevinst utover kroner tatt bort", "Gain beyond money removed"),
    "timeline.realised": ("Realisert innsparing: {amount}, målt {day}", "Realised saving: {amount}, measured {day}"),
    "timeline.realised_removed": ("Realisert innsparing tatt bort", "Realised saving removed"),
}
