"""DigiD levels of assurance (betrouwbaarheidsniveaus): their order and their SAML names.

Pure Python. DigiD names the level an inwoner logged in with in the AuthnContextClassRef of the
assertion (Logius, koppelvlakspecificatie DigiD SAML). A gemeente chooses per regeling the lowest
level it accepts; a higher level always satisfies a lower one.
"""

from __future__ import annotations

from enum import IntEnum


class Niveau(IntEnum):
    BASIS = 10
    MIDDEN = 20
    SUBSTANTIEEL = 25
    HOOG = 30

    @property
    def naam(self) -> str:
        """The stored name ("midden"), as in sessions and the regeling's setting."""
        return self.name.lower()

    @property
    def urn(self) -> str:
        return _URNS[self]

    @classmethod
    def van_naam(cls, naam: str) -> Niveau | None:
        try:
            return cls[naam.upper()]
        except (KeyError, AttributeError):
            return None

    @classmethod
    def van_urn(cls, urn: str) -> Niveau | None:
        return next((niveau for niveau, bekend in _URNS.items() if bekend == urn), None)


_URNS = {
    Niveau.BASIS: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    Niveau.MIDDEN: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    Niveau.SUBSTANTIEEL: "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    Niveau.HOOG: "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
}


def voldoet(behaald: str, vereist: str) -> bool:
    """Does a login at level `behaald` satisfy a regeling that asks for `vereist` (both names)?

    An unknown level satisfies nothing: a session or assertion we cannot read is no login.
    """
    gehaald, nodig = Niveau.van_naam(behaald), Niveau.van_naam(vereist)
    return gehaald is not None and nodig is not None and gehaald >= nodig
