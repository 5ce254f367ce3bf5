from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from portal import logboek, werkgebied
from portal.forms import BsnField
from portal.models import GelijkgesteldeDag, Gemeente, Regeling, Sluitingsdag, Verwerking


class BsnZoekForm(forms.Form):
    bsn = BsnField(label=_("Burgerservicenummer (BSN)"))


class InzageGelogd:
    """For admin pages about an aanvraag: each look at one is a processing of the inwoner's
    data, written to the Logboek Dataverwerkingen like the behandelaar's pages."""

    logboek_naam = "bekeken in beheer"

    def aanvraag_van(self, obj):
        return obj

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and (aanvraag := self.aanvraag_van(obj)) is not None:
            logboek.voor_aanvraag(
                aanvraag, activiteit="beheer", naam=self.logboek_naam, door=request.user
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


class WerkgebiedAdmin:
    """Functioneel beheer sees and edits only the gemeenten they work for (technisch beheer,
    a superuser, sees all). `werkgebied_via` is the path from the model to its gemeente."""

    werkgebied_via: str | None = "gemeente"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return werkgebied.beperk(qs, request.user, via=self.werkgebied_via)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "gemeente" and not request.user.is_superuser:
            kwargs["queryset"] = werkgebied.beperk(Gemeente.objects, request.user, via=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SluitingsdagInline(WerkgebiedAdmin, admin.TabularInline):
    model = Sluitingsdag
    extra = 1


@admin.register(Gemeente)
class GemeenteAdmin(WerkgebiedAdmin, admin.ModelAdmin):
    werkgebied_via = None
    list_display = ["naam", "cbs_code", "telefoon"]
    inlines = [SluitingsdagInline]
    filter_horizontal = ["medewerkers"]

    def has_add_permission(self, request):
        # A new gemeente in the installation is technisch beheer's work, not one gemeente's.
        return request.user.is_superuser


@admin.register(Regeling)
class RegelingAdmin(admin.ModelAdmin):
    list_display = ["naam", "norm_aanvraag_minuten", "norm_besluit_werkdagen", "digid_niveau"]


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]


@admin.register(Verwerking)
class VerwerkingAdmin(admin.ModelAdmin):
    """The Logboek Dataverwerkingen for the privacy officer (an inwoner's request by letter:
    "who looked at my file?"). Read-only. Found by BSN through a POST form that turns the BSN
    into the keyed hash, so the BSN is never in a URL or an access log; it is never shown in
    clear either. Each search by BSN is itself written to the logboek."""

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
        from django.contrib.auth.models import User
        from django.db.models import Q

        from aanvragen.models import Aanvraag

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
