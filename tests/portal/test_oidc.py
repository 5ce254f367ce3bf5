"""Staff login through the gemeente's identity provider (OpenID Connect), end to end against a
stand-in provider on a real socket: authorize → callback → token → userinfo. Only an existing
colleague with a role gets in, and the portal's second factor still applies."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from portal.rollen import Rol
from tests.factories import UserFactory
from tests.helpers import PortalClient

pytestmark = pytest.mark.django_db


class Idp(BaseHTTPRequestHandler):
    """Token and userinfo endpoints of an identity provider; the test plays the browser."""

    nonce = ""
    email = ""
    amr: list[str] = []

    def do_POST(self):  # noqa: N802 - the token endpoint
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        nu = int(time.time())
        id_token = jwt.encode(
            {
                "iss": "http://idp.test",
                "sub": "medewerker-1",
                "aud": settings.OIDC_RP_CLIENT_ID,
                "iat": nu,
                "exp": nu + 300,
                "nonce": Idp.nonce,
                "email": Idp.email,
                "amr": Idp.amr,
            },
            settings.OIDC_RP_CLIENT_SECRET,
            algorithm="HS256",
        )
        self._json({"access_token": "at-1", "token_type": "Bearer", "id_token": id_token})

    def do_GET(self):  # noqa: N802 - the userinfo endpoint
        assert self.headers["Authorization"] == "Bearer at-1"
        self._json({"sub": "medewerker-1", "email": Idp.email})

    def _json(self, data):
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def idp():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Idp)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    basis = f"http://127.0.0.1:{server.server_port}"
    with override_settings(
        OIDC_OP_AUTHORIZATION_ENDPOINT="http://idp.test/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{basis}/token",
        OIDC_OP_USER_ENDPOINT=f"{basis}/userinfo",
    ):
        yield
    server.shutdown()


def _inloggen_via_idp(client, email, amr=()):
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith("http://idp.test/authorize")
    vraag = parse_qs(urlparse(start["Location"]).query)
    assert vraag["client_id"] == [settings.OIDC_RP_CLIENT_ID] and "openid" in vraag["scope"][0]
    Idp.nonce, Idp.email, Idp.amr = vraag["nonce"][0], email, list(amr)
    return client.get(
        reverse("oidc_authentication_callback"), {"code": "code-1", "state": vraag["state"][0]}
    )


def test_collega_logt_in_via_de_idp_en_geeft_daarna_de_code(idp):
    bea = UserFactory(rollen=[Rol.BEHANDELAAR], email="bea@gemeente.example")
    client = PortalClient()
    assert (
        "Inloggen met uw account van de gemeente"
        in client.get(reverse("medewerker-inloggen")).content.decode()
    )
    terug = _inloggen_via_idp(client, "BEA@gemeente.example")
    assert terug.status_code == 302 and "oidc=mislukt" not in terug["Location"]
    assert int(client.session["_auth_user_id"]) == bea.pk
    werkvoorraad = client.get(reverse("behandeling:werkvoorraad"))
    assert werkvoorraad["Location"].startswith(reverse("medewerker-tweede-stap"))  # 2FA stays


def test_onbekend_of_zonder_rol_komt_er_niet_in(idp):
    UserFactory(email="geen-rol@gemeente.example")  # exists, but has no role
    for email in ("onbekend@gemeente.example", "geen-rol@gemeente.example"):
        client = PortalClient()
        terug = _inloggen_via_idp(client, email)
        assert "oidc=mislukt" in terug["Location"]
        assert "_auth_user_id" not in client.session
    html = PortalClient().get(reverse("medewerker-inloggen") + "?oidc=mislukt").content.decode()
    assert "lukte niet" in html


@pytest.mark.parametrize(
    ("vertrouwd", "amr", "meteen_binnen"),
    [
        (["mfa"], ["pwd", "mfa"], True),  # the IdP asked a second factor, the gemeente trusts it
        (["mfa"], ["pwd"], False),  # password only at the IdP: the portal's code
        ([], ["pwd", "mfa"], False),  # not configured: always the portal's code
    ],
)
def test_tweede_factor_van_de_idp_telt_alleen_als_de_gemeente_die_vertrouwt(
    idp, vertrouwd, amr, meteen_binnen
):
    UserFactory(rollen=[Rol.BEHANDELAAR], email="bea@gemeente.example", is_staff=True)
    client = PortalClient()
    with override_settings(OIDC_MFA_AMR=vertrouwd):
        _inloggen_via_idp(client, "bea@gemeente.example", amr)
        werkvoorraad = client.get(reverse("behandeling:werkvoorraad"))
    assert (werkvoorraad.status_code == 200) is meteen_binnen
    if not meteen_binnen:
        assert werkvoorraad["Location"].startswith(reverse("medewerker-tweede-stap"))
    assert client.get("/beheer/").status_code == 302  # the admin always asks the portal's code
