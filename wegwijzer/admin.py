from django.contrib import admin

from wegwijzer.models import Kostensoort, Normbedrag, Vermogensgrens


@admin.register(Kostensoort)
class KostensoortAdmin(admin.ModelAdmin):
    list_display = ["naam", "vergoed", "maximum_bedrag", "volgorde"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Normbedrag)
class NormbedragAdmin(admin.ModelAdmin):
    list_display = ["leefsituatie", "leeftijdsgroep", "bedrag", "geldig_vanaf", "geldig_tot"]
    list_filter = ["geldig_vanaf", "leefsituatie"]


@admin.register(Vermogensgrens)
class VermogensgrensAdmin(admin.ModelAdmin):
    list_display = ["leefsituatie", "bedrag", "geldig_vanaf", "geldig_tot"]
