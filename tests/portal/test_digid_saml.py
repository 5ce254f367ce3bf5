"""DigiD over SAML end to end against a local identity provider (tests/digid_idp.py).

The portal side is the production code path: the package's client signs the AuthnRequest and the
ArtifactResolve, resolves the artifact over mutual TLS and python3-saml checks the assertion; our
ACS checks the level and logs the inwoner in. Nothing is mocked: the IdP is a real HTTPS server
in a thread, the portal is served by the Django test client.
"""

from urllib.parse import urlencode

import pytest
import requests
from django.contrib.messages import get_messages
from django.urls import reverse

from portal.digid import SESSIE_SLEUTEL
from portal.models import Regeling
from portal.niveaus import Niveau
from tests.digid_idp import html_formulier
from tests.factories import voorbeeldbeleid

pytestmark = pytest.mark.django_db
MIJN_AANVRAGEN = "/aanvragen/mijn-aanvragen/"


@pytest.fixture
def idp(lokale_digid):
    voorbeeldbeleid()
    return lokale_digid()


def naar_digid(client, idp, volgende=MIJN_AANVRAGEN):
    """The inwoner's browser: our login page posts the AuthnRequest to DigiD."""
    pagina = client.get(f"{reverse('digid:login')}?{urlencode({'next': volgende})}")
    assert pagina.status_code == 200
    actie, velden = html_formulier(pagina.content.decode())
    assert actie == idp.sso_url
    assert (
        f"form-action 'self' https://127.0.0.1:{actie.split(':')[2].split('/')[0]}"
        in (pagina["Content-Security-Policy"])
    )
    browser = requests.Session()  # trusts the test CA through REQUESTS_CA_BUNDLE
    inlogpagina = browser.post(actie, data=velden)
    assert inlogpagina.status_code == 200, inlogpagina.text
    return browser, html_formulier(inlogpagina.text)[1]["token"]


def terug_van_digid(client, idp, bsn="999993653", niveau: Niveau | None = None, actie="inloggen"):
    """Log in at DigiD; return the address DigiD sends the browser back to (the portal's ACS)."""
    browser, token = naar_digid(client, idp)
    gevraagd = Niveau.van_urn(idp.ontvangen[-1].niveaus[0])
    terug = browser.post(
        idp.sso_url + "/inloggen",
        data={"token": token, "bsn": bsn, "niveau": (niveau or gevraagd).urn, "actie": actie},
        allow_redirects=False,
    )
    assert terug.status_code == 303
    assert terug.headers["Location"].startswith("http://localhost/digid/acs/?SAMLart=")
    return terug.headers["Location"]


def inloggen(client, idp, **kwargs):
    """Log in at DigiD and follow the redirect back to the portal's ACS."""
    return client.get(terug_van_digid(client, idp, **kwargs))


def meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_inloggen_met_digid_via_saml(client, idp):
    response = inloggen(client, idp)
    assert response.status_code == 302 and response["Location"] == MIJN_AANVRAGEN
    assert client.session[SESSIE_SLEUTEL]["bsn"] == "999993653"
    assert client.session[SESSIE_SLEUTEL]["niveau"] == "midden"
    # The AuthnRequest asked for the regeling's level (Midden by default) as a minimum ...
    assert idp.ontvangen[-1].niveaus == [Niveau.MIDDEN.urn]
    # ... signed with RSA-SHA256 and a SHA-256 digest: our defaults, not the package's SHA-1.
    algoritmen = idp.ontvangen[-1].algoritmen
    assert "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" in algoritmen
    assert "http://www.w3.org/2001/04/xmlenc#sha256" in algoritmen
    assert not [a for a in algoritmen if "sha1" in a]
    # ... and the assertion came over the back channel, once.
    assert idp.resolves == 1
    pagina = client.get(MIJN_AANVRAGEN)
    assert pagina.status_code == 200
    assert "Mijn aanvragen" in pagina.content.decode()


def test_inwoner_zonder_sessie_gaat_naar_digid_en_terug_naar_de_aanvraag(client, idp):
    response = client.get(reverse("aanvragen:start"))
    assert response.status_code == 302 and response["Location"].startswith("/digid/login/")
    pagina = client.get(response["Location"])
    _actie, velden = html_formulier(pagina.content.decode())
    assert velden["RelayState"] == reverse("aanvragen:start")


def test_een_artifact_werkt_maar_een_keer(client, idp):
    acs = terug_van_digid(client, idp)
    client.get(acs)
    assert client.session[SESSIE_SLEUTEL]["bsn"] == "999993653"

    from tests.helpers import PortalClient

    ander = PortalClient()  # someone who copied the address (browser history, a proxy log)
    response = ander.get(acs)
    assert response.status_code == 302
    assert SESSIE_SLEUTEL not in ander.session
    assert meldingen(response) == ["Inloggen met DigiD is niet gelukt. Probeer het opnieuw."]


def test_bewering_met_een_vreemde_handtekening_wordt_geweigerd(client, idp, caplog):
    idp.ondertekensleutel = idp.ca.uitgeven("indringer")
    response = inloggen(client, idp)
    assert SESSIE_SLEUTEL not in client.session
    assert meldingen(response) == ["Inloggen met DigiD is niet gelukt. Probeer het opnieuw."]
    assert "Signature validation failed" in caplog.text


def test_bewering_voor_een_andere_dienst_wordt_geweigerd(client, idp, caplog):
    idp.audience = "urn:een:andere:gemeente"
    response = inloggen(client, idp)
    assert SESSIE_SLEUTEL not in client.session
    assert response.status_code == 302
    assert "is not a valid audience" in caplog.text


def test_annuleren_bij_digid(client, idp):
    response = inloggen(client, idp, actie="annuleren")
    assert SESSIE_SLEUTEL not in client.session
    assert meldingen(response) == ["U heeft het inloggen met DigiD afgebroken."]


def test_digid_niveau_per_regeling(client, idp):
    Regeling.objects.filter(slug="bijzondere-bijstand").update(digid_niveau="substantieel")
    Regeling.objects.get(slug="bijzondere-bijstand").save()  # the admin saves: cache refreshed

    # DigiD is asked for Substantieel; a lower level in the answer is refused.
    response = inloggen(client, idp, niveau=Niveau.MIDDEN)
    assert idp.ontvangen[-1].niveaus == [Niveau.SUBSTANTIEEL.urn]
    assert SESSIE_SLEUTEL not in client.session
    assert meldingen(response) == [
        "Voor deze aanvraag moet u inloggen met DigiD Substantieel (DigiD app met ID-check) "
        "of hoger."
    ]
    inloggen(client, idp, niveau=Niveau.HOOG)
    assert client.session[SESSIE_SLEUTEL]["niveau"] == "hoog"
    assert client.get(MIJN_AANVRAGEN).status_code == 200


def test_hoger_niveau_geldt_meteen_voor_open_sessies(client, idp):
    inloggen(client, idp)  # Midden
    assert client.get(MIJN_AANVRAGEN).status_code == 200
    regeling = Regeling.objects.get(slug="bijzondere-bijstand")
    regeling.digid_niveau = "substantieel"
    regeling.save()
    response = client.get(MIJN_AANVRAGEN)
    assert response.status_code == 302 and response["Location"].startswith("/digid/login/")


def test_digid_onbereikbaar_geeft_een_storingspagina(client, idp):
    acs = terug_van_digid(client, idp)
    idp.stoppen()  # the back channel is down when the browser comes back
    response = client.get(acs)
    assert response.status_code == 503
    assert "Inloggen met DigiD lukt nu niet" in response.content.decode()
    assert SESSIE_SLEUTEL not in client.session


def test_kapot_artifact_geeft_geen_500(client, idp):
    for artifact in ["", "bla", "AAQAAA==", "%%%"]:
        response = client.get(f"/digid/acs/?{urlencode({'SAMLart': artifact})}")
        assert response.status_code == 302, artifact
        assert SESSIE_SLEUTEL not in client.session


def test_zonder_configuratie_een_nette_storingspagina(client, settings, db):
    settings.DIGID_BACKEND = "saml"
    response = client.get(reverse("digid:login"))
    assert response.status_code == 503
    assert "Inloggen met DigiD lukt nu niet" in response.content.decode()


def test_name_id_zonder_geldig_bsn_telt_niet(client, idp):
    response = inloggen(client, idp, bsn="ABC")
    assert SESSIE_SLEUTEL not in client.session
    assert response.status_code == 302


def test_metadata_voor_logius(idp):
    from io import StringIO

    from django.core.management import call_command
    from lxml import etree

    uit = StringIO()
    call_command("digid_metadata", stdout=uit)
    metadata = etree.fromstring(uit.getvalue().encode())
    ns = {
        "md": "urn:oasis:names:tc:SAML:2.0:metadata",
        "ds": "http://www.w3.org/2000/09/xmldsig#",
    }
    assert metadata.get("entityID") == "urn:snelservice:test:sp"
    acs = metadata.find(".//md:AssertionConsumerService", ns)
    assert acs.get("Binding") == "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"
    assert acs.get("Location") == "http://localhost/digid/acs/"
    assert metadata.find("ds:Signature", ns) is not None  # signed with our key
    assert metadata.find(".//md:SingleLogoutService", ns) is None
    # SHA-256 for the signature and the digest, without beheer having to set either.
    sha256 = "http://www.w3.org/2001/04/xmlenc#sha256"
    assert (
        metadata.find("ds:Signature/ds:SignedInfo/ds:SignatureMethod", ns).get("Algorithm")
        == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    )
    digests = metadata.findall("ds:Signature/ds:SignedInfo/ds:Reference/ds:DigestMethod", ns)
    assert digests and all(d.get("Algorithm") == sha256 for d in digests)
    assert "sha1" not in uit.getvalue()


def test_metadata_zonder_configuratie_geeft_een_duidelijke_fout(db, settings):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="niet compleet"):
        call_command("digid_metadata")
