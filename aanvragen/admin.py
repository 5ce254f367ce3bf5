from django.contrib import admin

from aanvragen.models import Aanvraag, StatusWijziging
from portal.admin import InzageGelogd, WerkgebiedAdmin

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
