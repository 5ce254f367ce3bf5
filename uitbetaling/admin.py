from django.contrib import admin

from portal.admin import InzageGelogd, WerkgebiedAdmin
from uitbetaling.models import Betaalopdracht


@admin.register(Betaalopdracht)
class BetaalopdrachtAdmin(WerkgebiedAdmin, InzageGelogd, admin.ModelAdmin):
    """Read-only, without the account holder's IBAN and name (financiën has its own page)."""

    exclude = ["iban", "naam"]

    def aanvraag_van(self, obj):
        return obj.aanvraag

    list_display = ["end_to_end_id", "gemeente", "bedrag", "status", "aangemaakt_op"]
    list_filter = ["status", ("gemeente", admin.RelatedOnlyFieldListFilter)]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
