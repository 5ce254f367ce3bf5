from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanvragen.models import Aanvraag
from aanvragen.selectors import bewijs_nodig_get, document_get, voorstel_get
from aanvragen.status import AanvraagGewijzigd
from aanvragen.statussen import OPEN, Status
from aanvragen.views import document_response
from behandeling import selectors
from behandeling.aanvulling import aanvulling_vragen
from behandeling.besluiten import (
    aanvraag_afwijzen,
    aanvraag_buiten_behandeling,
    aanvraag_toekennen,
    betrokken_bij_betaling,
    leeftijdsgroep_bevestigen,
    toekenning_afkeuren,
    toekenning_goedkeuren,
)
from behandeling.contact import contactmoment_vastleggen
from behandeling.forms import (
    AanvullingForm,
    AfwijzenForm,
    BuitenBehandelingForm,
    ContactmomentForm,
    LeeftijdsgroepForm,
    PeriodeForm,
    RekeningBeoordelingForm,
    TerugleggenForm,
    ToekennenForm,
    ToewijzenForm,
    WerkvoorraadFilterForm,
)
from behandeling.presenters import (
    aanvraag_rij,
    aanvulling_initial,
    begunstigde_regel,
    motivering_ontbreekt_tekst,
    toekennen_initial,
    vergelijking,
    vier_ogen_teksten,
    werkvoorraad_filters,
    zekerheden_balken,
    zekerheden_csv,
)
from behandeling.regels import MotiveringOntbreekt, toekenning_toetsen, vier_ogen_nodig
from behandeling.werkvoorraad import (
    aanvraag_oppakken,
    aanvraag_toewijzen,
    aanvraag_vrijgeven,
    volgende_aanvraag_claimen,
)
from portal import logboek
from portal.rollen import Rol, rol_vereist, verzoek_heeft_rol
from portal.selectors import gemeente_list, kalender_get, kalenders_get
from uitbetaling import selectors as uitbetaling_selectors
from uitbetaling.begunstigde import mag_goedkeuren
from uitbetaling.forms import OpnieuwKlaarzettenForm
from uitbetaling.models import Rekeningwijziging
from uitbetaling.rekeningwijziging import (
    RekeningwijzigingFout,
    betaling_opnieuw_voorstellen,
    rekeningwijziging_beoordelen,
    rekeningwijziging_kenmerk,
)
from uitbetaling.statussen import TERUG_BIJ_BEHANDELAAR
from wegwijzer.models import Vorm
from wegwijzer.selectors import kostensoort_list

BEHANDELAARS = (Rol.BEHANDELAAR, Rol.TEAMLEIDER)


@rol_vereist(*BEHANDELAARS)
def werkvoorraad(request):
    kostensoorten = kostensoort_list()
    gemeenten = gemeente_list(medewerker=request.user)
    filter_form = WerkvoorraadFilterForm(
        request.GET or None, kostensoorten=kostensoorten, gemeenten=gemeenten
    )
    filters = filter_form.filters()  # unbound (no query string): no filter at all
    if request.GET:
        filter_form = filter_form.alleen_geldig()  # an old or typed link: ignored, not scolded
    filter_status, alleen_mijn, niet_opgepakt = filters["status"], filters["mijn"], filters["vrij"]
    kostensoort_id, gemeente_id = filters["kostensoort"], filters["gemeente"]
    qs = selectors.werkvoorraad_list(
        medewerker=request.user,
        filter_status=filter_status,
        alleen_mijn=alleen_mijn,
        kostensoort_id=kostensoort_id,
        gemeente_id=gemeente_id,
        niet_opgepakt=niet_opgepakt,
    )
    tellingen = selectors.werkvoorraad_tellingen(medewerker=request.user)
    paginator = Paginator(qs, 25)
    if not any(filters.values()):
        paginator.count = tellingen["totaal"]  # the whole open queue: counted once, not twice
    pagina = paginator.get_page(request.GET.get("pagina"))
    vandaag = timezone.localdate()
    aanvragen = list(pagina.object_list)
    kalenders = kalenders_get(gemeente_ids={a.gemeente_id for a in aanvragen}, vanaf=vandaag)
    return render(
        request,
        "behandeling/werkvoorraad.html",
        {
            "pagina": pagina,
            "rijen": [
                aanvraag_rij(a, vandaag=vandaag, kalender=kalenders[a.gemeente_id])
                for a in aanvragen
            ],
            "tellingen": tellingen,
            "filter_status": filter_status,
            "filter_form": filter_form,
            "kostensoort_id": kostensoort_id,
            "gemeente_id": gemeente_id,
            "niet_opgepakt": niet_opgepakt,
            "alleen_mijn": alleen_mijn,
            "filters": werkvoorraad_filters(**filters),
            "ter_goedkeuring": selectors.ter_goedkeuring_list(medewerker=request.user)[:20],
            "betalingen_terug": uitbetaling_selectors.betalingen_terug_list(
                medewerker=request.user
            )[:20],
        },
    )


def _getal(waarde) -> int | None:
    """An id from the query string, or None: never one the database cannot hold (a 20-digit
    number would overflow PostgreSQL's bigint and answer 500)."""
    if not isinstance(waarde, str) or not (waarde.isascii() and waarde.isdigit()):
        return None  # also refuses Arabic-Indic or full-width digits that int() would read
    getal = int(waarde)
    return getal if 0 < getal < 2**63 else None


@require_POST
@rol_vereist(*BEHANDELAARS)
def volgende(request):
    aanvraag = volgende_aanvraag_claimen(behandelaar=request.user)
    if aanvraag is None:
        messages.info(request, _("Er staan geen nieuwe aanvragen klaar."))
        return redirect("behandeling:werkvoorraad")
    return redirect("behandeling:aanvraag", pk=aanvraag.pk)


def _aanvraag_of_404(request, pk: int):
    """The aanvraag, if it belongs to a gemeente this colleague works for; else 404."""
    try:
        return selectors.aanvraag_get(pk=pk, medewerker=request.user)
    except Aanvraag.DoesNotExist:
        raise Http404 from None


@rol_vereist(*BEHANDELAARS)
def aanvraag_detail(request, pk: int, formulieren: dict | None = None, status=200):
    aanvraag = _aanvraag_of_404(request, pk)
    logboek.voor_aanvraag(
        aanvraag, activiteit="aanvraag-behandelen", naam="aanvraag inzien", door=request.user
    )
    voorstel = voorstel_get(aanvraag=aanvraag)
    bewijs_nodig = bewijs_nodig_get(aanvraag=aanvraag) if aanvraag.bewijs_volgt else ""
    vandaag = timezone.localdate()
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
    context = {
        "aanvraag": aanvraag,
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
        **_vier_ogen_context(request, aanvraag, voorstel),
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
        "leeftijd_form": LeeftijdsgroepForm(
            initial={"leeftijdsgroep": aanvraag.leeftijdsgroep_bevestigd or None}
        ),
        "aanvulling_form": AanvullingForm(initial=aanvulling_initial(aanvraag, bewijs_nodig)),
        "bewijs_nodig": bewijs_nodig,
        "buiten_form": BuitenBehandelingForm(),
        "mag_toewijzen": verzoek_heeft_rol(request, Rol.TEAMLEIDER) and aanvraag.status in OPEN,
        "toewijzen_form": ToewijzenForm(
            behandelaars=selectors.behandelaar_list(gemeente_id=aanvraag.gemeente_id),
            initial={"behandelaar": str(aanvraag.behandelaar_id or "")},
        ),
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
    return render(request, "behandeling/aanvraag.html", context, status=status)


def _actie(request, pk: int, uitvoeren, gelukt: str):
    _aanvraag_of_404(request, pk)
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
    return _actie(
        request,
        pk,
        lambda: aanvraag_oppakken(aanvraag_id=pk, behandelaar=request.user),
        _("U behandelt deze aanvraag nu."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def vrijgeven(request, pk: int):
    return _actie(
        request,
        pk,
        lambda: aanvraag_vrijgeven(aanvraag_id=pk, behandelaar=request.user),
        _("De aanvraag staat weer in de werkvoorraad."),
    )


def _vier_ogen_context(request, aanvraag, voorstel) -> dict:
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
def toekennen(request, pk: int):
    aanvraag = _aanvraag_of_404(request, pk)
    form = ToekennenForm(request.POST, buitenland_toegestaan=aanvraag.gemeente.buitenlandse_iban)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"toekennen_form": form}, status=400)
    try:
        aanvraag = aanvraag_toekennen(
            aanvraag_id=pk,
            behandelaar=request.user,
            bedrag=form.cleaned_data["bedrag"],
            motivering=form.cleaned_data["motivering"],
            vorm=form.cleaned_data["vorm"],
            lening_maandbedrag=form.cleaned_data.get("lening_maandbedrag"),
            lening_termijnen=form.cleaned_data.get("lening_termijnen"),
            leverancier=(
                form.cleaned_data["leverancier_naam"],
                form.cleaned_data["leverancier_iban"],
            )
            if form.cleaned_data.get("betalen_aan") == "leverancier"
            else None,
        )
    except MotiveringOntbreekt as exc:
        form.add_error("motivering", motivering_ontbreekt_tekst(exc.toetsing))
        return aanvraag_detail(request, pk, formulieren={"toekennen_form": form}, status=400)
    except AanvraagGewijzigd as exc:
        messages.error(request, str(exc))
    else:
        if aanvraag.status == Status.TOEGEKEND:
            messages.success(request, _("Toegekend. De betaling wordt direct klaargezet."))
        else:
            messages.info(request, _("Voorgesteld. Een collega keurt dit goed (vier ogen)."))
    return redirect("behandeling:aanvraag", pk=pk)


@require_POST
@rol_vereist(*BEHANDELAARS)
def goedkeuren(request, pk: int):
    return _actie(
        request,
        pk,
        lambda: toekenning_goedkeuren(
            aanvraag_id=pk, door=request.user, kenmerk=request.POST.get("kenmerk", "")
        ),
        _("Goedgekeurd en toegekend."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def afkeuren(request, pk: int):
    form = TerugleggenForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"terugleggen_form": form}, status=400)
    reden = form.cleaned_data["reden"].strip() or _("geen reden opgegeven")
    return _actie(
        request,
        pk,
        lambda: toekenning_afkeuren(aanvraag_id=pk, door=request.user, reden=reden),
        _("Het voorstel is teruggelegd."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def afwijzen(request, pk: int):
    form = AfwijzenForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"afwijzen_form": form}, status=400)
    try:
        return _actie(
            request,
            pk,
            lambda: aanvraag_afwijzen(
                aanvraag_id=pk,
                behandelaar=request.user,
                motivering=form.cleaned_data["motivering"],
            ),
            _("De aanvraag is afgewezen."),
        )
    except MotiveringOntbreekt as exc:
        form.add_error("motivering", motivering_ontbreekt_tekst(exc.toetsing))
        return aanvraag_detail(request, pk, formulieren={"afwijzen_form": form}, status=400)


@require_POST
@rol_vereist(*BEHANDELAARS)
def leeftijdsgroep(request, pk: int):
    form = LeeftijdsgroepForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"leeftijd_form": form}, status=400)
    return _actie(
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
    _aanvraag_of_404(request, pk)
    contactmoment_vastleggen(aanvraag_id=pk, door=request.user, **form.cleaned_data)
    messages.success(request, _("Het contact is vastgelegd."))
    return redirect("behandeling:aanvraag", pk=pk)


@require_POST
@rol_vereist(*BEHANDELAARS)
def aanvulling(request, pk: int):
    form = AanvullingForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"aanvulling_form": form}, status=400)
    return _actie(
        request,
        pk,
        lambda: aanvulling_vragen(
            aanvraag_id=pk,
            behandelaar=request.user,
            **form.cleaned_data,
        ),
        _("De vraag om aanvulling is verstuurd. De termijn staat stil vanaf morgen."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def buiten_behandeling(request, pk: int):
    form = BuitenBehandelingForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"buiten_form": form}, status=400)
    return _actie(
        request,
        pk,
        lambda: aanvraag_buiten_behandeling(
            aanvraag_id=pk,
            behandelaar=request.user,
            motivering=form.cleaned_data["motivering"],
        ),
        _("De aanvraag is buiten behandeling gesteld."),
    )


@require_POST
@rol_vereist(*BEHANDELAARS)
def betaling_opnieuw(request, pk: int):
    """After the bank refused: the case holder or a teamleider sets the payment up again; a new
    account waits for a second colleague."""
    aanvraag = _aanvraag_of_404(request, pk)
    opdracht = getattr(aanvraag, "betaalopdracht", None)
    if opdracht is None or opdracht.status not in TERUG_BIJ_BEHANDELAAR:
        messages.error(request, _("Er is geen teruggekomen betaling om opnieuw klaar te zetten."))
        return redirect("behandeling:aanvraag", pk=pk)
    form = OpnieuwKlaarzettenForm(
        request.POST, buitenland_toegestaan=aanvraag.gemeente.buitenlandse_iban
    )
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"opnieuw_form": form}, status=400)
    try:
        uitkomst = betaling_opnieuw_voorstellen(
            opdracht_id=opdracht.pk,
            door=request.user,
            iban=form.cleaned_data["iban"],
            naam=form.cleaned_data["rekeninghouder"],
            reden=form.cleaned_data["reden"],
            mag_voor_elke_zaak=verzoek_heeft_rol(request, Rol.TEAMLEIDER),
        )
    except RekeningwijzigingFout as exc:
        messages.error(request, str(exc))
    else:
        if isinstance(uitkomst, Rekeningwijziging):
            messages.info(request, _("De nieuwe rekening wacht op goedkeuring door een collega."))
        else:
            messages.success(request, _("De betaling staat weer klaar en gaat naar de bank."))
    return redirect("behandeling:aanvraag", pk=pk)


@require_POST
@rol_vereist(*BEHANDELAARS)
def rekening_beoordelen(request, pk: int):
    """A second colleague approves or refuses the new account of a refused payment."""
    aanvraag = _aanvraag_of_404(request, pk)
    opdracht = getattr(aanvraag, "betaalopdracht", None)
    wijziging = (
        uitbetaling_selectors.open_rekeningwijziging_get(opdracht_id=opdracht.pk)
        if opdracht is not None
        else None
    )
    if wijziging is None:
        messages.error(request, _("Er wacht geen nieuwe rekening op goedkeuring."))
        return redirect("behandeling:aanvraag", pk=pk)
    form = RekeningBeoordelingForm(request.POST)
    if not form.is_valid():
        return aanvraag_detail(request, pk, formulieren={"rekening_form": form}, status=400)
    goedkeuren = request.POST.get("besluit") == "goedkeuren"
    try:
        rekeningwijziging_beoordelen(
            wijziging_id=wijziging.pk,
            door=request.user,
            goedkeuren=goedkeuren,
            kenmerk_gezien=request.POST.get("kenmerk", ""),
            toelichting=form.cleaned_data["toelichting"].strip(),
        )
    except RekeningwijzigingFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Goedgekeurd. De betaling gaat opnieuw naar de bank.")
            if goedkeuren
            else _("Afgekeurd. De behandelaar hoort het in de geschiedenis."),
        )
    return redirect("behandeling:aanvraag", pk=pk)


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
    aanvraag = _aanvraag_of_404(request, pk)
    behandelaars = list(selectors.behandelaar_list(gemeente_id=aanvraag.gemeente_id))
    form = ToewijzenForm(request.POST, behandelaars=behandelaars)
    if not form.is_valid():
        messages.error(request, _("Kies een behandelaar uit de lijst."))
        return redirect("behandeling:aanvraag", pk=pk)
    gekozen = next(b for b in behandelaars if str(b.pk) == form.cleaned_data["behandelaar"])
    return _actie(
        request,
        pk,
        lambda: aanvraag_toewijzen(aanvraag_id=pk, door=request.user, behandelaar=gekozen),
        _("De aanvraag is toegewezen."),
    )


@rol_vereist(Rol.TEAMLEIDER)
def dashboard(request):
    vandaag = timezone.localdate()
    van, tot = PeriodeForm(request.GET or None, vandaag=vandaag).periode()
    # Shown with the period in force (a wrong or far date is corrected, not refused).
    periode_form = PeriodeForm({"van": van.isoformat(), "tot": tot.isoformat()}, vandaag=vandaag)
    cijfers = selectors.dashboard_cijfers(van=van, tot=tot, medewerker=request.user)
    if request.GET.get("formaat") == "csv":
        return zekerheden_csv(cijfers["zekerheden"], van=van, tot=tot)
    return render(
        request,
        "behandeling/dashboard.html",
        {
            **cijfers,
            "balken": zekerheden_balken(cijfers["zekerheden"]),
            "van": van,
            "tot": tot,
            "periode_form": periode_form,
        },
    )
