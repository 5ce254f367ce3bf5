from django.contrib import admin

from portal.models import GelijkgesteldeDag, Gemeente, Regeling, Sluitingsdag


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
