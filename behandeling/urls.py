from django.urls import path

from behandeling import views

app_name = "behandeling"

urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("volgende/", views.volgende, name="volgende"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("document/<int:pk>/", views.document, name="document"),
    path("aanvraag/<int:pk>/", views.aanvraag_detail, name="aanvraag"),
    path("aanvraag/<int:pk>/oppakken/", views.oppakken, name="oppakken"),
    path("aanvraag/<int:pk>/vrijgeven/", views.vrijgeven, name="vrijgeven"),
    path("aanvraag/<int:pk>/toekennen/", views.toekennen, name="toekennen"),
    path("aanvraag/<int:pk>/afwijzen/", views.afwijzen, name="afwijzen"),
    path("aanvraag/<int:pk>/goedkeuren/", views.goedkeuren, name="goedkeuren"),
    path("aanvraag/<int:pk>/toewijzen/", views.toewijzen, name="toewijzen"),
    path("aanvraag/<int:pk>/betaling-opnieuw/", views.betaling_opnieuw, name="betaling-opnieuw"),
    path("aanvraag/<int:pk>/afkeuren/", views.afkeuren, name="afkeuren"),
    path(
        "aanvraag/<int:pk>/rekening-beoordelen/",
        views.rekening_beoordelen,
        name="rekening-beoordelen",
    ),
    path("aanvraag/<int:pk>/leeftijdsgroep/", views.leeftijdsgroep, name="leeftijdsgroep"),
    path("aanvraag/<int:pk>/contact/", views.contactmoment, name="contactmoment"),
    path("aanvraag/<int:pk>/aanvulling/", views.aanvulling, name="aanvulling"),
    path(
        "aanvraag/<int:pk>/buiten-behandeling/", views.buiten_behandeling, name="buiten-behandeling"
    ),
]
