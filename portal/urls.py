from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from django_otp.admin import OTPAdminSite

from portal import tweefactor, views
from portal.forms import MedewerkerLoginForm
from portal.limieten import beperkt

admin.site.site_header = "Snelservice bijzondere bijstand — beheer"
if settings.TWEE_FACTOR_VERPLICHT:
    # The admin asks for the app's code too, and refuses a session without it.
    admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="wegwijzer:start"), name="home"),
    path("healthz", views.healthz, name="healthz"),
    # The short link in an SMS (160 characters): Mijn aanvragen, behind DigiD.
    path(
        "m",
        RedirectView.as_view(pattern_name="aanvragen:mijn-aanvragen"),
        name="kort-mijn-aanvragen",
    ),
    # Browsers ask for /favicon.ico whatever the page links: the icon, not a 404 in every log.
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg", permanent=True),
        name="favicon",
    ),
    path("wegwijzer/", include("wegwijzer.urls")),
    path("aanvragen/", include("aanvragen.urls")),
    path("behandeling/", include("behandeling.urls")),
    path("uitbetaling/", include("uitbetaling.urls")),
    path("digid/simulator/", views.digid_simulator, name="digid-simulator"),
    path("digid/uitloggen/", views.inwoner_uitloggen_view, name="inwoner-uitloggen"),
    path("digid/verlengen/", views.inwoner_verlengen, name="inwoner-verlengen"),
    path(
        "medewerker/inloggen/",
        beperkt("medewerker-login")(
            auth_views.LoginView.as_view(
                template_name="portal/medewerker_inloggen.html",
                authentication_form=MedewerkerLoginForm,
            )
        ),
        name="medewerker-inloggen",
    ),
    path("medewerker/tweede-stap/", tweefactor.tweede_stap, name="medewerker-tweede-stap"),
    path("medewerker/uitloggen/", auth_views.LogoutView.as_view(), name="medewerker-uitloggen"),
    path("medewerker/", views.medewerker_start, name="medewerker-start"),
    path("beheer/", admin.site.urls),
]

if settings.OIDC_RP_CLIENT_ID:  # staff login through the gemeente's identity provider
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

if settings.DIGID_SAML:
    from portal.digid_saml import DigiDAssertionConsumerView, DigiDLoginView

    urlpatterns += [
        path(
            "digid/",
            include(
                (
                    [
                        path("login/", DigiDLoginView.as_view(), name="login"),
                        path("acs/", DigiDAssertionConsumerView.as_view(), name="acs"),
                    ],
                    "digid",
                )
            ),
        ),
    ]
