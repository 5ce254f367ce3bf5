from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from portal.admin import WerkgebiedAdmin
from wegwijzer import services
from wegwijzer.models import (
    AowLeeftijd,
    Beleidsregel,
    Draagkrachtband,
    Kostensoort,
    KostensoortBeleid,
    Normbedrag,
    Vermogensgrens,
    WegwijzerTelling,
)


@admin.register(Kostensoort)
class KostensoortAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Normbedrag)
class NormbedragAdmin(admin.ModelAdmin):
    list_display = ["leefsituatie", "leeftijdsgroep", "bedrag", "geldig_vanaf", "geldig_tot"]
    list_filter = ["geldig_vanaf", "leefsituatie"]


@admin.register(AowLeeftijd)
class AowLeeftijdAdmin(admin.ModelAdmin):
    list_display = ["jaar", "jaren", "maanden", "bron"]


@admin.register(Vermogensgrens)
class VermogensgrensAdmin(admin.ModelAdmin):
    list_display = ["leefsituatie", "bedrag", "geldig_vanaf", "geldig_tot"]


class InGebruikAlleenLezen:
    """A version an aanvraag used is frozen: its decisions must stay reproducible."""

    def has_change_permission(self, request, obj=None):
        beleidsregel = getattr(obj, "beleidsregel", obj)
        if beleidsregel is not None and services.beleidsregel_in_gebruik(beleidsregel=beleidsregel):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(
            request, obj
        )

    def has_add_permission(self, request, obj=None):
        if obj is not None and services.beleidsregel_in_gebruik(beleidsregel=obj):
            return False
        return super().has_add_permission(request, obj) if obj is not None else True


class DraagkrachtbandInline(InGebruikAlleenLezen, admin.TabularInline):
    model = Draagkrachtband
    extra = 0


class KostensoortBeleidInline(InGebruikAlleenLezen, admin.StackedInline):
    model = KostensoortBeleid
    extra = 0


@admin.register(Beleidsregel)
class BeleidsregelAdmin(WerkgebiedAdmin, InGebruikAlleenLezen, admin.ModelAdmin):
    list_display = ["naam", "gemeente", "regeling", "geldig_vanaf", "geldig_tot", "is_voorbeeld"]
    list_filter = [("gemeente", admin.RelatedOnlyFieldListFilter), "regeling"]
    inlines = [DraagkrachtbandInline, KostensoortBeleidInline]
    actions = ["nieuwe_versie"]

    def has_add_permission(self, request, obj=None):
        return admin.ModelAdmin.has_add_permission(self, request)

    @admin.action(description=_("Nieuwe versie maken (kopie vanaf morgen)"))
    def nieuwe_versie(self, request, queryset):
        for beleidsregel in queryset:
            nieuw = services.beleidsregel_nieuwe_versie(
                beleidsregel=beleidsregel, door=request.user
            )
            self.log_addition(request, nieuw, [{"added": {}}])
            messages.success(request, _("Nieuwe versie gemaakt: %(naam)s") % {"naam": nieuw})


@admin.register(WegwijzerTelling)
class WegwijzerTellingAdmin(WerkgebiedAdmin, admin.ModelAdmin):
    list_display = [
        "datum",
        "gemeente",
        "gestart",
        "afgerond",
        "uitkomst_ja",
        "uitkomst_nee",
        "uitkomst_onbekend",
        "binnen_twee_minuten",
    ]
    list_filter = [("gemeente", admin.RelatedOnlyFieldListFilter)]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
