"""Production DigiD over SAML (django-digid-eherkenning), ending in our own inwoner session.

The flow (Logius, koppelvlakspecificatie DigiD SAML):
1. `DigiDLoginView` signs an AuthnRequest that asks for at least the regeling's DigiD level and
   posts it to DigiD (HTTP-POST binding; a small script submits the form, a button without it).
2. DigiD sends the inwoner back to `DigiDAssertionConsumerView` with a SAML artifact.
3. The ACS resolves the artifact with the package's client: a signed ArtifactResolve over mutual
   TLS (our certificate) to DigiD's resolution service. python3-saml checks the signed assertion
   (issuer, audience, destination, times, InResponseTo); the package checks that the response
   answers a request we sent.
4. We check the level DigiD reports against the regeling's level and log the inwoner in.

Inwoners are not Django users, so the package's own ACS and single logout (which look up a user
with a `bsn` field) are not used: the portal session ends on "Uitloggen" or after
INWONER_SESSIE_MINUTEN without activity. Functioneel beheer configures the identity provider and
the certificates in the admin (DigiD-configuratie).

Imported when settings.DIGID_SAML is on (install the `saml` extra).
"""

import logging
from urllib.parse import urlsplit

import requests
from digid_eherkenning.exceptions import CertificateProblem
from digid_eherkenning.saml2.digid import DigiDClient
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from onelogin.saml2.errors import OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError

from portal.digid import bsn_uit_name_id, inwoner_inloggen
from portal.limieten import beperkt
from portal.models import DigidNiveau
from portal.niveaus import Niveau, voldoet
from portal.selectors import vereist_digid_niveau

logger = logging.getLogger(__name__)

# What can go wrong between us and DigiD without it being the inwoner's doing.
CONFIGURATIEFOUTEN = (CertificateProblem, OneLogin_Saml2_Error, ValueError, OSError)


class PortalDigiDClient(DigiDClient):
    """The package's client without single logout (see the module docstring)."""

    @property
    def conf(self) -> dict:
        conf = super().conf
        conf["slo"] = False
        return conf


def _volgende(request, waarde: str) -> str:
    if waarde and url_has_allowed_host_and_scheme(
        waarde, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return waarde
    return reverse("aanvragen:mijn-aanvragen")


def _storing(request, oorzaak: str):
    """Not the inwoner's doing: log why (with the exception) and show the storing page."""
    logger.exception("DigiD: %s", oorzaak)
    return render(request, "portal/digid_storing.html", status=503)


@method_decorator([never_cache, beperkt("digid-login", alleen_post=False)], name="dispatch")
class DigiDLoginView(View):
    def get(self, request):
        niveau = Niveau.van_naam(vereist_digid_niveau()) or Niveau.MIDDEN
        try:
            url, parameters = PortalDigiDClient(loa=niveau.urn).create_authn_request(request)
        except CONFIGURATIEFOUTEN:
            return _storing(request, "the SAML configuration is incomplete or invalid")
        response = render(
            request,
            "portal/digid_doorsturen.html",
            {
                "url": url,
                "saml_request": parameters["SAMLRequest"],
                "relay_state": _volgende(request, request.GET.get("next", "")),
            },
        )
        # The form goes to DigiD: allow exactly that origin as a form target on this page.
        doel = urlsplit(url)
        response._csp_update = {"form-action": [f"{doel.scheme}://{doel.netloc}"]}
        return response


@method_decorator(never_cache, name="dispatch")
class DigiDAssertionConsumerView(View):
    def get(self, request):
        volgende = _volgende(request, request.GET.get("RelayState", ""))
        vereist = vereist_digid_niveau()
        client = PortalDigiDClient()
        try:
            client.saml2_settings  # noqa: B018 - a configuration error is ours, not the inwoner's
        except CONFIGURATIEFOUTEN:
            return _storing(request, "the SAML configuration is incomplete or invalid")
        try:
            response = client.artifact_resolve(request, request.GET.get("SAMLart", ""))
        except OneLogin_Saml2_ValidationError as fout:
            if fout.code == OneLogin_Saml2_ValidationError.STATUS_CODE_AUTHNFAILED:
                return self._mislukt(request, _("U heeft het inloggen met DigiD afgebroken."))
            logger.warning("DigiD: artifact or assertion refused: %s", fout)
            return self._mislukt(
                request, _("Inloggen met DigiD is niet gelukt. Probeer het opnieuw.")
            )
        except requests.RequestException:
            return _storing(request, "the artifact resolution service cannot be reached")
        except Exception:  # a malformed, replayed or unknown artifact: never a 500
            logger.warning("DigiD: artifact could not be resolved", exc_info=True)
            return self._mislukt(
                request, _("Inloggen met DigiD is niet gelukt. Probeer het opnieuw.")
            )
        bsn = bsn_uit_name_id(response.get_nameid() or "")
        behaald = next(
            (n for n in map(Niveau.van_urn, response.get_authn_contexts()) if n is not None), None
        )
        if bsn is None or behaald is None:
            logger.warning("DigiD: assertion without a BSN or a known level")
            return self._mislukt(
                request, _("Inloggen met DigiD is niet gelukt. Probeer het opnieuw.")
            )
        if not voldoet(behaald.naam, vereist):
            return self._mislukt(
                request,
                _("Voor deze aanvraag moet u inloggen met %(niveau)s of hoger.")
                % {"niveau": DigidNiveau(vereist).label},
            )
        inwoner_inloggen(request, bsn=bsn, niveau=behaald.naam)
        return redirect(volgende)

    @staticmethod
    def _mislukt(request, melding: str):
        messages.error(request, melding)
        return redirect("wegwijzer:start")
