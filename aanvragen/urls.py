from django.urls import path

from aanvragen import views

app_name = "aanvragen"

wizard = views.AanvraagWizard.as_view(url_name="aanvragen:stap", done_step_name="klaar")

urlpatterns = [
    path("", wizard, name="start"),
    path("stap/<str:step>/", wizard, name="stap"),
    path("ontvangen/<str:referentie>/", views.ontvangen, name="ontvangen"),
    path("mijn-aanvragen/", views.mijn_aanvragen, name="mijn-aanvragen"),
    path("mijn-gegevens/", views.mijn_gegevens, name="mijn-gegevens"),
    path("berichten/", views.berichten, name="berichten"),
    path("berichten/<int:pk>/bewijs/", views.bericht_bewijs_download, name="bericht-bewijs"),
    path("van-check/", views.van_check, name="van-check"),
    path("document/<int:pk>/", views.document, name="document"),
    path("bevestigen/<int:pk>/", views.bevestigen, name="bevestigen"),
    path("aanvulling/<int:pk>/", views.aanvulling, name="aanvulling"),
    path("bewijs/<int:pk>/", views.bewijs, name="bewijs"),
    path("toestemming/<int:pk>/", views.partner_toestemming, name="partner-toestemming"),
    path("terugbellen/", views.terugbellen, name="terugbellen"),
    path("terugbelverzoeken/", views.terugbelverzoeken, name="terugbelverzoeken"),
    path("namens/", views.namens_start, name="namens-start"),
    path("namens/stoppen/", views.namens_stoppen, name="namens-stoppen"),
]
