"""From the Wegwijzer check into the wizard: the check's signed answers are kept in the
inwoner's session when they press "Aanvraag starten" and prefill the wizard's steps. The wizard's
steps and fields are aanvragen's business, so this mapping lives here, not in the wegwijzer."""

from decimal import Decimal

from wegwijzer.check import CheckAntwoorden, OngeldigeStaat, staat_load
from wegwijzer.regels import Antwoord, Leefsituatie

SESSIE_SLEUTEL = "wegwijzer_check"


def bewaren(request, token: str) -> bool:
    """The inwoner starts an application from the check: keep the answers for the wizard."""
    try:
        staat = staat_load(token)
        CheckAntwoorden.uit(staat["antwoorden"])
    except (OngeldigeStaat, KeyError, ValueError, ArithmeticError):
        return False
    request.session[SESSIE_SLEUTEL] = staat["antwoorden"]
    return True


def voor_stap(request, stap: str) -> dict:
    """Initial values for a wizard step from the check, if the inwoner came from there."""
    antwoorden = request.session.get(SESSIE_SLEUTEL) or {}
    if not antwoorden:
        return {}
    bedragen = {
        k: Decimal(antwoorden[k]) for k in ("bedrag", "inkomen", "vermogen") if k in antwoorden
    }
    if stap == "kosten":
        initial = {
            k: antwoorden[k]
            for k in ("kostensoort", "voorliggende_voorziening", "al_gekocht")
            if k in antwoorden
        }
        if antwoorden.get("vergoed_door_ander") not in (None, "", "None"):
            initial["vergoed_door_ander"] = Decimal(antwoorden["vergoed_door_ander"])
        return {**initial, **{k: v for k, v in bedragen.items() if k == "bedrag"}}
    if stap == "inkomen":
        initial = {k: v for k, v in bedragen.items() if k == "vermogen"}
        if antwoorden.get("leefsituatie") != Leefsituatie.GEHUWDEN and "inkomen" in bedragen:
            initial["inkomen"] = bedragen["inkomen"]  # with a partner the check asked for both
        if antwoorden.get("leefsituatie") in (
            Leefsituatie.ALLEENSTAANDE,
            Leefsituatie.ALLEENSTAANDE_OUDER,
        ):
            initial["alleenstaande_ouder"] = (
                Antwoord.JA
                if antwoorden["leefsituatie"] == Leefsituatie.ALLEENSTAANDE_OUDER
                else Antwoord.NEE
            )
        return initial
    return {}


def wissen(request) -> None:
    request.session.pop(SESSIE_SLEUTEL, None)
