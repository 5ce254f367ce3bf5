"""Seed a benchmark database with synthetic but realistic aanvragen, in bulk.

Reference data (gemeenten, regeling, policies, staff) comes from the `demo` command plus four more
gemeenten and twenty behandelaars; the bulk tables are filled with `INSERT … SELECT
generate_series` in PostgreSQL, so a million aanvragen take a minute, not an hour.

Shape (per aanvraag, spread evenly over the last three years, newest first):
- 1 % still open (ontvangen / in behandeling / wacht op aanvulling), the rest decided:
  roughly 60 % paid, 25 % refused, 5 % not handled, a thin layer granted and awaiting payment;
- a status history of 2–4 rows, a telephone contact for one in three, a Betaalopdracht with its
  own history for every award, grouped into one Betaalbatch per gemeente per day;
- three aanvragen per inwoner (BSN), twenty behandelaars, six gemeenten.
"""

from __future__ import annotations

import time

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection, transaction

from portal.models import Gemeente, Regeling
from portal.rollen import Rol
from wegwijzer.voorbeeldbeleid import voorbeeldbeleid_aanmaken

EXTRA_GEMEENTEN = [
    ("9003", "Rivierstad"),
    ("9004", "Heidedorp"),
    ("9005", "Polderwijk"),
    ("9006", "Duinkerk"),
]
BEHANDELAARS = 20
# A benchmark inwoner whose BSN passes the elfproef and owns several aanvragen.
BENCH_BSN = "999993653"


def referentiedata() -> dict:
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    regeling = Regeling.objects.get(slug="bijzondere-bijstand")
    for code, naam in EXTRA_GEMEENTEN:
        gemeente, created = Gemeente.objects.get_or_create(
            cbs_code=code,
            defaults={
                "naam": naam,
                "telefoon": "14 0999",
                "rekening_iban": "NL14BNGH0285001234",
                "rekening_bic": "BNGHNL2G",
                "rekening_naam": f"Gemeente {naam}",
            },
        )
        if created:
            voorbeeldbeleid_aanmaken(gemeente=gemeente, regeling=regeling, model="rotterdam")
    groep = Group.objects.get(name=Rol.BEHANDELAAR.value)
    for n in range(1, BEHANDELAARS + 1):
        user, _ = User.objects.get_or_create(
            username=f"bench-behandelaar-{n}",
            defaults={"first_name": "Bench", "last_name": f"Behandelaar {n}"},
        )
        user.groups.add(groep)
    # A shared service: the benchmark's colleagues work for every gemeente, so their pages show
    # (and count) the whole seeded load, as before tenancy.
    alle = list(Gemeente.objects.all())
    for user in User.objects.filter(username__startswith="bench-behandelaar-"):
        user.werkgemeenten.add(*alle)
    for naam in ("teamleider", "financien"):
        User.objects.get(username=naam).werkgemeenten.add(*alle)
    return {"regeling_id": regeling.pk}


SQL_AANVRAGEN = """
WITH g AS (SELECT array_agg(id ORDER BY id) AS ids FROM portal_gemeente),
     k AS (SELECT array_agg(id ORDER BY id) AS ids FROM wegwijzer_kostensoort),
     b AS (SELECT array_agg(u.id ORDER BY u.id) AS ids FROM auth_user u
           JOIN auth_user_groups ug ON ug.user_id = u.id
           JOIN auth_group gr ON gr.id = ug.group_id AND gr.name = 'behandelaar'),
     n AS (
       SELECT i,
              now() - (i * interval '3 years' / %(n)s) AS ingediend,
              CASE
                WHEN i <= %(open)s THEN (ARRAY['ingediend','in_behandeling','in_behandeling',
                                              'wacht_op_aanvulling'])[1 + i %% 4]
                WHEN i <= %(open)s * 2 THEN 'toegekend'
                WHEN i %% 20 < 12 THEN 'uitbetaald'
                WHEN i %% 20 < 17 THEN 'afgewezen'
                WHEN i %% 20 = 17 THEN 'buiten_behandeling'
                ELSE 'uitbetaald'
              END AS status
       FROM generate_series(1, %(n)s) AS i
     )
INSERT INTO aanvragen_aanvraag (
  referentie, indien_token, status, bsn, naam, adres, postcode, woonplaats, partner_naam,
  partner_bsn, geboortedatum, telefoon, email, elektronisch_communiceren,
  elektronisch_toestemming_op, omschrijving, bedrag, inkomen, inkomen_partner, vermogen,
  voorliggende_voorziening, al_gekocht, iban, rekeninghouder, ingediend_op, bevestiging,
  duur_seconden, peildatum, einddatum_gepland, uiterlijke_einddatum_afdoening, sla_status,
  toegekend_bedrag, besluit_motivering, besluit_vorm, leverancier_iban, leverancier_naam,
  voorgestelde_motivering, besloten_op, doorlooptijd_werkdagen, aangemaakt_op, gewijzigd_op,
  behandelaar_id, gemeente_id, kostensoort_id, regeling_id, beleidsregel_id,
  alleenstaande_ouder, rekening_door_medewerker, partner_situatie, brp_in_onderzoek,
  leeftijdsgroep_bevestigd, bewijs_volgt)
SELECT
  'BB-B' || lpad(n.i::text, 9, '0'),
  gen_random_uuid(),
  n.status,
  CASE WHEN n.i %% 50000 = 7 THEN %(bench_bsn)s
       ELSE lpad((100000000 + (n.i / 3))::text, 9, '0') END,
  'Inwoner ' || n.i,
  'Dorpsstraat ' || (1 + n.i %% 200),
  lpad((1000 + n.i %% 8999)::text, 4, '0') || 'AB',
  'Woonplaats',
  '', '', date '1960-01-01' + (n.i %% 15000),
  '06 12345678', '', n.i %% 3 > 0,
  CASE WHEN n.i %% 3 > 0 THEN n.ingediend END,
  'Wasmachine kapot, nieuwe nodig voor het gezin',
  150 + (n.i %% 600) + 0.95, 1100 + (n.i %% 500), NULL, n.i %% 2000,
  'nee', false, 'NL91ABNA0417164300', 'Inwoner ' || n.i, n.ingediend, '',
  240 + (n.i %% 900), n.ingediend::date, n.ingediend::date + 7, n.ingediend::date + 56,
  'op_schema',
  CASE WHEN n.status IN ('toegekend', 'uitbetaald') THEN 150 + (n.i %% 600) + 0.95 END,
  CASE WHEN n.status IN ('toegekend','uitbetaald','afgewezen','buiten_behandeling')
       THEN 'Besloten volgens de beleidsregels' ELSE '' END,
  CASE WHEN n.status IN ('toegekend', 'uitbetaald')
       THEN (CASE WHEN n.i %% 10 = 0 THEN 'lening' ELSE 'gift' END) ELSE '' END,
  '', '', '',
  CASE WHEN n.i > %(open)s THEN n.ingediend + ((n.i %% 7) * interval '1 day') END,
  CASE WHEN n.i > %(open)s THEN n.i %% 7 END,
  n.ingediend, n.ingediend,
  CASE WHEN n.status <> 'ingediend' THEN b.ids[1 + n.i %% array_length(b.ids, 1)] END,
  g.ids[1 + n.i %% array_length(g.ids, 1)],
  k.ids[1 + n.i %% array_length(k.ids, 1)],
  %(regeling_id)s,
  (SELECT br.id FROM wegwijzer_beleidsregel br
    WHERE br.gemeente_id = g.ids[1 + n.i %% array_length(g.ids, 1)]
    ORDER BY br.geldig_vanaf DESC LIMIT 1),
  n.i %% 9 = 0,
  false, 'geen', '', '', false
FROM n, g, k, b
"""

SQL_HISTORIE = """
INSERT INTO aanvragen_statuswijziging
  (aanvraag_id, van, naar, op, door_omschrijving, reden, door_id)
SELECT a.id, s.van, s.naar, a.ingediend_op + s.na, s.door, '', CASE WHEN s.door = 'inwoner'
       THEN NULL ELSE a.behandelaar_id END
FROM aanvragen_aanvraag a
CROSS JOIN LATERAL (VALUES
  (1, 'concept', 'ingediend', interval '0', 'inwoner'),
  (2, 'ingediend', 'in_behandeling', interval '2 hours', 'behandelaar'),
  (3, 'in_behandeling', CASE WHEN a.status = 'uitbetaald' THEN 'toegekend' ELSE a.status END,
      coalesce(a.besloten_op - a.ingediend_op, interval '1 day'), 'behandelaar'),
  (4, 'toegekend', 'uitbetaald', coalesce(a.besloten_op - a.ingediend_op, interval '0')
      + interval '1 day', 'financien')
) AS s(nr, van, naar, na, door)
WHERE a.referentie LIKE 'BB-B%%'
  AND (s.nr = 1
       OR (s.nr = 2 AND a.status <> 'ingediend')
       OR (s.nr = 3 AND a.status NOT IN ('ingediend', 'in_behandeling'))
       OR (s.nr = 4 AND a.status = 'uitbetaald'))
"""

SQL_CONTACT = """
INSERT INTO behandeling_contactmoment
  (aanvraag_id, kanaal, op, met, samenvatting, uitkomst, door_id)
SELECT a.id, CASE WHEN a.id %% 50 = 0 THEN 'brief' ELSE 'telefoon' END,
       a.ingediend_op + interval '3 hours', a.naam,
       'Gebeld over de offerte; de inwoner stuurt een foto van de bon.', 'bereikt',
       a.behandelaar_id
FROM aanvragen_aanvraag a
WHERE a.referentie LIKE 'BB-B%%' AND a.behandelaar_id IS NOT NULL AND a.id %% 3 = 0
"""

SQL_BATCHES = """
INSERT INTO uitbetaling_betaalbatch (msg_id, pmt_inf_id, versie, uitvoerdatum, aantal, totaal, xml,
  sha256, bestandsnaam, status, aangemaakt_op, aangeboden_op, afleverfout, gemeente_id)
SELECT 'BENCH-' || d.gemeente_id || '-' || to_char(d.dag, 'YYYYMMDD'),
       'BENCH-' || d.gemeente_id || '-' || to_char(d.dag, 'YYYYMMDD') || '-1',
       'pain.001.001.03', d.dag, d.aantal, d.totaal, '<Document/>', repeat('0', 64),
       'bench-' || d.gemeente_id || '-' || to_char(d.dag, 'YYYYMMDD') || '.xml',
       'uitgevoerd', d.dag, d.dag, '', d.gemeente_id
FROM (SELECT gemeente_id, (besloten_op AT TIME ZONE 'Europe/Amsterdam')::date AS dag,
             count(*) AS aantal, sum(toegekend_bedrag) AS totaal
      FROM aanvragen_aanvraag
      WHERE referentie LIKE 'BB-B%%' AND status = 'uitbetaald'
      GROUP BY 1, 2) d
"""

SQL_OPDRACHTEN = """
INSERT INTO uitbetaling_betaalopdracht (aanvraag_id, gemeente_id, bedrag, iban, naam, omschrijving,
  end_to_end_id, status, aangemaakt_op, uitgevoerd_op, batch_id, probleem)
SELECT a.id, a.gemeente_id, a.toegekend_bedrag, a.iban, left(a.rekeninghouder, 70),
       a.referentie || ' Bijzondere bijstand', a.referentie,
       CASE WHEN a.status = 'uitbetaald' THEN 'uitgevoerd' ELSE 'klaargezet' END,
       a.besloten_op,
       CASE WHEN a.status = 'uitbetaald' THEN a.besloten_op + interval '1 day' END,
       bb.id, ''
FROM aanvragen_aanvraag a
LEFT JOIN uitbetaling_betaalbatch bb
  ON a.status = 'uitbetaald' AND bb.gemeente_id = a.gemeente_id
 AND bb.uitvoerdatum = (a.besloten_op AT TIME ZONE 'Europe/Amsterdam')::date
 AND bb.msg_id LIKE 'BENCH-%%'
WHERE a.referentie LIKE 'BB-B%%' AND a.status IN ('toegekend', 'uitbetaald')
"""

SQL_OPDRACHT_HISTORIE = """
INSERT INTO uitbetaling_opdrachtstatuswijziging (opdracht_id, van, naar, op, reden)
SELECT o.id, '', 'klaargezet', o.aangemaakt_op, '' FROM uitbetaling_betaalopdracht o
WHERE o.end_to_end_id LIKE 'BB-B%%'
UNION ALL
SELECT o.id, 'klaargezet', 'uitgevoerd', o.uitgevoerd_op, '' FROM uitbetaling_betaalopdracht o
WHERE o.end_to_end_id LIKE 'BB-B%%' AND o.uitgevoerd_op IS NOT NULL
"""


def seed(aantal: int) -> dict:
    """Fill the database; returns timings. Refuses to seed twice (drop the database first)."""
    begin = time.perf_counter()
    params = referentiedata()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM aanvragen_aanvraag WHERE referentie LIKE 'BB-B%%'")
        if cursor.fetchone()[0]:
            raise SystemExit("De benchmarkdatabase is al gevuld; begin met een lege database.")
    stappen = {}
    params.update(n=aantal, open=max(1, aantal // 100), bench_bsn=BENCH_BSN)
    for naam, sql in [
        ("aanvragen", SQL_AANVRAGEN),
        ("statuswijzigingen", SQL_HISTORIE),
        ("contactmomenten", SQL_CONTACT),
        ("betaalbatches", SQL_BATCHES),
        ("betaalopdrachten", SQL_OPDRACHTEN),
        ("opdrachtstatuswijzigingen", SQL_OPDRACHT_HISTORIE),
    ]:
        stap_begin = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            stappen[naam] = {"rijen": cursor.rowcount}
            cursor.execute("ANALYZE")  # fresh statistics, or the next step plans a nested loop
        stappen[naam]["seconden"] = round(time.perf_counter() - stap_begin, 2)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "aanvragen": aantal,
        "seconden": round(time.perf_counter() - begin, 1),
        "tabellen": stappen,
    }
