from django.urls import path

from behandeling.views import aanvraag, besluit, betaling, dashboard, werkvoorraad

app_name = "behandeling"

urlpatterns = [
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("volgende/", werkvoorraad.volgende, name="volgende"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("document/<int:pk>/", aanvraag.document, name="document"),
    path("aanvraag/<int:pk>/", aanvraag.aanvraag_detail, name="aanvraag"),
    path("aanvraag/<int:pk>/oppakken/", aanvraag.oppakken, name="oppakken"),
    path("aanvraag/<int:pk>/vrijgeven/", aanvraag.vrijgeven, name="vrijgeven"),
    path("aanvraag/<int:pk>/toewijzen/", aanvraag.toewijzen, name="toewijzen"),
    path("aanvraag/<int:pk>/leeftijdsgroep/", aanvraag.leeftijdsgroep, name="leeftijdsgroep"),
    path("aanvraag/<int:pk>/contact/", aanvraag.contactmoment, name="contactmoment"),
    path("aanvraag/<int:pk>/aanvulling/", aanvraag.aanvulling, name="aanvulling"),
    path("aanvraag/<int:pk>/toekennen/", besluit.toekennen, name="toekennen"),
    path("aanvraag/<int:pk>/afwijzen/", besluit.afwijzen, name="afwijzen"),
    path("aanvraag/<int:pk>/goedkeuren/", besluit.goedkeuren, name="goedkeuren"),
    path("aanvraag/<int:pk>/afkeuren/", besluit.afkeuren, name="afkeuren"),
    path(
        "aanvraag/<int:pk>/buiten-behandeling/",
        besluit.buiten_behandeling,
        name="buiten-behandeling",
    ),
    path("aanvraag/<int:pk>/betaling-opnieuw/", betaling.betaling_opnieuw, name="betaling-opnieuw"),
    path(
        "aanvraag/<int:pk>/rekening-beoordelen/",
        betaling.rekening_beoordelen,
        name="rekening-beoordelen",
    ),
]
