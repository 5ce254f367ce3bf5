from django.urls import path

from bench import views
from portal.urls import urlpatterns as portal_urlpatterns

kaal_wizard = views.met_database_sessie(views.KaleWizard.as_view(url_name="bench-wizard-stap"))

urlpatterns = [
    path("bench/kaal/", views.kaal, name="bench-kaal"),
    path("bench/wizard/", kaal_wizard, name="bench-wizard"),
    path("bench/wizard/<str:step>/", kaal_wizard, name="bench-wizard-stap"),
    *portal_urlpatterns,
]
