import time
import uuid
from dataclasses import dataclass
from datetime import date
from functools import wraps

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from formtools.wizard.views import NamedUrlSessionWizardView

from aanvragen import keuzes, selectors
from aanvragen import van_check as check
from aanvragen.aanvulling import aanvulling_ontvangen
from aanvragen.berichtteksten import NAMEN
from aanvragen.brp import BrpConfiguratieFout, BrpFout, brp_client
from aanvragen.concepten import concept_bestanden
from aanvragen.documenten import BewijsNietMeerNodig, bewijs_nasturen
from aanvragen.forms import (
    AanvullingAntwoordForm,
    BerichtkeuzeForm,
    BewijsForm,
    ControleForm,
    EmailCodeForm,
    GegevensForm,
    InkomenForm,
    KostenForm,
    NamensStartForm,
    TerugbelForm,
    UitbetalingForm,
)
from aanvragen.gegevens import AanvraagGegevens, situatie
from aanvragen.indienen import (
    aanvraag_bevestigen,
    aanvraag_indienen,
    gemeente_van,
    partner_toestemming_geven,
)
from aanvragen.models import Aanvraag, BerichtWeg, DocumentSoort, KeuzeBron
from aanvragen.presenters import (
    aanvraag_samenvatting,
    bericht_bewijs,
    bericht_regel,
    samenvatting,
    voortgang,
)
from aanvragen.selectors import indicatie_get
from aanvragen.statussen import Status
from aanvragen.terugbellen import (
    brieftaak_afhandelen,
    terugbelverzoek_afhandelen,
    terugbelverzoek_indienen,
)
from portal import logboek, werkgebied
from portal.digid import huidige_inwoner, login_url
from portal.fragmenten import fragment
from portal.limieten import beperkt, te_vaak, te_veel_verzoeken
from portal.models import PartnerToestemming
from portal.rollen import MEDEWERKERS, Rol, heeft_rol, rol_vereist, verzoek_heeft_rol
from portal.selectors import GEMEENTEN, gemeente_list, regeling_get
from wegwijzer.selectors import (
    BELEID,
    aow_leeftijden_get,
    beleidsregel_get,
    bewijs_nodig_per_kostensoort,
    kostensoort_list,
)

NAMENS_SLEUTEL = "namens_bsn"
WIZARD_PREFIX = "aanvraag"
STAPPEN = [
    ("gegevens", GegevensForm, gettext_lazy("Uw gegevens")),
    ("kosten", KostenForm, gettext_lazy("Wat wilt u aanvragen?")),
    ("inkomen", InkomenForm, gettext_lazy("Inkomen en geld")),
    ("uitbetaling", UitbetalingForm, gettext_lazy("Uitbetaling")),
    ("controleren", ControleForm, gettext_lazy("Controleer uw antwoorden")),
]


@dataclass(frozen=True)
class Aanvrager:
    bsn: str
    namens: object | None  # the klantcontact colleague filling it in, or None


def aanvrager_get(request) -> Aanvrager | None:
    if request.user.is_authenticated and verzoek_heeft_rol(request, Rol.KLANTCONTACT):
        bsn = request.session.get(NAMENS_SLEUTEL)
        return Aanvrager(bsn=bsn, namens=request.user) if bsn else None
    inwoner = huidige_inwoner(request)
    return Aanvrager(bsn=inwoner.bsn, namens=None) if inwoner else None


def aanvrager_vereist(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        aanvrager = aanvrager_get(request)
        if aanvrager is None:
            if request.user.is_authenticated and heeft_rol(request.user, Rol.KLANTCONTACT):
                return redirect("aanvragen:namens-start")
            return redirect(login_url(request.get_full_path()))
        request.aanvrager = aanvrager
        response = view(request, *args, **kwargs)
        if aanvrager.namens is not None and response.status_code < 300:
            # Logboek: a colleague on the phone saw the caller's data; one entry per page.
            logboek.vastleggen(
                activiteit="klantcontact",
                naam=f"namens inwoner: {request.resolver_match.url_name}",
                bsns=[(aanvrager.bsn, None)],
                door=request.user,
            )
        return response

    wrapper.inwoner_vereist = True
    return wrapper


@method_decorator([never_cache, aanvrager_vereist], name="dispatch")
class AanvraagWizard(NamedUrlSessionWizardView):
    form_list = [(naam, form) for naam, form, _titel in STAPPEN]
    template_name = "aanvragen/stap.html"
    storage_name = "aanvragen.concepten.ConceptStorage"  # saved per step in the database
    file_storage = concept_bestanden()

    def dispatch(self, request, *args, **kwargs):
        try:
            self.persoon = brp_client().persoon_get(request.aanvrager.bsn)
        except BrpConfiguratieFout:
            return render(request, "aanvragen/brp_onbereikbaar.html", status=503)
        except BrpFout:
            return render(request, "aanvragen/brp_onbereikbaar.html", status=503)
        if self.persoon is None:
            return render(request, "aanvragen/niet_gevonden.html", status=404)
        self.gemeente = gemeente_van(self.persoon)
        if not self.persoon.adres_bruikbaar:  # abroad, unknown: a beschikking needs an address
            return render(
                request,
                "aanvragen/geen_adres.html",
                {"persoon": self.persoon, "gemeente": self.gemeente},
                status=200,
            )
        namens = request.aanvrager.namens
        if namens is not None and not werkgebied.werkt_voor(
            namens, getattr(self.gemeente, "pk", None)
        ):
            return render(request, "aanvragen/namens_andere_gemeente.html", status=403)
        if self.gemeente is None:
            return render(
                request,
                "aanvragen/gemeente_doet_niet_mee.html",
                {"persoon": self.persoon},
                status=404,
            )
        self.vandaag = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    # Looked up only by the steps that need them (most steps don't): fewer queries per step.
    @cached_property
    def regeling(self):
        return regeling_get()

    @cached_property
    def beleidsregel(self):
        return beleidsregel_get(
            gemeente=self.gemeente, regeling=self.regeling, peildatum=self.vandaag
        )

    def get_prefix(self, request, *args, **kwargs):
        return WIZARD_PREFIX

    def get(self, request, *args, **kwargs):
        if request.GET.get("wijzigen"):
            self.storage.extra_data = {**self.storage.extra_data, "wijzigen": True}
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        stap = request.POST.get(f"{WIZARD_PREFIX}-current_step", "")
        if (request.FILES and te_vaak(request, "upload")) or (
            stap == "controleren" and te_vaak(request, "indienen")
        ):
            return te_veel_verzoeken(request)  # the draft stays as it was
        extra = self.storage.extra_data
        if "token" not in extra:
            self.storage.extra_data = {
                **extra,
                "token": str(uuid.uuid4()),
                "bsn": request.aanvrager.bsn,
                "gestart": time.time(),
            }
        return super().post(request, *args, **kwargs)

    def render_next_step(self, form, **kwargs):
        extra = self.storage.extra_data
        if extra.get("wijzigen"):
            self.storage.extra_data = {k: v for k, v in extra.items() if k != "wijzigen"}
            return redirect(self.get_step_url("controleren"))
        return super().render_next_step(form, **kwargs)

    def _email_controle(self, email: str, code: str) -> str | None:
        """Wmebv: an address is used only once proven. None when it is (before, or with the
        typed code); else a code is sent and the message says so."""
        bsn = self.request.aanvrager.bsn
        if keuzes.email_bewezen(bsn, email):
            return None
        if code.strip():
            if keuzes.email_code_controleren(bsn=bsn, email=email, code=code):
                return None
            return _(
                "Deze code klopt niet of is te oud. Kijk goed in de e-mail. Of maak het vak leeg "
                "en klik op Volgende: dan sturen wij een nieuwe code."
            )
        if keuzes.email_code_sturen(bsn=bsn, email=email, gemeente_id=self.gemeente.pk):
            return _(
                "Wij stuurden een code naar %(email)s. Vul die hier in. Ziet u niets? Kijk ook bij "
                "ongewenste e-mail. Of kies voor brieven."
            ) % {"email": email}
        return _("U vroeg al vijf codes dit uur. Kies nu voor brieven, of probeer het later.")

    def get_form_kwargs(self, step=None):
        if step == "controleren" and self.request.aanvrager.namens is not None:
            return {"namens": self.gemeente.bevestiging_namens}
        if step == "gegevens":
            # A partner without a BSN of their own cannot consent with DigiD: the applicant
            # declares the consent instead (Pw art. 43), whatever the gemeente chose.
            vastleggen = (
                self.gemeente.partner_toestemming == PartnerToestemming.VASTLEGGEN
                or not self.persoon.huishouden.toestemming_met_digid_mogelijk
            )
            return {
                "partner_naam": self.persoon.partner_naam
                if self.persoon.heeft_partner and vastleggen
                else "",
                "sms": keuzes.sms_mogelijk(self.gemeente.pk),
                "email_controle": self._email_controle,
            }
        if step == "inkomen":
            return {"heeft_partner": self.persoon.heeft_partner}
        if step == "uitbetaling":
            return {"buitenland_toegestaan": self.gemeente.buitenlandse_iban}
        if step == "kosten":
            return {
                "kostensoorten": kostensoort_list(
                    beleidsregel=self.beleidsregel, alleen_vergoed=True
                ),
                "bewijs_nodig": bewijs_nodig_per_kostensoort(beleidsregel=self.beleidsregel),
                "namens": self.request.aanvrager.namens is not None,
            }
        return {}

    def get_form(self, step=None, data=None, files=None):
        """Keep an earlier upload when the inwoner posts the step again without a new file."""
        step = step or self.steps.current
        if step == "kosten" and data is not None and not (files and files.get("kosten-bewijs")):
            eerder = self.storage.get_step_files("kosten")
            if eerder:
                # formtools keeps step files under their prefixed field names
                files = MultiValueDict({veld: [bestand] for veld, bestand in eerder.items()})
        return super().get_form(step=step, data=data, files=files)

    def get_form_initial(self, step):
        """Answers from the Wegwijzer check, so nothing is asked twice."""
        return check.voor_stap(self.request, step)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        titels = {naam: titel for naam, _form, titel in STAPPEN}
        context.update(
            persoon=self.persoon,
            gemeente=self.gemeente,
            namens=self.request.aanvrager.namens,
            partner_via_digid=self.persoon.heeft_partner
            and self.persoon.huishouden.toestemming_met_digid_mogelijk
            and self.gemeente.partner_toestemming == PartnerToestemming.DIGID,
            stap_titel=titels[self.steps.current],
            stap_nummer=self.steps.index + 1,
            stap_totaal=self.steps.count,
            bewijs_naam=self.storage.data.get("step_files", {})
            .get("kosten", {})
            .get("kosten-bewijs", {})
            .get("name"),
        )
        if self.steps.current == "controleren":
            context["indicatie"] = self.indicatie()
            context["samenvatting"] = samenvatting(
                {naam: self.get_cleaned_data_for_step(naam) or {} for naam, *_r in STAPPEN},
                stap_url=lambda stap: f"{self.get_step_url(stap)}?wijzigen=1",
            )
        return context

    def indicatie(self):
        """The pre-check: the same engine and rule version as the behandelaar's proposal."""
        if not self.get_cleaned_data_for_step("kosten") or not self.get_cleaned_data_for_step(
            "inkomen"
        ):
            return None
        gegevens = AanvraagGegevens.uit_stappen(
            {
                veld: waarde
                for naam, *_r in STAPPEN
                for veld, waarde in (self.get_cleaned_data_for_step(naam) or {}).items()
            }
        )
        return indicatie_get(
            gemeente=self.gemeente,
            regeling=self.regeling,
            peildatum=self.vandaag,
            situatie=situatie(
                gegevens,
                heeft_partner=self.persoon.heeft_partner,
                geboortedatum=date.fromisoformat(self.persoon.geboortedatum)
                if self.persoon.geboortedatum
                else None,
                peildatum=self.vandaag,
                aow_leeftijden=aow_leeftijden_get(),
            ),
        )

    def done(self, form_list, form_dict, **kwargs):
        data = {}
        for form in form_list:
            data.update(form.cleaned_data)
        aanvraag = aanvraag_indienen(
            persoon=self.persoon,
            gegevens=AanvraagGegevens.uit_stappen(data),
            regeling=self.regeling,
            token=uuid.UUID(self.storage.extra_data["token"]),
            namens=self.request.aanvrager.namens,
            duur_seconden=int(time.time() - self.storage.extra_data.get("gestart", time.time())),
            bijlagen=[(DocumentSoort.BEWIJS, data["bewijs"])] if data.get("bewijs") else [],
        )
        check.wissen(self.request)
        if aanvraag.status == Status.CONCEPT:  # waits for the inwoner's DigiD confirmation
            return render(self.request, "aanvragen/ter_bevestiging.html", {"aanvraag": aanvraag})
        return redirect("aanvragen:ontvangen", referentie=aanvraag.referentie)


@never_cache
@aanvrager_vereist
def ontvangen(request, referentie: str):
    aanvraag = selectors.aanvraag_van_aanvrager_get(
        bsn=request.aanvrager.bsn, referentie=referentie, namens=request.aanvrager.namens
    )
    if aanvraag is None:
        raise Http404
    return render(
        request,
        "aanvragen/ontvangen.html",
        {"aanvraag": aanvraag, "namens": request.aanvrager.namens},
    )


def document_response(document) -> FileResponse:
    """Serve a private document inline, with its checked type and original name."""
    return FileResponse(
        document.bestand.open("rb"),
        content_type=document.content_type,
        filename=document.bestandsnaam,
        as_attachment=document.content_type not in ("application/pdf", "image/jpeg", "image/png"),
    )


@never_cache
@aanvrager_vereist
def document(request, pk: int):
    gevonden = selectors.document_van_inwoner_get(
        bsn=request.aanvrager.bsn, pk=pk, namens=request.aanvrager.namens
    )
    if gevonden is None:
        raise Http404
    return document_response(gevonden)


@never_cache
@aanvrager_vereist
def mijn_gegevens(request):
    """AVG inzage: who or what used my personal data, when and why (Logboek Dataverwerkingen).
    Only the inwoner themself: a colleague on the phone does not see this page."""
    if request.aanvrager.namens is not None:
        raise Http404
    regels = list(logboek.van_betrokkene(request.aanvrager.bsn)[:200])
    referenties = selectors.referenties_van_inwoner(
        bsn=request.aanvrager.bsn, pks={r.aanvraag_id for r in regels if r.aanvraag_id}
    )
    return render(
        request,
        "aanvragen/mijn_gegevens.html",
        {
            "regels": [
                {
                    "op": r.begin,
                    "waarom": logboek.VERWERKINGSACTIVITEITEN[r.verwerkingsactiviteit],
                    "door": _("Een medewerker van de gemeente")
                    if r.medewerker_id
                    else _("De computer, automatisch"),
                    "referentie": referenties.get(r.aanvraag_id, ""),
                }
                for r in regels
            ]
        },
    )


@never_cache
@aanvrager_vereist
def mijn_aanvragen(request):
    bsn, namens = request.aanvrager.bsn, request.aanvrager.namens

    def context() -> dict:
        lijsten = selectors.mijn_aanvragen_get(bsn=bsn, namens=namens)
        for aanvraag in lijsten.ingediend:
            aanvraag.voortgang = voortgang(aanvraag.status)
        return {
            "aanvragen": lijsten.ingediend,
            "concept": selectors.concept_van_inwoner_get(bsn=bsn) if namens is None else None,
            "ter_bevestiging": lijsten.ter_bevestiging,
            "toestemming_gevraagd": lijsten.toestemming_gevraagd,
            "wacht_op_partner": lijsten.wacht_op_partner,
        }

    versie = selectors.mijn_aanvragen_stempel(bsn=bsn)
    return render(
        request,
        "aanvragen/mijn_aanvragen.html",
        {
            # cached under the version of everything it shows, the person, the colleague on
            # the phone (who sees only their gemeenten' aanvragen) and the day (ADR 0014)
            "inhoud": fragment(
                request,
                template="aanvragen/mijn_aanvragen_inhoud.html",
                inhoud=None
                if versie is None
                else (bsn, getattr(namens, "pk", None), timezone.localdate(), versie),
                context=context,
                generatie_namen=(GEMEENTEN, BELEID, MEDEWERKERS),
            )
        },
    )


@never_cache
@aanvrager_vereist
def partner_toestemming(request, pk: int):
    """Pw art. 43: the partner logs in with their own DigiD and consents."""
    aanvraag = (
        selectors.toestemming_gevraagd_list(partner_bsn=request.aanvrager.bsn).filter(pk=pk).first()
    )
    if aanvraag is None or request.aanvrager.namens is not None:
        raise Http404
    if request.method == "POST":
        aanvraag = partner_toestemming_geven(
            aanvraag_id=aanvraag.pk, partner_bsn=request.aanvrager.bsn
        )
        messages.success(request, _("Dank u wel. Uw toestemming is vastgelegd."))
        return redirect("aanvragen:mijn-aanvragen")
    return render(
        request,
        "aanvragen/partner_toestemming.html",
        {"aanvraag": aanvraag, "regels": aanvraag_samenvatting(aanvraag)},
    )


@never_cache
@aanvrager_vereist
@beperkt("upload")
def aanvulling(request, pk: int):
    """The inwoner answers a request for more information (text and an optional file)."""
    verzoek = selectors.open_aanvullingsverzoek_get(
        bsn=request.aanvrager.bsn, pk=pk, namens=request.aanvrager.namens
    )
    if verzoek is None:
        raise Http404
    form = AanvullingAntwoordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        aanvulling_ontvangen(
            verzoek_id=verzoek.pk,
            bsn=request.aanvrager.bsn,
            antwoord=form.cleaned_data["antwoord"],
            bestand=form.cleaned_data.get("bestand"),
            namens=request.aanvrager.namens,
        )
        messages.success(request, _("Dank u wel. Wij gaan verder met uw aanvraag."))
        return redirect("aanvragen:mijn-aanvragen")
    return render(
        request,
        "aanvragen/aanvulling.html",
        {"verzoek": verzoek, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@aanvrager_vereist
def bewijs(request, pk: int):
    """Send the proof that was to follow ("bewijs volgt"), from Mijn aanvragen."""
    aanvraag = selectors.bewijs_volgt_get(
        bsn=request.aanvrager.bsn, pk=pk, namens=request.aanvrager.namens
    )
    if aanvraag is None:
        raise Http404
    verzoek = next((v for v in aanvraag.aanvullingsverzoeken.all() if not v.beantwoord_op), None)
    if verzoek is not None:  # we asked for it: answering restarts the clock
        return redirect("aanvragen:aanvulling", pk=verzoek.pk)
    form = BewijsForm(request.POST, request.FILES) if request.method == "POST" else BewijsForm()
    if request.method == "POST" and form.is_valid():
        try:
            bewijs_nasturen(
                aanvraag_id=aanvraag.pk,
                bsn=request.aanvrager.bsn,
                bestand=form.cleaned_data["bestand"],
                namens=request.aanvrager.namens,
            )
        except BewijsNietMeerNodig as exc:
            messages.info(request, str(exc))
        else:
            messages.success(request, _("Dank u wel. Wij hebben uw bewijs ontvangen."))
        return redirect("aanvragen:mijn-aanvragen")
    return render(
        request,
        "aanvragen/bewijs.html",
        {
            "aanvraag": aanvraag,
            "form": form,
            "nodig": selectors.bewijs_nodig_get(aanvraag=aanvraag),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@aanvrager_vereist
def bevestigen(request, pk: int):
    """The inwoner checks and confirms what a colleague filled in on the phone."""
    aanvraag = selectors.ter_bevestiging_get(bsn=request.aanvrager.bsn, pk=pk)
    if aanvraag is None or request.aanvrager.namens is not None:
        raise Http404
    if request.method == "POST":
        aanvraag = aanvraag_bevestigen(aanvraag_id=aanvraag.pk, bsn=request.aanvrager.bsn)
        return redirect("aanvragen:ontvangen", referentie=aanvraag.referentie)
    return render(
        request,
        "aanvragen/bevestigen.html",
        {"aanvraag": aanvraag, "regels": aanvraag_samenvatting(aanvraag)},
    )


@require_POST
def van_check(request):
    """ "Aanvraag starten" on the Wegwijzer outcome: keep the answers, then into the wizard."""
    if not check.bewaren(request, request.POST.get("staat", "")):
        messages.info(request, _("Uw antwoorden uit de check waren te oud. Vul ze hier in."))
    return redirect("aanvragen:start")


@beperkt("terugbellen")
def terugbellen(request):
    """An inwoner asks to be called back. No login: only name, phone and a time slot."""
    form = TerugbelForm(request.POST or None, gemeenten=gemeente_list())
    if request.method == "POST" and form.is_valid():
        verzoek = terugbelverzoek_indienen(
            gemeente=form.cleaned_data["gemeente"],
            naam=form.cleaned_data["naam"],
            telefoon=form.cleaned_data["telefoon"],
            tijdvak=form.cleaned_data["tijdvak"],
            vraag=form.cleaned_data["vraag"],
        )
        return render(request, "aanvragen/terugbellen_ontvangen.html", {"verzoek": verzoek})
    return render(request, "aanvragen/terugbellen.html", {"form": form})


@never_cache
@rol_vereist(Rol.KLANTCONTACT)
def terugbelverzoeken(request):
    if request.method == "POST":
        try:
            pk = int(request.POST.get("verzoek") or request.POST.get("brief") or "")
        except ValueError:
            pk = 0
        if "brief" in request.POST:
            if brieftaak_afhandelen(pk=pk, door=request.user):
                messages.success(request, _("De brief staat als verstuurd."))
            else:
                messages.info(request, _("Deze brief was al verstuurd door een collega."))
        elif terugbelverzoek_afhandelen(pk=pk, door=request.user):
            messages.success(request, _("Het terugbelverzoek is afgehandeld."))
        else:
            messages.info(request, _("Dit verzoek was al afgehandeld door een collega."))
        return redirect("aanvragen:terugbelverzoeken")
    verzoeken = list(selectors.terugbelverzoek_list(medewerker=request.user))
    brieven = list(selectors.brieftaak_list(medewerker=request.user))
    for brief in brieven:
        brief.naam = NAMEN.get(brief.soort, brief.soort)
    logboek.vastleggen(  # names, phone numbers and questions of the callers: one entry a view
        activiteit="klantcontact",
        naam=f"terugbelverzoeken bekeken ({len(verzoeken)})",
        # Which requests were on it follows from the time: those open at that moment.
        objecten=["terugbelverzoeken"],
        door=request.user,
    )
    return render(
        request,
        "aanvragen/terugbelverzoeken.html",
        {
            "verzoeken": verzoeken,
            "brieven": brieven,
        },
    )


@never_cache
@rol_vereist(Rol.KLANTCONTACT)
def namens_start(request):
    """Telephone safety net: a colleague fills in the application for the caller."""
    form = NamensStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bsn = form.cleaned_data["bsn"]
        try:
            persoon = brp_client().persoon_get(bsn)
        except BrpFout:
            return render(request, "aanvragen/brp_onbereikbaar.html", status=503)
        logboek.vastleggen(
            activiteit="klantcontact",
            naam="beller opgezocht in de BRP",
            bsns=[(bsn, None)],
            door=request.user,
        )
        gemeente = gemeente_van(persoon) if persoon is not None else None
        if persoon is None:
            form.add_error("bsn", _("Dit BSN staat niet in de BRP. Controleer het nummer."))
        elif not werkgebied.werkt_voor(request.user, getattr(gemeente, "pk", None)):
            form.add_error(
                "bsn",
                _(
                    "Deze beller woont in een gemeente waarvoor u niet werkt. Verwijs de beller "
                    "naar zijn eigen gemeente."
                ),
            )
        else:
            request.session[NAMENS_SLEUTEL] = bsn
            messages.info(request, _("U vult nu een aanvraag in namens de beller."))
            return redirect(reverse("aanvragen:stap", kwargs={"step": "gegevens"}))
    return render(
        request, "aanvragen/namens_start.html", {"form": form}, status=400 if form.errors else 200
    )


@rol_vereist(Rol.KLANTCONTACT)
def namens_stoppen(request):
    if request.method == "POST":
        request.session.pop(NAMENS_SLEUTEL, None)
    return redirect("aanvragen:namens-start")


@never_cache
@aanvrager_vereist
def berichten(request):
    """Wmebv: how the inwoner wants to hear from the gemeente, per kind of message; an e-mail
    address is used only after the inwoner typed the code we sent to it. A colleague on the
    phone records what the inwoner says (source: telephone)."""
    aanvrager = request.aanvrager
    aanvraag = selectors.laatste_aanvraag_get(bsn=aanvrager.bsn, namens=aanvrager.namens)
    if aanvraag is None:
        return render(request, "aanvragen/berichten.html", {"aanvraag": None})
    gemeente_id = aanvraag.gemeente_id
    huidig = keuzes.keuze_get(bsn=aanvrager.bsn, gemeente_id=gemeente_id)
    sms = keuzes.sms_mogelijk(gemeente_id)
    form = BerichtkeuzeForm(
        request.POST if request.POST.get("actie") == "kiezen" else None,
        sms=sms,
        initial=_keuze_initial(huidig, aanvraag),
    )
    code_form = EmailCodeForm(request.POST if request.POST.get("actie") == "code" else None)
    if request.method == "POST" and form.is_bound and form.is_valid():
        gekozen = keuzes.keuze_vastleggen(
            bsn=aanvrager.bsn,
            gemeente_id=gemeente_id,
            wegen={s: form.cleaned_data[s] for s in BerichtkeuzeForm.SOORTEN},
            telefoon=form.cleaned_data.get("telefoon", ""),
            email=form.cleaned_data["email"],
            bron=KeuzeBron.TELEFOON if aanvrager.namens else KeuzeBron.MIJN_AANVRAGEN,
            door=aanvrager.namens,
        )
        if _email_gekozen(gekozen) and gekozen.email_geverifieerd_op is None:
            _code_sturen(request, gekozen)
        else:
            messages.success(request, _("Uw keuze is bewaard."))
        return redirect("aanvragen:berichten")
    if request.POST.get("actie") == "nieuwe-code" and huidig is not None and huidig.email:
        _code_sturen(request, huidig)
        return redirect("aanvragen:berichten")
    if code_form.is_bound and huidig is not None and code_form.is_valid():
        if keuzes.email_code_controleren(
            bsn=huidig.bsn, email=huidig.email, code=code_form.cleaned_data["code"]
        ):
            messages.success(request, _("Dank u. Wij sturen u nu e-mail zoals u koos."))
            return redirect("aanvragen:berichten")
        code_form.add_error(
            "code",
            _("Deze code klopt niet of is te oud. Kijk goed, of vraag een nieuwe code aan."),
        )
    status = 400 if (form.is_bound or code_form.is_bound) and request.method == "POST" else 200
    return render(
        request,
        "aanvragen/berichten.html",
        {
            "aanvraag": aanvraag,
            "form": form,
            "code_form": code_form,
            "code_nodig": huidig is not None
            and _email_gekozen(huidig)
            and huidig.email_geverifieerd_op is None,
            "huidig": huidig,
            "geschiedenis": selectors.berichtkeuzes_list(
                bsn=aanvrager.bsn, gemeente_id=gemeente_id
            )[:20],
            "ontvangen": selectors.ontvangsten_van_inwoner(
                bsn=aanvrager.bsn, namens=aanvrager.namens
            )[:50],
            "verstuurd": [
                bericht_regel(b)
                for b in selectors.berichten_aan_inwoner(
                    bsn=aanvrager.bsn, namens=aanvrager.namens
                )[:50]
            ],
            "sms": sms,
        },
        status=status,
    )


@never_cache
@aanvrager_vereist
def bericht_bewijs_download(request, pk: int):
    """The proof of one message the inwoner got, to keep (plain text)."""
    aanvrager = request.aanvrager
    bericht = selectors.bericht_van_inwoner_get(bsn=aanvrager.bsn, pk=pk, namens=aanvrager.namens)
    if bericht is None:
        raise Http404
    aanvraag = Aanvraag.objects.select_related("gemeente").get(pk=bericht.aanvraag_id)
    response = HttpResponse(
        bericht_bewijs(bericht, referentie=aanvraag.referentie, gemeente=aanvraag.gemeente.naam),
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="bewijs-bericht-{bericht.pk}.txt"'
    return response


def _code_sturen(request, keuze) -> None:
    if keuzes.email_code_sturen(bsn=keuze.bsn, email=keuze.email, gemeente_id=keuze.gemeente_id):
        messages.info(
            request,
            _("Wij stuurden een code naar %(email)s. Vul die hieronder in.")
            % {"email": keuze.email},
        )
    else:
        messages.error(
            request,
            _("U vroeg al vijf codes dit uur. Probeer het over een uur opnieuw, of bel ons."),
        )


def _email_gekozen(keuze) -> bool:
    return any(getattr(keuze, s) == BerichtWeg.EMAIL for s in BerichtkeuzeForm.SOORTEN)


def _keuze_initial(huidig, aanvraag) -> dict:
    if huidig is not None:
        return {
            **{s: getattr(huidig, s) for s in BerichtkeuzeForm.SOORTEN},
            "telefoon": huidig.telefoon,
            "email": huidig.email,
        }
    weg = (
        BerichtWeg.EMAIL
        if aanvraag.elektronisch_communiceren and aanvraag.email
        else BerichtWeg.BRIEF
    )
    return {
        **dict.fromkeys(BerichtkeuzeForm.SOORTEN, weg),
        "telefoon": keuzes.telefoon_e164(aanvraag.telefoon) or "",
        "email": aanvraag.email,
    }
