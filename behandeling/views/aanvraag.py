"""The case page: the facts, the proposal and the forms, and the small acts on it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanvragen.keuzes import keuze_get
from aanvragen.models import Aanvraag
from aanvragen.presenters import bericht_regel
from aanvragen.selectors import (
    berichten_over_aanvraag,
    bewijs_nodig_get,
    document_get,
    situatie_van,
    voorstel_get,
)
from aanvragen.status import AanvraagGewijzigd
from aanvragen.statussen import OPEN, Status
from aanvragen.views import document_response
from behandeling import selectors
from behandeling.aanvulling import aanvulling_vragen
from behandeling.besluiten import (
    betrokken_bij_betaling,
    leeftijdsgroep_bevestigen,
)
from behandeling.contact import contactmoment_vastleggen
from behandeling.forms import (
    AanvullingForm,
    AfwijzenForm,
    BuitenBehandelingForm,
    ContactmomentForm,
    LeeftijdsgroepForm,
    RekeningBeoordelingForm,
    TerugleggenForm,
    ToekennenForm,
    ToewijzenForm,
)
from behandeling.presenters import (
    aanvraag_rij,
    aanvulling_initial,
    begunstigde_regel,
    bronnen,
    leeftijd_op,
    toekennen_initial,
    vergelijking,
    vier_ogen_teksten,
)
from behandeling.regels import toekenning_toetsen, vier_ogen_nodig
from behandeling.views import BEHANDELAARS
from behandeling.werkvoorraad import (
    aanvraag_oppakken,
    aanvraag_toewijzen,
    aanvraag_vrijgeven,
)
from portal import logboek
from portal.fragmenten import fragment
from portal.rollen import MEDEWERKERS, Rol, rol_vereist, rollen_van_verzoek, verzoek_heeft_rol
from portal.selectors import GEMEENTEN, KALENDER, kalender_get
from uitbetaling import selectors as uitbetaling_selectors
from uitbetaling.begunstigde import mag_goedkeuren
from uitbetaling.forms import OpnieuwKlaarzettenForm
from uitbetaling.rekeningwijziging import (
    rekeningwijziging_kenmerk,
)
from uitbetaling.statussen import TERUG_BIJ_BEHANDELAAR
from wegwijzer.models import Vorm
from wegwijzer.selectors import BELEID


def aanvraag_of_404(request, pk: int, leeg: frozenset[str] = frozenset()):
    """The aanvraag, if it belongs to a gemeente this colleague works for; else 404."""
    try:
        return selectors.aanvraag_get(pk=pk, medewerker=request.user, leeg=leeg)
    except Aanvraag.DoesNotExist:
        raise Http404 from None


@rol_vereist(*BEHANDELAARS)
def aanvraag_detail(request, pk: int, formulieren: dict | None = None, status=200):
    """The case page. Its content is cached under the version of the aanvraag and everything
    that points to it (portal.stempel), the viewer's roles, the day and — only if the aanvraag
    names them — the viewer; a page with a form that has errors is rendered afresh."""
    try:
        stand = selectors.aanvraag_stand(pk=pk, medewerker=request.user)
    except Aanvraag.DoesNotExist:
        raise Http404 from None
    aanvraag = aanvraag_of_404(request, pk) if stand is None else None
    logboek.voor_aanvraag(
        stand or aanvraag,
        activiteit="aanvraag-behandelen",
        naam="aanvraag inzien",
        door=request.user,
    )
    vandaag = timezone.localdate()
    inhoud = (
        None
        if stand is None or formulieren
        else (
            pk,
            stand.kijker(request.user.pk),
            tuple(sorted(rollen_van_verzoek(request))),
            vandaag,
            stand.stempel,
        )
    )
    return render(
        request,
        "behandeling/aanvraag.html",
        {
            "inhoud": fragment(
                request,
                template="behandeling/aanvraag_inhoud.html",
                inhoud=inhoud,
                context=lambda: aanvraag_context(
                    request,
                    aanvraag or aanvraag_of_404(request, pk, stand.leeg),
                    vandaag,
                    formulieren,
                ),
                generatie_namen=(GEMEENTEN, KALENDER, BELEID, MEDEWERKERS),
            ),
            "referentie": (stand or aanvraag).referentie,
            "fout": any(f.errors for f in (formulieren or {}).values()),
        },
        status=status,
    )


def aanvraag_context(request, aanvraag, vandaag, formulieren: dict | None) -> dict:
    situatie = situatie_van(aanvraag) if aanvraag.peildatum else None
    voorstel = voorstel_get(aanvraag=aanvraag, situatie=situatie)
    bewijs_nodig = bewijs_nodig_get(aanvraag=aanvraag) if aanvraag.bewijs_volgt else ""
    buitenland = aanvraag.gemeente.buitenlandse_iban
    opdracht = getattr(aanvraag, "betaalopdracht", None)
    rekeningwijziging = (
        uitbetaling_selectors.open_rekeningwijziging_get(opdracht_id=opdracht.pk)
        if opdracht is not None
        else None
    )
    open_verzoek = next(
        (v for v in aanvraag.aanvullingsverzoeken.all() if not v.beantwoord_op), None
    )
    mag_toewijzen = verzoek_heeft_rol(request, Rol.TEAMLEIDER) and aanvraag.status in OPEN
    return {
        "user": request.user,
        "aanvraag": aanvraag,
        "bron": bronnen(aanvraag),
        "leeftijd": leeftijd_op(aanvraag, groep=situatie.leeftijdsgroep if situatie else None),
        "opdracht": opdracht,
        "opdracht_historie": list(opdracht.statuswijzigingen.select_related("door"))
        if opdracht is not None
        else [],
        "rij": aanvraag_rij(
            aanvraag,
            vandaag=vandaag,
            kalender=kalender_get(gemeente=aanvraag.gemeente, vanaf=vandaag),
        ),
        "mag_besluiten": aanvraag.status == Status.IN_BEHANDELING
        and aanvraag.behandelaar_id == request.user.pk,
        "open_verzoek": open_verzoek,
        "opschorting": selectors.opschorting_stand(
            aanvraag=aanvraag, verzoek=open_verzoek, vandaag=vandaag
        )
        if open_verzoek is not None and aanvraag.status == Status.WACHT_OP_AANVULLING
        else None,
        "termijn_verlopen": open_verzoek is not None and open_verzoek.termijn_tot < vandaag,
        "voorstel": voorstel,
        "begunstigde": begunstigde_regel(
            uitbetaling_selectors.begunstigde_van(aanvraag),
            eigen_iban=aanvraag.iban,
            eigen_naam=aanvraag.rekeninghouder,
        ),
        **vier_ogen_context(request, aanvraag, voorstel),
        "rekeningwijziging": rekeningwijziging,
        "rekeningwijziging_kenmerk": rekeningwijziging_kenmerk(rekeningwijziging)
        if rekeningwijziging
        else "",
        "mag_rekening_beoordelen": rekeningwijziging is not None
        and rekeningwijziging.voorgesteld_door_id != request.user.pk,
        "betaling_terug": opdracht is not None and opdracht.status in TERUG_BIJ_BEHANDELAAR,
        "mag_opnieuw_klaarzetten": opdracht is not None
        and opdracht.status in TERUG_BIJ_BEHANDELAAR
        and rekeningwijziging is None
        and (
            aanvraag.behandelaar_id == request.user.pk or verzoek_heeft_rol(request, Rol.TEAMLEIDER)
        ),
        "toekennen_form": ToekennenForm(
            initial=toekennen_initial(voorstel), buitenland_toegestaan=buitenland
        ),
        "afwijzen_form": AfwijzenForm(),
        "contact_form": ContactmomentForm(),
        "leeftijd_onbekend": aanvraag.geboortedatum is None,
        "berichtkeuze": keuze_get(bsn=aanvraag.bsn, gemeente_id=aanvraag.gemeente_id),
        "berichten": [bericht_regel(b) for b in berichten_over_aanvraag(aanvraag)],
        "leeftijd_form": LeeftijdsgroepForm(
            initial={"leeftijdsgroep": aanvraag.leeftijdsgroep_bevestigd or None}
        ),
        "aanvulling_form": AanvullingForm(initial=aanvulling_initial(aanvraag, bewijs_nodig)),
        "bewijs_nodig": bewijs_nodig,
        "buiten_form": BuitenBehandelingForm(),
        "mag_toewijzen": mag_toewijzen,
        "toewijzen_form": ToewijzenForm(
            behandelaars=selectors.behandelaar_list(gemeente_id=aanvraag.gemeente_id),
            initial={"behandelaar": str(aanvraag.behandelaar_id or "")},
        )
        if mag_toewijzen  # only a teamleider assigns: nobody else pays for the list
        else None,
        "terugleggen_form": TerugleggenForm(),
        "rekening_form": RekeningBeoordelingForm(),
        "opnieuw_form": OpnieuwKlaarzettenForm(
            initial={
                "iban": opdracht.iban if opdracht else aanvraag.iban,
                "rekeninghouder": opdracht.naam if opdracht else aanvraag.rekeninghouder,
            },
            buitenland_toegestaan=buitenland,
        ),
        **(formulieren or {}),
    }


def actie(request, pk: int, uitvoeren, gelukt: str):
    aanvraag_of_404(request, pk)
    try:
        uitvoeren()
    except AanvraagGewijzigd as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gelukt)
    return redirect("behandeling:aanvraag", pk=pk)


@require_POST
@rol_vereist(*BEHANDELAARS)
def oppakken(request, pk: int):
    return actie(
        request,
        pk,
        lambda: aanvraag_oppakken(aanvraag_id=pk, behandelaar=request.user),
        _("U behandelt deze aanvraag nu."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def vrijgeven(request, pk: int):
    return actie(
        request,
        pk,
        lambda: aanvraag_vrijgeven(aanvraag_id=pk, behandelaar=request.user),
        _("De aanvraag staat weer in de werkvoorraad."),
    )


def vier_ogen_context(request, aanvraag, voorstel) -> dict:
    """The four-eyes panel: asked, computed and chosen side by side with the reason, the payee
    in full, why a second colleague must look, and the fingerprint of what this colleague sees
    (approval refuses if it changed)."""
    if aanvraag.voorgesteld_bedrag is None:
        return {}
    bedrag, vorm = aanvraag.voorgesteld_bedrag, aanvraag.besluit_vorm or Vorm.GIFT
    toetsing = toekenning_toetsen(
        gevraagd=aanvraag.bedrag, berekening=voorstel, bedrag=bedrag, vorm=vorm
    )
    redenen = vier_ogen_nodig(
        toetsing, uitbetaling_selectors.betaalvoorstel_van(aanvraag, bedrag=bedrag)
    )
    return {
        "vier_ogen_redenen": vier_ogen_teksten(redenen, aanvraag=aanvraag),
        "vergelijking": vergelijking(
            aanvraag,
            berekening=voorstel,
            bedrag=bedrag,
            vorm=vorm,
            motivering=aanvraag.voorgestelde_motivering,
        ),
        "voorstel_kenmerk": uitbetaling_selectors.voorstel_kenmerk(aanvraag),
        "mag_goedkeuren": mag_goedkeuren(
            goedkeurder_id=request.user.pk, betrokken_ids=betrokken_bij_betaling(aanvraag)
        ),
    }


@require_POST
@rol_vereist(*BEHANDELAARS)
def leeftijdsgroep(request, pk: int):
    form = LeeftijdsgroepForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"leeftijd_form": form}, status=400)
    return actie(
        request,
        pk,
        lambda: leeftijdsgroep_bevestigen(
            aanvraag_id=pk,
            behandelaar=request.user,
            leeftijdsgroep=form.cleaned_data["leeftijdsgroep"],
        ),
        _("De leeftijdsgroep is bevestigd. Het voorstel rekent er nu mee."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def contactmoment(request, pk: int):
    form = ContactmomentForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"contact_form": form}, status=400)
    aanvraag_of_404(request, pk)
    contactmoment_vastleggen(aanvraag_id=pk, door=request.user, **form.cleaned_data)
    messages.success(request, _("Het contact is vastgelegd."))
    return redirect("behandeling:aanvraag", pk=pk)


@require_POST
@rol_vereist(*BEHANDELAARS)
def aanvulling(request, pk: int):
    form = AanvullingForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"aanvulling_form": form}, status=400)
    return actie(
        request,
        pk,
        lambda: aanvulling_vragen(
            aanvraag_id=pk,
            behandelaar=request.user,
            **form.cleaned_data,
        ),
        _("De vraag om aanvulling is verstuurd. De termijn staat stil vanaf morgen."),
    )


@rol_vereist(*BEHANDELAARS)
def document(request, pk: int):
    gevonden = document_get(pk=pk, medewerker=request.user)
    if gevonden is None:
        raise Http404
    logboek.voor_aanvraag(
        gevonden.aanvraag,
        activiteit="aanvraag-behandelen",
        naam=f"document inzien ({gevonden.get_soort_display()})",
        door=request.user,
    )
    return document_response(gevonden)


@require_POST
@rol_vereist(Rol.TEAMLEIDER)
def toewijzen(request, pk: int):
    aanvraag = aanvraag_of_404(request, pk)
    behandelaars = list(selectors.behandelaar_list(gemeente_id=aanvraag.gemeente_id))
    form = ToewijzenForm(request.POST, behandelaars=behandelaars)
    if not form.is_valid():
        messages.error(request, _("Kies een behandelaar uit de lijst."))
        return redirect("behandeling:aanvraag", pk=pk)
    gekozen = next(b for b in behandelaars if str(b.pk) == form.cleaned_data["behandelaar"])
    return actie(
        request,
        pk,
        lambda: aanvraag_toewijzen(aanvraag_id=pk, door=request.user, behandelaar=gekozen),
        _("De aanvraag is toegewezen."),
    )
