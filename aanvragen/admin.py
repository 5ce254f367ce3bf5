from django.contrib import admin

from aanvragen.models import Aanvraag, StatusWijziging


class StatusWijzigingInline(admin.TabularInline):
    model = StatusWijziging
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "op", "door", "door_omschrijving", "reden"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Aanvraag)
class AanvraagAdmin(admin.ModelAdmin):
    """Read-only: status changes go through the services, never through the admin."""

    list_display = ["referentie", "gemeente", "status", "einddatum_gepland", "sla_status"]
    list_filter = ["status", "gemeente", "sla_status"]
    search_fields = ["referentie"]
    inlines = [StatusWijzigingInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
