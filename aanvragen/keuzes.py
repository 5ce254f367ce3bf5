"""The inwoner's choice of how to be told (Wmebv), stored and applied.

`keuze_vastleggen` records a choice (a new row each time: the history is the proof of what held
when); `email_code_sturen` / `email_code_controleren` prove an e-mail address is the inwoner's
before it is used; `inwoner_berichten` is the one way the portal sends the inwoner a message:
on the channel they chose for that kind, or not electronically at all.

Aanvragen from before the choice per kind (the single "digitaal" consent of the wizard) keep
that consent for e-mail until the inwoner makes a choice.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

import phonenumbers
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanvragen import berichtkeuze
from aanvragen.berichtkeuze import Bestemming, Keuze, Soort, Weg
from aanvragen.berichtteksten import ingevuld
from aanvragen.models import Aanvraag, Berichtkeuze, Brieftaak, EmailCode
from portal import berichten
from portal.generatie import onder_generatie
from portal.models import Bericht, BerichtKanaal, NotifyInstelling
from portal.selectors import GEMEENTEN

CODE_GELDIG = timedelta(minutes=30)  # the text says so (berichtteksten: email-code)
INWONER_MAIL = "berichten/inwoner_mail.txt"
CODE_POGINGEN = 5


def telefoon_e164(tekst: str) -> str | None:
    """A Dutch or international mobile number as E.164 (+31612345678); None if it is not one
    (a landline cannot receive an SMS)."""
    try:
        nummer = phonenumbers.parse(tekst, "NL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(nummer):
        return None
    if phonenumbers.number_type(nummer) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return None
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)


def sms_mogelijk(gemeente_id: int) -> bool:
    """The gemeente sends SMS through NotifyNL (on, with at least one SMS template). Cached
    under the gemeenten' generation (NotifyNL settings raise it): read on every wizard step."""
    return onder_generatie(
        GEMEENTEN,
        f"sms:{gemeente_id}",
        lambda: NotifyInstelling.objects.filter(
            gemeente_id=gemeente_id, actief=True, sjablonen__kanaal=BerichtKanaal.NOTIFY_SMS
        ).exists(),
    )


def keuze_get(*, bsn: str, gemeente_id: int) -> Berichtkeuze | None:
    return Berichtkeuze.objects.filter(bsn=bsn, gemeente_id=gemeente_id).first()


def email_bewezen(bsn: str, email: str) -> bool:
    """This inwoner proved this address before (a code typed, here or in the wizard)."""
    return (
        Berichtkeuze.objects.filter(
            bsn=bsn, email__iexact=email, email_geverifieerd_op__isnull=False
        ).exists()
        or EmailCode.objects.filter(
            bsn=bsn, email__iexact=email, gebruikt_op__isnull=False
        ).exists()
    )


def keuze_vastleggen(
    *,
    bsn: str,
    gemeente_id: int,
    wegen: dict[str, str],
    telefoon: str,
    email: str,
    bron: str,
    door=None,
) -> Berichtkeuze:
    """Record a choice. An e-mail address proven before (by this inwoner) stays proven."""
    nu = timezone.now()
    return Berichtkeuze.objects.create(
        bsn=bsn,
        gemeente_id=gemeente_id,
        telefoon=telefoon,
        email=email,
        email_geverifieerd_op=nu if email and email_bewezen(bsn, email) else None,
        vastgelegd_op=nu,
        bron=bron,
        door=door,
        **{soort: wegen.get(soort, Weg.BRIEF) for soort in Berichtkeuze.SOORTEN},
    )


def _code_hash(code: str, email: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{email.lower()}:{code}".encode(), hashlib.sha256
    ).hexdigest()


CODES_PER_UUR = 5


def email_code_sturen(*, bsn: str, email: str, gemeente_id: int) -> bool:
    """Send a six-digit code to `email` (the only message that goes there before it is
    proven), through the gemeente's e-mail channel; False when five went out this hour
    already (no mailbox is flooded through us)."""
    nu = timezone.now()
    recent = EmailCode.objects.filter(bsn=bsn, aangemaakt_op__gt=nu - timedelta(hours=1))
    if recent.count() >= CODES_PER_UUR:
        return False
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        EmailCode.objects.create(
            bsn=bsn,
            email=email,
            code_hash=_code_hash(code, email),
            aangemaakt_op=nu,
            geldig_tot=nu + CODE_GELDIG,
        )
        velden = {"code": code}
        tekst = ingevuld("email-code", velden)
        berichten.plaatsen(
            soort="email-code",
            aan=[email],
            onderwerp=tekst.onderwerp,
            template=INWONER_MAIL,
            context={"tekst": tekst},
            gemeente_id=gemeente_id,
            personalisatie=velden,
        )
    return True


def email_code_controleren(*, bsn: str, email: str, code: str) -> bool:
    """True when `code` is the last one sent to this address, in time and within five tries;
    the address then counts as proven for this inwoner (and their newest choice with it)."""
    nu = timezone.now()
    with transaction.atomic():
        verstuurd = (
            EmailCode.objects.select_for_update()
            .filter(bsn=bsn, email__iexact=email, gebruikt_op__isnull=True)
            .order_by("-aangemaakt_op")
            .first()
        )
        if verstuurd is None or verstuurd.geldig_tot < nu or verstuurd.pogingen >= CODE_POGINGEN:
            return False
        verstuurd.pogingen += 1
        goed = hmac.compare_digest(verstuurd.code_hash, _code_hash(code.strip(), email))
        if goed:
            verstuurd.gebruikt_op = nu
            Berichtkeuze.objects.filter(
                bsn=bsn, email__iexact=email, email_geverifieerd_op__isnull=True
            ).update(email_geverifieerd_op=nu)
        verstuurd.save(update_fields=["pogingen", "gebruikt_op"])
        return goed


def keuze_van(aanvraag: Aanvraag) -> Keuze | None:
    """The choice that holds for this aanvraag's inwoner at its gemeente (or, without one, the
    wizard's single consent for e-mail: transitional)."""
    gekozen = keuze_get(bsn=aanvraag.bsn, gemeente_id=aanvraag.gemeente_id)
    if gekozen is not None:
        return Keuze(
            wegen={Soort(s): Weg(getattr(gekozen, s)) for s in Berichtkeuze.SOORTEN},
            telefoon=gekozen.telefoon,
            email=gekozen.email,
            email_geverifieerd=gekozen.email_geverifieerd_op is not None,
        )
    if aanvraag.elektronisch_communiceren and aanvraag.email:
        return Keuze(
            wegen=dict.fromkeys(Soort, Weg.EMAIL), email=aanvraag.email, email_geverifieerd=True
        )
    return None


def inwoner_berichten(
    aanvraag: Aanvraag, *, soort: str, termijn=None, bijlage=None, nu=None, alleen_sms=False
):
    """Tell the inwoner, on the channel they chose for this kind of message; nothing
    electronically when they chose letters (or nothing), nor when `alleen_sms` and they did
    not choose SMS. The text is the one for `soort` (aanvragen/berichtteksten.py) with only the
    reference, the link and the deadline filled in. In the caller's transaction."""
    doel: Bestemming | None = berichtkeuze.bestemming(keuze_van(aanvraag), soort)
    if doel is None or (alleen_sms and doel.weg is not Weg.SMS):
        return None
    velden = berichten.personalisatie(aanvraag.referentie, termijn=termijn)
    return _plaatsen(aanvraag, soort=soort, doel=doel, velden=velden, bijlage=bijlage, nu=nu)


def _plaatsen(aanvraag: Aanvraag, *, soort: str, doel: Bestemming, velden: dict, bijlage, nu):
    tekst = ingevuld(soort, velden)
    return berichten.plaatsen(
        soort=soort,
        aanvraag_id=aanvraag.pk,
        gemeente_id=aanvraag.gemeente_id,
        aan=[doel.adres],
        kanaal=BerichtKanaal.NOTIFY_SMS if doel.weg is Weg.SMS else BerichtKanaal.SMTP,
        onderwerp=tekst.onderwerp,
        template=INWONER_MAIL,
        context={
            "tekst": tekst,
            "link": velden.get("link", ""),
            "gemeente": aanvraag.gemeente,
            "bijlage": bijlage is not None,
        },
        personalisatie=velden,
        bijlage=bijlage,
        nu=nu,
    )


def terugvallen(sender, *, bericht: Bericht, **kwargs) -> None:
    """A message to the inwoner did not arrive (portal.berichten.niet_aangekomen): an SMS goes
    again by e-mail when the inwoner has a proven address; otherwise, and when the e-mail failed
    too, klantcontact sends a letter (a Brieftaak). Once per failed message."""
    if bericht.aanvraag_id is None or bericht.soort not in berichtkeuze.BERICHTEN:
        return
    aanvraag = Aanvraag.objects.select_related("gemeente").filter(pk=bericht.aanvraag_id).first()
    if aanvraag is None:
        return
    mislukt = bericht.get_aflevering_display() if bericht.aflevering else bericht.laatste_fout
    if bericht.kanaal == BerichtKanaal.NOTIFY_SMS:
        keuze = keuze_van(aanvraag)
        if keuze is not None and keuze.email and keuze.email_geverifieerd:
            _plaatsen(
                aanvraag,
                soort=bericht.soort,
                doel=Bestemming(Weg.EMAIL, keuze.email),
                velden=bericht.personalisatie or berichten.personalisatie(aanvraag.referentie),
                bijlage=None,
                nu=None,
            )
            return
        reden = _("De SMS kwam niet aan (%(fout)s) en er is geen bevestigd e-mailadres.")
    else:
        reden = _("De e-mail kwam niet aan (%(fout)s).")
    Brieftaak.objects.get_or_create(
        bericht_id=bericht.pk,
        defaults={
            "aanvraag": aanvraag,
            "soort": bericht.soort,
            "reden": (reden % {"fout": mislukt})[:300],
            "aangemaakt_op": timezone.now(),
        },
    )
