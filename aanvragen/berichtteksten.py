"""What each message to the inwoner says: one text per kind, in the parts Awb 2:10 lid 2 asks of
every electronic notification from 1 January 2027 — what it is, what it means legally, what the
inwoner is expected to do, by when — and where to read it (Mijn aanvragen).

The same text goes out by our own mail server (templates/berichten/inwoner_mail.txt), is what
beheer puts in the gemeente's NotifyNL templates (`manage.py notifynl_teksten` prints them) and
is what the local NotifyNL of the tests serves. Fields are written as NotifyNL writes them,
((veld)), and are only those of `portal.berichten.personalisatie` (reference, link, deadline) or
the code: never a name, BSN, IBAN, amount or the decision itself. B1 Dutch; an SMS fits one
message of 160 GSM-7 characters with real values (tests/portal/test_berichtteksten.py); its
sender shows the gemeente's name.
"""

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Berichttekst:
    onderwerp: str
    wat: str  # what this message is
    gevolg: str  # what it means for the inwoner (legal effect)
    doen: str  # what the inwoner is expected to do
    wanneer: str  # by when
    sms: str  # all of it in one SMS, with the link


TEKSTEN = {
    "ontvangstbevestiging": Berichttekst(
        onderwerp=_("Wij hebben uw aanvraag ((referentie)) ontvangen"),
        wat=_(
            "Wij hebben uw aanvraag voor bijzondere bijstand ontvangen. "
            "Uw nummer is ((referentie))."
        ),
        gevolg=_("Dit is nog geen besluit. Wij behandelen uw aanvraag nu."),
        doen=_("U hoeft niets te doen. Is iets niet duidelijk? Dan bellen wij u."),
        wanneer=_("U krijgt uiterlijk ((termijn)) een besluit."),
        sms=_(
            "Aanvraag ((referentie)) is binnen. Nog geen besluit, u hoeft niets te doen. "
            "Besluit uiterlijk ((termijn)). ((link))"
        ),
    ),
    "ontvangst": Berichttekst(
        onderwerp=_("Ontvangen: wat u stuurde over aanvraag ((referentie))"),
        wat=_("Wij hebben ontvangen wat u stuurde over uw aanvraag ((referentie))."),
        gevolg=_("Wij nemen het mee bij ons besluit. Dit is nog geen besluit."),
        doen=_("U hoeft niets te doen. In Mijn aanvragen ziet u wat wij kregen en wanneer."),
        wanneer=_("Wij laten u weten wanneer er een besluit is."),
        sms=_(
            "Wij hebben ontvangen wat u stuurde over aanvraag ((referentie)). U hoeft niets te "
            "doen. ((link))"
        ),
    ),
    "aanvulling": Berichttekst(
        onderwerp=_("Wij hebben een vraag over uw aanvraag ((referentie))"),
        wat=_("Wij hebben een vraag over uw aanvraag ((referentie))."),
        gevolg=_(
            "Zonder uw antwoord kunnen wij niet beslissen. Tot u antwoordt, wacht de termijn "
            "voor ons besluit. Komt er geen antwoord, dan kunnen wij de aanvraag niet behandelen."
        ),
        doen=_("Lees de vraag in Mijn aanvragen en stuur uw antwoord."),
        wanneer=_("Uiterlijk ((termijn))."),
        sms=_(
            "Vraag over aanvraag ((referentie)). Zonder antwoord geen besluit. "
            "Antwoord uiterlijk ((termijn)): ((link))"
        ),
    ),
    "gebeld": Berichttekst(
        onderwerp=_("Wij hebben u gebeld over uw aanvraag ((referentie))"),
        wat=_("Wij hebben u gebeld over uw aanvraag ((referentie))."),
        gevolg=_("Dit is geen besluit. Het gesprek staat in uw dossier."),
        doen=_("Kijk in Mijn aanvragen of wij iets van u nodig hebben. Of bel ons."),
        wanneer=_("Als wij iets vroegen: op de dag die daarbij staat."),
        sms=_(
            "Wij hebben u gebeld over aanvraag ((referentie)). Kijk in Mijn aanvragen of wij "
            "iets nodig hebben: ((link))"
        ),
    ),
    "bevestigen": Berichttekst(
        onderwerp=_("Bevestig uw aanvraag voor bijzondere bijstand"),
        wat=_(
            "Een medewerker vulde aan de telefoon een aanvraag voor bijzondere bijstand met u in."
        ),
        gevolg=_("Wij behandelen de aanvraag pas als u bevestigt dat alles klopt."),
        doen=_("Kijk of alles klopt en bevestig de aanvraag. U logt in met DigiD."),
        wanneer=_("Zo snel mogelijk. Pas daarna gaat de termijn voor ons besluit lopen."),
        sms=_(
            "Bevestig met DigiD de aanvraag die u aan de telefoon deed. Pas dan behandelen wij "
            "haar. Zo snel mogelijk: ((link))"
        ),
    ),
    "partner-toestemming": Berichttekst(
        onderwerp=_("Uw partner moet uw aanvraag goedkeuren"),
        wat=_(
            "U heeft bijzondere bijstand aangevraagd. Uw partner moet de aanvraag nog goedkeuren."
        ),
        gevolg=_("Wij behandelen de aanvraag pas als uw partner haar goedkeurt."),
        doen=_("Vraag uw partner om zelf in te loggen met DigiD in Mijn aanvragen."),
        wanneer=_("Zo snel mogelijk. Pas daarna gaat de termijn voor ons besluit lopen."),
        sms=_(
            "Uw partner moet uw aanvraag goedkeuren, met DigiD. Pas dan behandelen wij haar. "
            "Zo snel mogelijk: ((link))"
        ),
    ),
    "beschikking": Berichttekst(
        onderwerp=_("Besluit over uw aanvraag ((referentie))"),
        wat=_("Er is een besluit over uw aanvraag ((referentie))."),
        gevolg=_(
            "Het besluit geldt vanaf nu. Bent u het er niet mee eens? Dan kunt u bezwaar maken. "
            "Hoe dat gaat, staat in het besluit."
        ),
        doen=_("Lees het besluit. Bent u het ermee eens, dan hoeft u niets te doen."),
        wanneer=_("Bezwaar maken kan tot en met ((termijn))."),
        sms=_(
            "Besluit over aanvraag ((referentie)). Niet eens? Bezwaar kan tot en met "
            "((termijn)). Lees het: ((link))"
        ),
    ),
    "email-code": Berichttekst(
        onderwerp=_("Uw code: ((code))"),
        wat=_("Dit is de code om uw e-mailadres te bevestigen: ((code))"),
        gevolg=_("Pas als u de code invult, sturen wij e-mail naar dit adres."),
        doen=_(
            "Vul de code in waar u uw e-mailadres gaf. Vroeg u geen code? Gooi deze e-mail weg."
        ),
        wanneer=_("Binnen 30 minuten."),
        sms=_("Uw code: ((code))"),
    ),
}

# What the inwoner reads in the list of messages (Mijn aanvragen → Berichten).
NAMEN = {
    "ontvangstbevestiging": _("Bevestiging dat wij uw aanvraag kregen"),
    "ontvangst": _("Bevestiging dat wij uw antwoord of bestand kregen"),
    "aanvulling": _("Vraag om aanvulling"),
    "gebeld": _("Wij belden u"),
    "bevestigen": _("Vraag om uw aanvraag te bevestigen"),
    "partner-toestemming": _("Vraag om toestemming van uw partner"),
    "beschikking": _("Besluit"),
    "email-code": _("Code voor uw e-mailadres"),
}

VELD = re.compile(r"\(\(([a-z_]+)\)\)")


def velden_van(soort: str) -> set[str]:
    """The fields the texts of `soort` use (each must be sent as NotifyNL personalisation)."""
    tekst = TEKSTEN[soort]
    return {
        veld
        for deel in (tekst.onderwerp, tekst.wat, tekst.gevolg, tekst.doen, tekst.wanneer, tekst.sms)
        for veld in VELD.findall(str(deel))
    }


def ingevuld(soort: str, velden: dict[str, str]) -> Berichttekst:
    """The texts of `soort` with the fields filled in (a field not given stays visible)."""

    def vul(tekst) -> str:
        return VELD.sub(lambda m: str(velden.get(m[1], m[0])), str(tekst))

    tekst = TEKSTEN[soort]
    return replace(
        tekst,
        **{
            deel: vul(getattr(tekst, deel))
            for deel in ("onderwerp", "wat", "gevolg", "doen", "wanneer", "sms")
        },
    )
