"""Who may open which page: the access matrix, one row per URL with the expected answer per role.
tests/test_toegang.py checks it against the running portal; other tests visit every page in it."""

from portal.rollen import Rol

ROLLEN = ["anoniem", "inwoner", *[r.value for r in Rol]]
OK, WEG, LOGIN, DIGID, VERBODEN, NIET_GEVONDEN = "ok", "weg", "login", "digid", "403", "404"
ALLEN = dict.fromkeys(ROLLEN, OK)


def alleen(*rollen, anders=VERBODEN, anoniem=LOGIN, inwoner=LOGIN):
    uitkomst = {rol: anders for rol in ROLLEN}
    uitkomst.update(anoniem=anoniem, inwoner=inwoner)
    uitkomst.update(dict.fromkeys([r.value for r in rollen], OK))
    return uitkomst


def inwonerpagina(ok=OK):
    """Inwoner pages: DigiD for everyone but the inwoner; klantcontact goes to 'namens'."""
    uitkomst = dict.fromkeys(ROLLEN, DIGID)
    uitkomst.update(inwoner=ok, klantcontact=WEG)
    return uitkomst


BEHANDELEN = alleen(Rol.BEHANDELAAR, Rol.TEAMLEIDER)
MATRIX = [
    # (url name, kwargs, method, expected per role)
    ("favicon", {}, "get", dict.fromkeys(ROLLEN, WEG)),
    ("wegwijzer:start", {}, "get", ALLEN),
    ("wegwijzer:check", {}, "get", ALLEN),
    ("wegwijzer:andere-gemeente", {}, "get", ALLEN),
    ("aanvragen:van-check", {}, "post", dict.fromkeys(ROLLEN, WEG)),
    ("home", {}, "get", dict.fromkeys(ROLLEN, WEG)),
    ("healthz", {}, "get", ALLEN),
    ("kort-mijn-aanvragen", {}, "get", dict.fromkeys(ROLLEN, WEG)),
    ("digid-simulator", {}, "get", ALLEN),
    # DigiD over SAML is public; not configured in this matrix, so the storing page for all
    # (tests/portal/test_digid_saml.py runs it against a local identity provider).
    ("digid:login", {}, "get", dict.fromkeys(ROLLEN, "503")),
    ("digid:acs", {}, "get", dict.fromkeys(ROLLEN, "503")),
    ("inwoner-uitloggen", {}, "post", ALLEN),
    ("inwoner-verlengen", {}, "post", {**dict.fromkeys(ROLLEN, "401"), "inwoner": WEG}),
    ("medewerker-inloggen", {}, "get", ALLEN),
    # OpenID Connect for staff: to the identity provider, back to the login page without a
    # valid answer, and logging out.
    ("oidc_authentication_init", {}, "get", dict.fromkeys(ROLLEN, WEG)),
    ("oidc_authentication_callback", {}, "get", dict.fromkeys(ROLLEN, LOGIN)),
    ("oidc_logout", {}, "post", dict.fromkeys(ROLLEN, WEG)),
    (  # staff are verified already in this matrix: straight on
        "medewerker-tweede-stap",
        {},
        "get",
        {**dict.fromkeys(ROLLEN, WEG), "anoniem": LOGIN, "inwoner": LOGIN},
    ),
    ("medewerker-uitloggen", {}, "post", dict.fromkeys(ROLLEN, WEG)),
    (
        "medewerker-start",
        {},
        "get",
        {**dict.fromkeys(ROLLEN, WEG), "anoniem": LOGIN, "inwoner": LOGIN},
    ),
    ("aanvragen:start", {}, "get", inwonerpagina(ok=WEG)),
    ("aanvragen:mijn-gegevens", {}, "get", inwonerpagina()),
    ("aanvragen:berichten", {}, "get", inwonerpagina()),
    (
        "aanvragen:bericht-bewijs",
        {"pk": "PK"},
        "get",
        {**inwonerpagina(), "inwoner": NIET_GEVONDEN},
    ),
    ("aanvragen:stap", {"step": "gegevens"}, "get", inwonerpagina()),
    ("aanvragen:ontvangen", {"referentie": "REF"}, "get", inwonerpagina()),
    ("aanvragen:mijn-aanvragen", {}, "get", inwonerpagina()),
    ("aanvragen:document", {"pk": "DOCUMENT"}, "get", inwonerpagina()),
    ("aanvragen:bevestigen", {"pk": "PK"}, "get", {**inwonerpagina(), "inwoner": NIET_GEVONDEN}),
    ("aanvragen:aanvulling", {"pk": "PK"}, "get", {**inwonerpagina(), "inwoner": NIET_GEVONDEN}),
    ("aanvragen:bewijs", {"pk": "PK"}, "get", {**inwonerpagina(), "inwoner": NIET_GEVONDEN}),
    (
        "aanvragen:partner-toestemming",
        {"pk": "PK"},
        "get",
        {**inwonerpagina(), "inwoner": NIET_GEVONDEN},
    ),
    ("behandeling:document", {"pk": "DOCUMENT"}, "get", BEHANDELEN),
    ("aanvragen:namens-start", {}, "get", alleen(Rol.KLANTCONTACT)),
    ("aanvragen:terugbellen", {}, "get", ALLEN),
    ("aanvragen:terugbelverzoeken", {}, "get", alleen(Rol.KLANTCONTACT)),
    ("aanvragen:namens-stoppen", {}, "post", {**alleen(Rol.KLANTCONTACT), "klantcontact": WEG}),
    ("behandeling:werkvoorraad", {}, "get", BEHANDELEN),
    ("behandeling:dashboard", {}, "get", alleen(Rol.TEAMLEIDER)),
    ("behandeling:aanvraag", {"pk": "PK"}, "get", BEHANDELEN),
    ("behandeling:volgende", {}, "post", {**BEHANDELEN, "behandelaar": WEG, "teamleider": WEG}),
    (
        "behandeling:oppakken",
        {"pk": "PK"},
        "post",
        {**BEHANDELEN, "behandelaar": WEG, "teamleider": WEG},
    ),
    (
        "behandeling:vrijgeven",
        {"pk": "PK"},
        "post",
        {**BEHANDELEN, "behandelaar": WEG, "teamleider": WEG},
    ),
    ("behandeling:toekennen", {"pk": "PK"}, "post", BEHANDELEN),  # empty form: shown again
    (  # an empty refusal is a valid form; the aanvraag is not theirs: back, with the message
        "behandeling:afwijzen",
        {"pk": "PK"},
        "post",
        {**BEHANDELEN, "behandelaar": WEG, "teamleider": WEG},
    ),
    ("behandeling:contactmoment", {"pk": "PK"}, "post", BEHANDELEN),
    ("behandeling:leeftijdsgroep", {"pk": "PK"}, "post", BEHANDELEN),  # empty form: shown again
    ("behandeling:toewijzen", {"pk": "PK"}, "post", {**alleen(Rol.TEAMLEIDER), "teamleider": WEG}),
    (
        "behandeling:betaling-opnieuw",
        {"pk": "PK"},
        "post",
        {**BEHANDELEN, "behandelaar": WEG, "teamleider": WEG},
    ),
    (
        "behandeling:goedkeuren",
        {"pk": "PK"},
        "post",
        {**BEHANDELEN, "behandelaar": WEG, "teamleider": WEG},
    ),
    (
        "behandeling:afkeuren",
        {"pk": "PK"},
        "post",
        {**BEHANDELEN, "behandelaar": WEG, "teamleider": WEG},
    ),
    (
        "behandeling:rekening-beoordelen",
        {"pk": "PK"},
        "post",
        {**BEHANDELEN, "behandelaar": WEG, "teamleider": WEG},
    ),
    ("behandeling:aanvulling", {"pk": "PK"}, "post", BEHANDELEN),
    ("behandeling:buiten-behandeling", {"pk": "PK"}, "post", BEHANDELEN),
    ("uitbetaling:overzicht", {}, "get", alleen(Rol.FINANCIEN)),
    ("uitbetaling:afschrift", {}, "post", {**alleen(Rol.FINANCIEN), "financien": WEG}),
    ("uitbetaling:leningen-export", {}, "get", alleen(Rol.FINANCIEN)),
    (
        "uitbetaling:batch-geweigerd",
        {"pk": "BATCH"},
        "post",
        alleen(Rol.FINANCIEN),
    ),
    (
        "uitbetaling:geweigerd",
        {"pk": "OPDRACHT"},
        "post",
        {**alleen(Rol.FINANCIEN), "financien": WEG},
    ),
    ("uitbetaling:batch-download", {"pk": "BATCH"}, "get", alleen(Rol.FINANCIEN)),
    (
        "uitbetaling:batch-uitgevoerd",
        {"pk": "BATCH"},
        "post",
        alleen(Rol.FINANCIEN),
    ),
    (
        "uitbetaling:uitgevoerd",
        {"pk": "OPDRACHT"},
        "post",
        alleen(Rol.FINANCIEN),
    ),
]
