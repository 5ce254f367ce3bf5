"""Display helpers for aanvragen: what the templates show, prepared in Python."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from aanvragen.huishouden import PartnerSituatie
from aanvragen.models import BerichtWeg
from portal.bedrag import format_bedrag
from portal.iban import iban_leesbaar
from wegwijzer.models import VoorliggendeVoorziening


@dataclass(frozen=True)
class SamenvattingRij:
    label: str
    waarde: str
    wijzig_url: str


VOORLIGGEND = dict(VoorliggendeVoorziening.choices)
BERICHTEN_VIA = dict(BerichtWeg.choices)


def _ja_nee(waarde: bool) -> str:
    return _("Ja") if waarde else _("Nee")


def samenvatting(data: dict[str, dict], *, stap_url: Callable[[str], str]) -> list[SamenvattingRij]:
    """The check-answers list, each line with a link back to its step."""
    gegevens, kosten = data["gegevens"], data["kosten"]
    inkomen, uitbetaling = data["inkomen"], data["uitbetaling"]
    regels = [
        (_("Telefoonnummer"), gegevens.get("telefoon", ""), "gegevens"),
        (_("E-mailadres"), gegevens.get("email") or _("Niet ingevuld"), "gegevens"),
        (
            _("Berichten over uw aanvraag"),
            BERICHTEN_VIA.get(gegevens.get("berichten_via") or "brief", ""),
            "gegevens",
        ),
        *(
            [(_("Toestemming partner"), _ja_nee(gegevens["partner_toestemming"]), "gegevens")]
            if "partner_toestemming" in gegevens
            else []
        ),
        (_("Waarvoor"), str(kosten.get("kostensoort", "")), "kosten"),
        (_("Wat en waarom"), kosten.get("omschrijving", ""), "kosten"),
        (_("Bedrag"), _bedrag(kosten.get("bedrag")), "kosten"),
        (
            _("Betaalt een andere regeling dit?"),
            VOORLIGGEND.get(kosten.get("voorliggende_voorziening"), ""),
            "kosten",
        ),
        (_("Al gekocht of betaald"), _ja_nee(kosten.get("al_gekocht", False)), "kosten"),
    ]
    if kosten.get("vergoed_door_ander") is not None:
        regels.append(
            (_("Betaalt de andere regeling"), _bedrag(kosten["vergoed_door_ander"]), "kosten")
        )
    if kosten.get("bewijs_later"):
        regels.append((_("Bewijs"), _("Stuur ik later"), "kosten"))
    if kosten.get("factuurdatum"):
        regels.append((_("Datum rekening"), f"{kosten['factuurdatum']:%d-%m-%Y}", "kosten"))
    regels += [
        (_("Uw netto inkomen per maand"), _bedrag(inkomen.get("inkomen")), "inkomen"),
    ]
    if "inkomen_partner" in inkomen and inkomen["inkomen_partner"] is not None:
        regels.append(
            (_("Netto inkomen partner per maand"), _bedrag(inkomen["inkomen_partner"]), "inkomen")
        )
    if "alleenstaande_ouder" in inkomen:
        regels.append(
            (
                _("Kind jonger dan 18 bij u thuis"),
                _ja_nee(inkomen["alleenstaande_ouder"]),
                "inkomen",
            )
        )
    regels += [
        (_("Geld op rekeningen en spaargeld"), _bedrag(inkomen.get("vermogen")), "inkomen"),
        (_("Rekeningnummer (IBAN)"), iban_leesbaar(uitbetaling.get("iban", "")), "uitbetaling"),
        (_("Naam rekeninghouder"), uitbetaling.get("rekeninghouder", ""), "uitbetaling"),
    ]
    return [SamenvattingRij(label, waarde, stap_url(stap)) for label, waarde, stap in regels]


def _bedrag(bedrag) -> str:
    return "" if bedrag is None else format_bedrag(bedrag)


@dataclass(frozen=True)
class Mijlpaal:
    label: str
    klaar: bool
    huidig: bool


def voortgang(status: str) -> list[Mijlpaal]:
    """The status tracker: ontvangen → in behandeling → besluit → uitbetaald."""
    stappen = [
        (
            _("Ontvangen"),
            {
                "ingediend",
                "in_behandeling",
                "wacht_op_aanvulling",
                "toegekend",
                "afgewezen",
                "buiten_behandeling",
                "uitbetaald",
            },
        ),
        (
            _("In behandeling"),
            {
                "in_behandeling",
                "wacht_op_aanvulling",
                "toegekend",
                "afgewezen",
                "buiten_behandeling",
                "uitbetaald",
            },
        ),
        (_("Besluit"), {"toegekend", "afgewezen", "buiten_behandeling", "uitbetaald"}),
    ]
    if status not in ("afgewezen", "buiten_behandeling"):
        stappen.append((_("Uitbetaald"), {"uitbetaald"}))
    bereikt = [status in statussen for _label, statussen in stappen]
    laatste = max((i for i, b in enumerate(bereikt) if b), default=-1)
    return [Mijlpaal(label, bereikt[i], i == laatste) for i, (label, _s) in enumerate(stappen)]


def aanvraag_samenvatting(aanvraag) -> list[tuple[str, str]]:
    """What a stored aanvraag says, for the inwoner to check (label, value)."""
    regels = [
        (_("Telefoonnummer"), aanvraag.telefoon),
        (_("Waarvoor"), aanvraag.kostensoort.naam),
        (_("Wat en waarom"), aanvraag.omschrijving),
        (_("Bedrag"), format_bedrag(aanvraag.bedrag)),
        (_("Uw netto inkomen per maand"), format_bedrag(aanvraag.inkomen)),
    ]
    if aanvraag.inkomen_partner is not None:
        regels.append(
            (_("Netto inkomen partner per maand"), format_bedrag(aanvraag.inkomen_partner))
        )
    if aanvraag.partner_situatie == PartnerSituatie.GEEN:
        regels.append((_("Kind jonger dan 18 bij u thuis"), _ja_nee(aanvraag.alleenstaande_ouder)))
    return regels + [
        (_("Geld op rekeningen en spaargeld"), format_bedrag(aanvraag.vermogen)),
        (_("Rekeningnummer (IBAN)"), iban_leesbaar(aanvraag.iban)),
        (_("Naam rekeninghouder"), aanvraag.rekeninghouder),
    ]


@dataclass(frozen=True)
class BerichtRegel:
    pk: int
    naam: str
    kanaal: str
    aan: str
    moment: object  # when it went (or was made, while it waits)
    stand: str
    afgeleverd: bool


def bericht_regel(bericht) -> BerichtRegel:
    """One line of the inwoner's list of messages: what, how, to where, and what became of it."""
    from aanvragen.berichtteksten import NAMEN
    from portal.models import Aflevering, BerichtKanaal, BerichtStatus

    if bericht.status == BerichtStatus.WACHT:
        stand = _("Wordt verstuurd")
    elif bericht.status == BerichtStatus.MISLUKT:
        stand = _("Niet verstuurd")
    elif bericht.aflevering:
        stand = Aflevering(bericht.aflevering).label
    elif bericht.kanaal == BerichtKanaal.SMTP:
        stand = _("Verstuurd")
    else:
        stand = _("Verstuurd, nog niet bekend of het aankwam")
    return BerichtRegel(
        pk=bericht.pk,
        naam=NAMEN.get(bericht.soort, bericht.soort),
        kanaal=_("SMS") if bericht.kanaal == BerichtKanaal.NOTIFY_SMS else _("E-mail"),
        aan=bericht.aan,
        moment=bericht.aflevering_op or bericht.verzonden_op or bericht.aangemaakt_op,
        stand=stand,
        afgeleverd=bericht.aflevering == Aflevering.AFGELEVERD,
    )


def bericht_bewijs(bericht, *, referentie: str, gemeente: str) -> str:
    """The proof of one message (Wmebv: the gemeente proves what it sent and whether it
    arrived), as plain text the inwoner can keep: when, how, to whom, NotifyNL's id and report,
    the text as it went out and its SHA-256."""
    import hashlib

    from portal.datum import datum_tekst

    regel = bericht_regel(bericht)

    def moment(waarde) -> str:
        from django.utils import timezone

        return datum_tekst(timezone.localtime(waarde), "lang_tijd") if waarde else "-"

    regels = [
        _("Bewijs van een bericht van gemeente %(gemeente)s") % {"gemeente": gemeente},
        "",
        f"{_('Bericht')}: {regel.naam} ({referentie or '-'})",
        f"{_('Gemaakt')}: {moment(bericht.aangemaakt_op)}",
        f"{_('Verstuurd')}: {moment(bericht.verzonden_op)}",
        f"{_('Hoe')}: {regel.kanaal}, {_('naar')} {bericht.aan}",
        f"{_('Kenmerk bij NotifyNL')}: {bericht.extern_id or '-'}",
        f"{_('Aangekomen')}: {regel.stand} ({moment(bericht.aflevering_op)})",
        "",
        _("De tekst zoals die is verstuurd:"),
        "-----",
        bericht.tekst,
        "-----",
        f"SHA-256: {hashlib.sha256(bericht.tekst.encode()).hexdigest()}",
    ]
    return "\n".join(str(r) for r in regels) + "\n"
