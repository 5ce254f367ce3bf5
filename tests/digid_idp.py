"""A local DigiD identity provider for the tests: DigiD's side of the SAML flow over real TLS.

It does what DigiD does for a service provider (Logius, koppelvlakspecificatie DigiD SAML):
- `POST /sso` (HTTP-POST binding) takes a signed AuthnRequest, checks the signature with the
  portal's certificate and shows a login page (BSN, the means of login = the level, cancel);
- after login it redirects the browser to the portal's ACS with a SAML artifact (type 0x0004,
  SHA-1 of the entity ID, a random message handle) and the RelayState;
- `POST /resolve` on a second port speaks SOAP over *mutual* TLS (no client certificate signed by
  the test CA, no handshake): it checks the signed ArtifactResolve and answers once per artifact
  with a signed ArtifactResponse holding a Response with a signed Assertion (NameID
  `s00000000:<BSN>`, AuthnContextClassRef = the level, audience, recipient, InResponseTo, times).

What a test may bend, to prove the portal refuses it: the key that signs assertions
(`ondertekensleutel`), the audience, and the level offered on the login page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import secrets
import ssl
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode
from xml.sax.saxutils import escape, quoteattr

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from portal.niveaus import Niveau

NS = {
    "samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
    "soap": "http://schemas.xmlsoap.org/soap/envelope/",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
}
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"


# --- Certificates: a test CA, TLS server certificates and signing key pairs -------------------


@dataclass(frozen=True)
class Sleutelpaar:
    sleutel_pem: str
    certificaat_pem: str
    sleutel_pad: Path
    certificaat_pad: Path


def _naam(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _opslaan(map_: Path, naam: str, sleutel, certificaat) -> Sleutelpaar:
    sleutel_pem = sleutel.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
    certificaat_pem = certificaat.public_bytes(serialization.Encoding.PEM).decode()
    (map_ / f"{naam}.key").write_text(sleutel_pem)
    (map_ / f"{naam}.crt").write_text(certificaat_pem)
    return Sleutelpaar(sleutel_pem, certificaat_pem, map_ / f"{naam}.key", map_ / f"{naam}.crt")


class TestCA:
    def __init__(self, map_: Path):
        self.map = map_
        self._sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        nu = datetime.now(UTC)
        self._certificaat = (
            x509.CertificateBuilder()
            .subject_name(_naam("Test-CA Snelservice"))
            .issuer_name(_naam("Test-CA Snelservice"))
            .public_key(self._sleutel.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(nu - timedelta(days=1))
            .not_valid_after(nu + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(self._sleutel, hashes.SHA256())
        )
        self.paar = _opslaan(map_, "ca", self._sleutel, self._certificaat)

    def uitgeven(self, naam: str, *, hosts: tuple[str, ...] = ()) -> Sleutelpaar:
        sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        nu = datetime.now(UTC)
        bouwer = (
            x509.CertificateBuilder()
            .subject_name(_naam(naam))
            .issuer_name(self._certificaat.subject)
            .public_key(sleutel.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(nu - timedelta(days=1))
            .not_valid_after(nu + timedelta(days=30))
        )
        if hosts:
            from ipaddress import ip_address

            namen = [
                x509.IPAddress(ip_address(h)) if h[0].isdigit() else x509.DNSName(h) for h in hosts
            ]
            bouwer = bouwer.add_extension(x509.SubjectAlternativeName(namen), critical=False)
        certificaat = bouwer.sign(self._sleutel, hashes.SHA256())
        return _opslaan(self.map, naam, sleutel, certificaat)


def _zonder_kop(pem: str) -> str:
    return "".join(r for r in pem.splitlines() if "-----" not in r)


def _tijd(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _id() -> str:
    return "_" + secrets.token_hex(20)


# --- The identity provider --------------------------------------------------------------------


@dataclass
class Verzoek:
    id: str
    acs: str
    relay_state: str
    niveaus: list[str]  # the AuthnContextClassRefs the SP asked for
    algoritmen: tuple[str, ...] = ()  # SignatureMethod and DigestMethod of its signature


@dataclass
class LokaleDigiD:
    ca: TestCA
    sp_certificaat_pem: str  # from the portal's metadata, in real life
    entity_id: str = "urn:test:digid:idp"
    ondertekening: Sleutelpaar | None = None
    ondertekensleutel: Sleutelpaar | None = None  # a test may sign with a stranger's key
    audience: str | None = None  # None: the AuthnRequest's issuer
    ontvangen: list[Verzoek] = field(default_factory=list)
    resolves: int = 0
    _open: dict[str, Verzoek] = field(default_factory=dict)
    _artefacten: dict[bytes, str] = field(default_factory=dict)
    _sp_issuer: str = ""

    def starten(self) -> LokaleDigiD:
        self.ondertekening = self.ca.uitgeven("digid-ondertekening")
        tls = self.ca.uitgeven("digid-tls", hosts=("127.0.0.1", "localhost"))
        self._sso = self._server(tls, klantcertificaat=False)
        self._resolve = self._server(tls, klantcertificaat=True)
        self.sso_url = f"https://127.0.0.1:{self._sso.server_address[1]}/sso"
        self.resolve_url = f"https://127.0.0.1:{self._resolve.server_address[1]}/resolve"
        return self

    def stoppen(self) -> None:
        for server in (self._sso, self._resolve):
            server.shutdown()
            server.server_close()

    def _server(self, tls: Sleutelpaar, *, klantcertificaat: bool) -> ThreadingHTTPServer:
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                lengte = int(self.headers.get("Content-Length", 0))
                idp._afhandelen(self, self.rfile.read(lengte))

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls.certificaat_pad, tls.sleutel_pad)
        if klantcertificaat:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(self.ca.paar.certificaat_pad)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def metadata(self) -> bytes:
        certificaat = _zonder_kop(self.ondertekening.certificaat_pem)
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{self.entity_id}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"
      WantAuthnRequestsSigned="true">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>{certificaat}</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:ArtifactResolutionService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP"
        Location="{self.resolve_url}" index="0"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="{self.sso_url}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
        Location="{self.sso_url}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>""".encode()

    # -- HTTP ------------------------------------------------------------------------------------

    def _afhandelen(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        if handler.path == "/sso":
            self._sso_verzoek(handler, parse_qs(body.decode()))
        elif handler.path == "/sso/inloggen":
            self._inloggen(handler, parse_qs(body.decode()))
        elif handler.path == "/resolve":
            self._artifact_resolve(handler, body)
        else:
            self._antwoord(handler, 404, "text/plain", b"onbekend")

    @staticmethod
    def _antwoord(handler, status: int, soort: str, inhoud: bytes, kop: dict | None = None):
        handler.send_response(status)
        handler.send_header("Content-Type", soort)
        handler.send_header("Content-Length", str(len(inhoud)))
        for naam, waarde in (kop or {}).items():
            handler.send_header(naam, waarde)
        handler.end_headers()
        handler.wfile.write(inhoud)

    def _sso_verzoek(self, handler, velden: dict) -> None:
        xml = base64.b64decode(velden.get("SAMLRequest", [""])[0])
        if not OneLogin_Saml2_Utils.validate_sign(
            xml, cert=self.sp_certificaat_pem, xpath="/samlp:AuthnRequest/ds:Signature"
        ):
            self._antwoord(handler, 400, "text/plain", b"AuthnRequest niet (goed) ondertekend")
            return
        verzoek_xml = etree.fromstring(xml)
        self._sp_issuer = verzoek_xml.findtext("saml:Issuer", namespaces=NS)
        verzoek = Verzoek(
            id=verzoek_xml.get("ID"),
            acs=verzoek_xml.get("AssertionConsumerServiceURL"),
            relay_state=velden.get("RelayState", [""])[0],
            niveaus=[e.text for e in verzoek_xml.iterfind(".//saml:AuthnContextClassRef", NS)],
            algoritmen=tuple(
                e.get("Algorithm")
                for e in verzoek_xml.iterfind("ds:Signature/ds:SignedInfo/*[@Algorithm]", NS)
            )
            + tuple(
                e.get("Algorithm")
                for e in verzoek_xml.iterfind(
                    "ds:Signature/ds:SignedInfo/ds:Reference/ds:DigestMethod", NS
                )
            ),
        )
        self.ontvangen.append(verzoek)
        token = secrets.token_urlsafe(16)
        self._open[token] = verzoek
        gevraagd = Niveau.van_urn(verzoek.niveaus[0]) if verzoek.niveaus else Niveau.MIDDEN
        opties = "".join(
            f'<option value="{n.urn}"{" selected" if n == gevraagd else ""}>{n.naam}</option>'
            for n in Niveau
        )
        pagina = f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Inloggen bij DigiD (test)</title></head><body>
<h1>Inloggen bij DigiD (lokale test-IdP)</h1>
<form method="post" action="/sso/inloggen">
<input type="hidden" name="token" value="{token}">
<label for="bsn">BSN</label><input id="bsn" name="bsn">
<label for="niveau">Inlogmiddel</label><select id="niveau" name="niveau">{opties}</select>
<button name="actie" value="inloggen">Inloggen</button>
<button name="actie" value="annuleren">Annuleren</button>
</form></body></html>"""
        self._antwoord(handler, 200, "text/html; charset=utf-8", pagina.encode())

    def _inloggen(self, handler, velden: dict) -> None:
        verzoek = self._open.pop(velden.get("token", [""])[0], None)
        if verzoek is None:
            self._antwoord(handler, 400, "text/plain", b"onbekende sessie")
            return
        if velden.get("actie", [""])[0] == "annuleren":
            response = self._response(verzoek, bsn=None, niveau_urn=None)
        else:
            response = self._response(verzoek, bsn=velden["bsn"][0], niveau_urn=velden["niveau"][0])
        handle = secrets.token_bytes(20)
        self._artefacten[handle] = response
        artifact = base64.b64encode(
            b"\x00\x04\x00\x00" + hashlib.sha1(self.entity_id.encode()).digest() + handle  # noqa: S324
        ).decode()
        doel = (
            f"{verzoek.acs}?{urlencode({'SAMLart': artifact, 'RelayState': verzoek.relay_state})}"
        )
        self._antwoord(handler, 303, "text/plain", b"", {"Location": doel})

    def _response(self, verzoek: Verzoek, *, bsn: str | None, niveau_urn: str | None) -> str:
        nu = datetime.now(UTC)
        tot = _tijd(nu + timedelta(minutes=2))
        kop = (
            f'<samlp:Response xmlns:samlp="{NS["samlp"]}" xmlns:saml="{NS["saml"]}" '
            f'ID="{_id()}" Version="2.0" IssueInstant="{_tijd(nu)}" '
            f"Destination={quoteattr(verzoek.acs)} InResponseTo={quoteattr(verzoek.id)}>"
            f"<saml:Issuer>{escape(self.entity_id)}</saml:Issuer>"
        )
        if bsn is None:  # the inwoner cancelled: DigiD answers Responder/AuthnFailed
            return (
                kop + '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:'
                'status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:'
                'AuthnFailed"/></samlp:StatusCode></samlp:Status></samlp:Response>'
            )
        assertion = (
            f'<saml:Assertion xmlns:saml="{NS["saml"]}" ID="{_id()}" Version="2.0" '
            f'IssueInstant="{_tijd(nu)}"><saml:Issuer>{escape(self.entity_id)}</saml:Issuer>'
            f"<saml:Subject><saml:NameID>s00000000:{escape(bsn)}</saml:NameID>"
            '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
            f"<saml:SubjectConfirmationData InResponseTo={quoteattr(verzoek.id)} "
            f'Recipient={quoteattr(verzoek.acs)} NotOnOrAfter="{tot}"/>'
            "</saml:SubjectConfirmation></saml:Subject>"
            f'<saml:Conditions NotBefore="{_tijd(nu - timedelta(minutes=1))}" '
            f'NotOnOrAfter="{tot}"><saml:AudienceRestriction>'
            f"<saml:Audience>{escape(self.audience or self._sp_issuer)}</saml:Audience>"
            "</saml:AudienceRestriction></saml:Conditions>"
            f'<saml:AuthnStatement AuthnInstant="{_tijd(nu)}" SessionIndex="{_id()}">'
            f"<saml:AuthnContext><saml:AuthnContextClassRef>{escape(niveau_urn)}"
            "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
            "</saml:Assertion>"
        )
        sleutel = self.ondertekensleutel or self.ondertekening
        getekend = OneLogin_Saml2_Utils.add_sign(
            assertion, sleutel.sleutel_pem, sleutel.certificaat_pem
        )
        return (
            kop
            + f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>'
            + (getekend.decode() + "</samlp:Response>")
        )

    def _artifact_resolve(self, handler, body: bytes) -> None:
        self.resolves += 1
        if not OneLogin_Saml2_Utils.validate_sign(
            body, cert=self.sp_certificaat_pem, xpath="//samlp:ArtifactResolve/ds:Signature"
        ):
            self._antwoord(handler, 403, "text/plain", b"ArtifactResolve niet ondertekend")
            return
        resolve = etree.fromstring(body).find(".//samlp:ArtifactResolve", NS)
        artifact = base64.b64decode(resolve.findtext("samlp:Artifact", namespaces=NS))
        response = self._artefacten.pop(artifact[24:44], "")  # an artifact works once
        antwoord = (
            f'<samlp:ArtifactResponse xmlns:samlp="{NS["samlp"]}" xmlns:saml="{NS["saml"]}" '
            f'ID="{_id()}" Version="2.0" IssueInstant="{_tijd(datetime.now(UTC))}" '
            f"InResponseTo={quoteattr(resolve.get('ID'))}>"
            f"<saml:Issuer>{escape(self.entity_id)}</saml:Issuer>"
            f'<samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>'
            f"{response}</samlp:ArtifactResponse>"
        )
        getekend = OneLogin_Saml2_Utils.add_sign(
            antwoord, self.ondertekening.sleutel_pem, self.ondertekening.certificaat_pem
        ).decode()
        envelop = (
            f'<soap:Envelope xmlns:soap="{NS["soap"]}"><soap:Body>{getekend}'
            "</soap:Body></soap:Envelope>"
        )
        self._antwoord(handler, 200, "text/xml; charset=utf-8", envelop.encode())


def html_formulier(pagina: str) -> tuple[str, dict[str, str]]:
    """The action and the fields of the first form on a page (for client-level tests)."""
    doc = etree.HTML(pagina)
    formulier = doc.find(".//form")
    velden = {
        e.get("name"): html.unescape(e.get("value") or "")
        for e in formulier.iterfind(".//input")
        if e.get("name")
    }
    return formulier.get("action"), velden


def portal_configureren(*, idp: LokaleDigiD, sp: Sleutelpaar, base_url: str) -> None:
    """Configure the portal's DigiD as functioneel beheer does in the admin: a key pair (for
    signing and the TLS client), the IdP's metadata, our entity ID and address."""
    from digid_eherkenning.choices import ConfigTypes, XMLContentTypes
    from digid_eherkenning.models import ConfigCertificate, DigidConfiguration
    from django.core.files.base import ContentFile
    from simple_certmanager.constants import CertificateTypes
    from simple_certmanager.models import Certificate

    certificaat = Certificate(label="DigiD test", type=CertificateTypes.key_pair)
    certificaat.public_certificate.save("sp.crt", ContentFile(sp.certificaat_pem), save=False)
    certificaat.private_key.save("sp.key", ContentFile(sp.sleutel_pem), save=False)
    certificaat.save()
    ConfigCertificate.objects.create(config_type=ConfigTypes.digid, certificate=certificaat)
    config = DigidConfiguration.get_solo()
    config.base_url = base_url
    config.entity_id = "urn:snelservice:test:sp"
    config.service_name = "Bijzondere bijstand"
    config.idp_service_entity_id = idp.entity_id
    config.idp_metadata_file.save("metadata.xml", ContentFile(idp.metadata()), save=False)
    config.want_assertions_signed = True  # the algorithms are our defaults (SHA-256)
    config.artifact_resolve_content_type = XMLContentTypes.text_xml
    config.save()
