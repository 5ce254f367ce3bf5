from django.contrib import admin

from portal import logboek, werkgebied
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
