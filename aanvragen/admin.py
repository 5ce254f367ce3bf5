from django import forms
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from aanvragen.models import Aanvraag, StatusWijziging
from portal import logboek, werkgebied
from portal.admin import InzageGelogd, WerkgebiedAdmin
from portal.forms import BsnField
from portal.models import Bericht, Verwerking

# Beheer helps with a stuck case, not with the inwoner's circumstances: these stay out of sight.
PERSOONSGEGEVENS = [
    "bsn",
    "naam",
    "adres",
    "postcode",
    "woonplaats",
    "partner_naam",
    "partner_bsn",
    "geboortedatum",
    "telefoon",
    "email",
    "inkomen",
    "inkomen_partner",
    "vermogen",
    "iban",
    "rekeninghouder",
    "leverancier_iban",
    "leverancier_naam",
    "omschrijving",
    "besluit_motivering",
    "voorgestelde_motivering",
]


class StatusWijzigingInline(admin.TabularInline):
    model = StatusWijziging
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "op", "door", "door_omschrijving", "reden"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Aanvraag)
class AanvraagAdmin(WerkgebiedAdmin, InzageGelogd, admin.ModelAdmin):
    """Read-only: status changes go through the services, never through the admin. Without
    the inwoner's personal data, and every look at one is logged."""

    exclude = PERSOONSGEGEVENS

    list_display = ["referentie", "gemeente", "status", "einddatum_gepland", "sla_status"]
    list_filter = ["status", ("gemeente", admin.RelatedOnlyFieldListFilter), "sla_status"]
    search_fields = ["referentie"]
    inlines = [StatusWijzigingInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BsnZoekForm(forms.Form):
    bsn = BsnField(label=_("Burgerservicenummer (BSN)"))


@admin.register(Verwerking)
class VerwerkingAdmin(admin.ModelAdmin):
    """The Logboek Dataverwerkingen (a portal model) for the privacy officer (an inwoner's
    request by letter: "who looked at my file?"). Read-only. Found by BSN through a POST form
    that turns the BSN into the keyed hash, so the BSN is never in a URL or an access log; it is
    never shown in clear either. Each search by BSN is itself written to the logboek.

    Registered here, not in portal: a colleague sees the entries about the aanvragen of the
    gemeenten they work for."""

    list_display = ["begin", "naam", "verwerkingsactiviteit", "actor", "aanvraag_id", "object_ref"]
    list_filter = ["verwerkingsactiviteit"]
    search_fields = ["trace_id", "object_ref"]
    search_help_text = _("Zoek op trace-id of object (terugbelverzoek:12). Op BSN: 'Zoek op BSN'.")
    exclude = ["betrokkene_versleuteld", "betrokkene_zoeksleutel"]
    show_full_result_count = False
    change_list_template = "admin/portal/verwerking/change_list.html"

    def get_urls(self):
        eigen = [
            path(
                "zoeken/",
                self.admin_site.admin_view(self.zoeken_op_bsn),
                name="portal_verwerking_zoeken",
            )
        ]
        return eigen + super().get_urls()

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        # Entries about aanvragen of one's own gemeenten, or by colleagues who work for them.
        gemeenten = sorted(werkgebied.gemeente_ids(request.user))
        return qs.filter(
            Q(aanvraag_id__in=Aanvraag.objects.filter(gemeente_id__in=gemeenten).values("pk"))
            | Q(medewerker_id__in=User.objects.filter(werkgemeenten__in=gemeenten).values("pk"))
        )

    def lookup_allowed(self, lookup, value, request=None):
        return lookup == "betrokkene_zoeksleutel" or super().lookup_allowed(lookup, value, request)

    def zoeken_op_bsn(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = BsnZoekForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            bsn = form.cleaned_data["bsn"]
            logboek.vastleggen(
                activiteit="beheer",
                naam="logboek doorzocht op BSN",
                bsns=[(bsn, None)],
                door=request.user,
            )
            lijst = reverse("admin:portal_verwerking_changelist")
            return redirect(f"{lijst}?betrokkene_zoeksleutel={logboek.zoeksleutel(bsn)}")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("Logboek doorzoeken op BSN"),
        }
        return TemplateResponse(request, "admin/portal/verwerking/zoeken.html", context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bericht)
class BerichtAdmin(admin.ModelAdmin):
    """The outbox for beheer: what waits, what was sent, what failed and why. Read-only; the
    recipient and the text stay out of sight (personal data). Scoped like the logboek."""

    list_display = [
        "aangemaakt_op",
        "soort",
        "kanaal",
        "aanvraag_id",
        "status",
        "aflevering",
        "pogingen",
        "verzonden_op",
    ]
    list_filter = ["status", "kanaal", "aflevering", "soort"]
    fields = [
        "soort",
        "kanaal",
        "aanvraag_id",
        "status",
        "pogingen",
        "laatste_fout",
        "aangemaakt_op",
        "volgende_poging_op",
        "verzonden_op",
        "extern_id",
        "extern_status",
        "aflevering",
        "aflevering_op",
    ]
    readonly_fields = fields
    show_full_result_count = False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        gemeenten = sorted(werkgebied.gemeente_ids(request.user))
        return qs.filter(
            aanvraag_id__in=Aanvraag.objects.filter(gemeente_id__in=gemeenten).values("pk")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
