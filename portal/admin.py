from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal import logboek, werkgebied
from portal.models import (
    GelijkgesteldeDag,
    Gemeente,
    NotifyInstelling,
    NotifySjabloon,
    Regeling,
    Sluitingsdag,
)


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


class NotifyInstellingForm(forms.ModelForm):
    """The API key is written, never shown: empty keeps the stored one."""

    basis_url = forms.URLField(
        label=_("adres van de NotifyNL-API"),
        assume_scheme="https",
        initial="https://api.notifynl.nl",
    )
    api_sleutel = forms.CharField(
        label=_("API-sleutel"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "De sleutel uit NotifyNL (naam-service-id-geheim). Leeg laten houdt de bewaarde "
            "sleutel. Hij wordt versleuteld bewaard en nooit meer getoond."
        ),
    )

    class Meta:
        model = NotifyInstelling
        fields = ["gemeente", "actief", "basis_url", "sms_afzender_id"]

    def clean_api_sleutel(self):
        sleutel = self.cleaned_data["api_sleutel"].strip()
        if sleutel and len(sleutel) < 74:  # "<naam>-<service id 36>-<geheim 36>"
            raise forms.ValidationError(
                _(
                    "Dit is geen NotifyNL-sleutel: die eindigt op twee lange codes "
                    "(service-id en geheim)."
                )
            )
        return sleutel

    def clean(self):
        data = super().clean()
        bewaard = self.instance.pk and self.instance.api_sleutel_versleuteld
        if data.get("actief") and not data.get("api_sleutel") and not bewaard:
            self.add_error("api_sleutel", _("Vul de API-sleutel in om NotifyNL aan te zetten."))
        return data

    def save(self, commit=True):
        if self.cleaned_data.get("api_sleutel"):
            self.instance.api_sleutel = self.cleaned_data["api_sleutel"]
        return super().save(commit)


class NotifySjabloonInline(admin.TabularInline):
    model = NotifySjabloon
    extra = 1


@admin.register(NotifyInstelling)
class NotifyInstellingAdmin(WerkgebiedAdmin, admin.ModelAdmin):
    """Per gemeente: NotifyNL on or off, its key and the template of each message kind."""

    form = NotifyInstellingForm
    list_display = ["gemeente", "actief", "basis_url"]
    inlines = [NotifySjabloonInline]
