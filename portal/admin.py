from django.contrib import admin

from portal import logboek
from portal.models import GelijkgesteldeDag, Gemeente, Regeling, Sluitingsdag


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


class SluitingsdagInline(admin.TabularInline):
    model = Sluitingsdag
    extra = 1


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "telefoon"]
    inlines = [SluitingsdagInline]


@admin.register(Regeling)
class RegelingAdmin(admin.ModelAdmin):
    list_display = ["naam", "norm_aanvraag_minuten", "norm_besluit_werkdagen", "digid_niveau"]


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]
