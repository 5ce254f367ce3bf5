"""Production DigiD over SAML (django-digid-eherkenning), ending in our own inwoner session.

The package's login view builds the signed AuthnRequest from the DigiD configuration that
functioneel beheer enters in the admin. Its own assertion consumer would log in a Django user
with a `bsn` field; inwoners here are not Django users, so this ACS resolves the artifact with
the package's client and hands the BSN to `portal.digid.inwoner_inloggen`.

Only imported when DIGID_BACKEND == "saml" (install the `saml` extra).
"""

from digid_eherkenning.saml2.digid import DigiDClient
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from onelogin.saml2.utils import OneLogin_Saml2_ValidationError

from portal.digid import bsn_uit_name_id, inwoner_inloggen


class DigiDAssertionConsumerView(View):
    def get(self, request):
        volgende = request.GET.get("RelayState", "")
        if not url_has_allowed_host_and_scheme(volgende, {request.get_host()}, True):
            volgende = "/"
        try:
            response = DigiDClient().artifact_resolve(request, request.GET.get("SAMLart", ""))
            bsn = bsn_uit_name_id(response.get_nameid())
            niveau = (response.get_authn_contexts() or ["onbekend"])[0]
        except OneLogin_Saml2_ValidationError:
            bsn = None
        if bsn is None:
            messages.error(request, _("Inloggen met DigiD is niet gelukt. Probeer het opnieuw."))
            return redirect("wegwijzer:start")
        inwoner_inloggen(request, bsn=bsn, niveau=niveau)
        return redirect(volgende)
