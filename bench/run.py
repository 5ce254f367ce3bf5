"""`make bench`: the whole benchmark in one run, against PostgreSQL and Redis under gunicorn.

1. a fresh database `portal_bench`, seeded in bulk (BENCH_SCALE aanvragen, default 100 000);
2. wrk at 20 connections for BENCH_DUUR seconds per page, on loopback: a bare Django view and a
   bare formtools wizard step on the same server (the reference points), then the portal's pages;
3. the SLA sweep, the beschikking PDF, a pain.001 of 10 000 opdrachten, queries per page and the
   plans of the slowest queries;
4. peak RSS of a gunicorn worker and of the Celery worker;
5. a table on stdout, JSON in var/bench/, the report in docs/benchmarks/<time>.md and its tables
   as the latest run in docs/benchmarks.md.

Speed is measured here and only here: no test asserts a duration.
"""

from __future__ import annotations

import json
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCALE = int(os.environ.get("BENCH_SCALE", "100000"))
DUUR = int(os.environ.get("BENCH_DUUR", "10"))
VERBINDINGEN = int(os.environ.get("BENCH_VERBINDINGEN", "20"))
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
POORT = int(os.environ.get("BENCH_POORT", "8765"))
DB_NAAM = "portal_bench"
VAR = ROOT / "var" / "bench"
SESSIES = 200  # distinct inwoners and browser sessions rotated over the 20 connections
CSRF = "b" * 32  # a fixed CSRF secret: the cookie and the form field carry the same value

ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_HTTPS": "0",  # plain HTTP on loopback; everything else as in production
    "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DATABASE_URL": f"postgres://portal:portal@127.0.0.1:5432/{DB_NAAM}",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/12",
    "PORTAL_VAR_DIR": str(VAR),
    "BRP_FIXTURE": str(VAR / "brp.json"),
    "LOG_LEVEL": "WARNING",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "PYTHONPATH": str(ROOT),
    # wrk sends everything from 127.0.0.1: per-address rate limits would answer 429 (a real
    # gemeente sees thousands of addresses). The limits' own cost (one Redis INCR) stays out.
    "PORTAL_RATELIMIT": "0",  # gunicorn and Celery import this tree, also from a worktree
}


def log(tekst: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {tekst}", flush=True)


# ---------------------------------------------------------------- database and data


def database_opnieuw() -> None:
    import psycopg

    with psycopg.connect(
        "postgresql://portal:portal@127.0.0.1:5432/postgres", autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAAM} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAAM}")


def bsn_lijst(aantal: int) -> list[str]:
    """Valid BSNs (elfproef) for the benchmark's inwoners."""
    from aanvragen.brp import geldige_bsns

    return geldige_bsns(aantal, vanaf=200_000_000)


def brp_fixture(bsns: list[str]) -> None:
    from aanvragen.brp import proefpersonen

    (VAR / "brp.json").write_text(json.dumps(proefpersonen(bsns, voornaam="Bench")))


def inwoners_koppelen(bsns: list[str]) -> None:
    """Give every benchmark inwoner three of the seeded aanvragen (for Mijn aanvragen)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM aanvragen_aanvraag WHERE referentie LIKE 'BB-B%%'")
        eerste = cursor.fetchone()[0]
        paren = [(eerste + 1000 + i * 97 + k, b) for i, b in enumerate(bsns) for k in range(3)]
        cursor.execute(
            "UPDATE aanvragen_aanvraag a SET bsn = v.bsn FROM (SELECT unnest(%s::bigint[]) AS id,"
            " unnest(%s::text[]) AS bsn) v WHERE a.id = v.id",
            [[p[0] for p in paren], [p[1] for p in paren]],
        )


# ---------------------------------------------------------------- sessions


def sessies_maken(bsns: list[str]) -> dict[str, list[str]]:
    """Session keys per kind of visitor, stored like a real login stores them."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.digid import SESSIE_SLEUTEL

    def sessie(data: dict) -> str:
        store = SessionStore()
        store.update(data)
        store.create()
        return store.session_key

    def medewerker(user) -> dict:
        """A colleague who gave password and the code from the app (second factor passed)."""
        apparaat, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "bench"}
        )
        return {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            DEVICE_ID_SESSION_KEY: apparaat.persistent_id,
        }

    nu = timezone.now().isoformat()
    behandelaars = list(User.objects.filter(username__startswith="bench-behandelaar-"))
    teamleider = User.objects.get(username="teamleider")
    return {
        "inwoner": [
            sessie({SESSIE_SLEUTEL: {"bsn": b, "niveau": "substantieel", "laatste_activiteit": nu}})
            for b in bsns
        ],
        "anoniem": [sessie({}) for _ in range(SESSIES)],
        "behandelaar": [sessie(medewerker(behandelaars[i % len(behandelaars)])) for i in range(40)],
        "teamleider": [sessie(medewerker(teamleider)) for _ in range(5)],
    }


# ---------------------------------------------------------------- scenarios


def scenarios(sessies: dict[str, list[str]]) -> list[dict]:
    """Each: a name and a list of (method, path, session key, form body) rotated by wrk."""
    from urllib.parse import urlencode

    from aanvragen.models import Aanvraag
    from aanvragen.statussen import OPEN
    from portal.models import Gemeente
    from wegwijzer.check import staat_dump, staat_nieuw
    from wegwijzer.models import Kostensoort

    gemeente = Gemeente.objects.get(cbs_code="9001")
    staat = staat_nieuw()
    staat["antwoorden"] = {
        "gemeente": str(gemeente.pk),
        "kostensoort": str(Kostensoort.objects.get(slug="wasmachine").pk),
        "bedrag": "450.00",
        "leefsituatie": "alleenstaande",
        "leeftijdsgroep": "21_aow",
        "inkomen": "1600.00",
        "vermogen": "0.00",
    }
    check_body = urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "staat": staat_dump(staat),
            "vraag": "anders",
            "voorliggende_voorziening": "nee",
            "al_gekocht": "nee",
        }
    )
    wizard_body = urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "aanvraag-current_step": "gegevens",
            "gegevens-telefoon": "06 12345678",
            "gegevens-email": "",
            "gegevens-berichten_via": "brief",
        }
    )
    kaal_body = urlencode(
        {
            "csrfmiddlewaretoken": CSRF,
            "kale_wizard-current_step": "een",
            "een-telefoon": "06 12345678",
            "een-email": "",
        }
    )
    open_pks = list(
        Aanvraag.objects.filter(status__in=list(OPEN))
        .order_by("?")
        .values_list("pk", flat=True)[:200]
    )
    inw, anon = sessies["inwoner"], sessies["anoniem"]
    beh, tl = sessies["behandelaar"], sessies["teamleider"]
    return [
        {"naam": "kale view", "ref": True, "verzoeken": [("GET", "/bench/kaal/", "", "")]},
        {
            "naam": "kale formtools-stap GET (db-sessies)",
            "ref": True,
            "verzoeken": [("GET", "/bench/wizard/een/", s, "") for s in anon],
        },
        {
            "naam": "kale formtools-stap POST (db-sessies)",
            "ref": True,
            "verzoeken": [("POST", "/bench/wizard/een/", s, kaal_body) for s in anon],
        },
        {"naam": "Wegwijzer start", "verzoeken": [("GET", "/wegwijzer/", "", "")]},
        {"naam": "Wegwijzer check GET", "verzoeken": [("GET", "/wegwijzer/check/", "", "")]},
        {
            "naam": "Wegwijzer check POST (uitkomst)",
            "verzoeken": [("POST", "/wegwijzer/check/", "", check_body)],
        },
        {
            "naam": "wizardstap GET",
            "wizard": True,
            "verzoeken": [("GET", "/aanvragen/stap/gegevens/", s, "") for s in inw],
        },
        {
            "naam": "wizardstap POST",
            "wizard": True,
            "verzoeken": [("POST", "/aanvragen/stap/gegevens/", s, wizard_body) for s in inw],
        },
        {
            "naam": "Mijn aanvragen",
            "verzoeken": [("GET", "/aanvragen/mijn-aanvragen/", s, "") for s in inw],
        },
        {"naam": "werkvoorraad", "verzoeken": [("GET", "/behandeling/", s, "") for s in beh]},
        {
            "naam": "aanvraagpagina",
            "verzoeken": [
                ("GET", f"/behandeling/aanvraag/{pk}/", beh[i % len(beh)], "")
                for i, pk in enumerate(open_pks)
            ],
        },
        {
            "naam": "teamleider-dashboard",
            "verzoeken": [("GET", "/behandeling/dashboard/", s, "") for s in tl],
        },
    ]


LUA = r"""
local verzoeken = {}
local i = 0
init = function(args)
  for _, v in ipairs(VERZOEKEN) do
    local headers = {["Host"] = "127.0.0.1"}
    local cookie = "csrftoken=CSRF"
    if v[3] ~= "" then cookie = cookie .. "; sessionid=" .. v[3] end
    headers["Cookie"] = cookie
    if v[1] == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      headers["Referer"] = "http://127.0.0.1/"
    end
    local body = nil
    if v[4] ~= "" then body = v[4] end
    table.insert(verzoeken, wrk.format(v[1], v[2], headers, body))
  end
  i = math.random(#verzoeken)
end
request = function()
  i = i % #verzoeken + 1
  return verzoeken[i]
end
done = function(summary, latency, requests)
  local f = io.open(OUT, "w")
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "errors_connect": %d, "errors_read": %d, "errors_status": %d, ' ..
    '"errors_timeout": %d}',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.connect, summary.errors.read,
    summary.errors.status, summary.errors.timeout))
  f:close()
end
"""


def lua_tabel(verzoeken: list[tuple]) -> str:
    def s(x: str) -> str:
        return json.dumps(x)  # a JSON string is a valid Lua string literal for ASCII

    regels = ",\n".join("{" + ", ".join(s(x) for x in v) + "}" for v in verzoeken)
    return "VERZOEKEN = {\n" + regels + "\n}\n"


def wrk(scenario: dict, duur: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        uit = Path(tmp) / "uit.json"
        script = Path(tmp) / "scenario.lua"
        script.write_text(
            lua_tabel(scenario["verzoeken"])
            + f"OUT = {json.dumps(str(uit))}\n"
            + LUA.replace("CSRF", CSRF)
        )
        subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{VERBINDINGEN}",
                f"-d{duur}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                f"http://127.0.0.1:{POORT}",
            ],
            check=True,
            capture_output=True,
            timeout=duur + 60,
        )
        data = json.loads(uit.read_text())
    seconden = data["duration_us"] / 1e6
    return {
        "rps": round(data["requests"] / seconden, 1),
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "verzoeken": data["requests"],
        "fouten": data["errors_status"] + data["errors_connect"] + data["errors_timeout"],
    }


# ---------------------------------------------------------------- processes


def gunicorn_starten() -> subprocess.Popen:
    proces = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{POORT}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **ENV},
    )
    for _ in range(100):
        try:
            with urlopen(f"http://127.0.0.1:{POORT}/bench/kaal/", timeout=1) as antwoord:  # noqa: S310
                if antwoord.status == 200:
                    return proces
        except OSError:
            time.sleep(0.2)
    proces.kill()
    raise SystemExit("gunicorn kwam niet op")


def kinderen(pid: int) -> list[int]:
    pad = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in pad.read_text().split()] if pad.exists() else []


def piek_rss_mb(pid: int) -> float:
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return round(int(regel.split()[1]) / 1024, 1)
    return 0.0


def stoppen(proces: subprocess.Popen) -> None:
    proces.send_signal(signal.SIGTERM)
    try:
        proces.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proces.kill()


# ---------------------------------------------------------------- in-process measurements


def queries_per_pagina(sessies: dict[str, list[str]], lijst: list[dict]) -> dict:
    """Queries per page, and the slowest query of each page (for EXPLAIN ANALYZE)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    uit = {}
    for scenario in lijst:
        if scenario.get("ref"):
            continue
        methode, pad, sessie, body = scenario["verzoeken"][0]
        client = Client(enforce_csrf_checks=False)
        client.cookies["csrftoken"] = CSRF
        if sessie:
            client.cookies["sessionid"] = sessie
        with CaptureQueriesContext(connection) as ctx:
            if methode == "GET":
                antwoord = client.get(pad)
            else:
                antwoord = client.generic(
                    "POST", pad, body, content_type="application/x-www-form-urlencoded"
                )
        traagste = max(ctx.captured_queries, key=lambda q: float(q["time"]), default=None)
        uit[scenario["naam"]] = {
            "status": antwoord.status_code,
            "queries": len(ctx.captured_queries),
            "traagste_sql": traagste["sql"] if traagste else "",
            "traagste_ms": round(float(traagste["time"]) * 1000, 1) if traagste else 0,
        }
    return uit


APPS = ("portal", "wegwijzer", "aanvragen", "behandeling", "uitbetaling")
PROFIEL_VERZOEKEN = int(os.environ.get("BENCH_PROFIEL_VERZOEKEN", "40"))
GROEPEN = (  # where a page's own time goes, by the module that spends it
    ("templates", ("django/template/", "django/templatetags/", "jinja2/")),
    ("ORM", ("django/db/models/",)),
    ("database", ("psycopg", "django/db/backends/")),
    ("formulieren", ("django/forms/",)),
    ("vertalen", ("django/utils/translation/", "gettext")),
    ("portal-code", tuple(f"/{app}/" for app in APPS)),
    ("sessies en middleware", ("django/contrib/", "django/core/handlers/", "django/middleware/")),
    ("cache (Redis)", ("redis/", "django/core/cache/")),
    ("django.utils (escapen, lazy, datums)", ("django/utils/",)),
)


def profielen(lijst: list[dict]) -> dict:
    """Where the time goes per page: cProfile over PROFIEL_VERZOEKEN in-process requests (after
    a warm-up), the own time per group of modules and the functions with the most own time."""
    import cProfile
    import pstats

    from django.test import Client
    from django.test.utils import override_settings

    uit = {}
    for scenario in lijst:
        if scenario.get("ref"):
            continue
        verzoeken = scenario["verzoeken"]

        client = Client(enforce_csrf_checks=False)  # one handler: middleware loaded once

        def doen(n: int, verzoeken=verzoeken, client=client) -> None:
            for i in range(n):
                methode, pad, sessie, body = verzoeken[i % len(verzoeken)]
                client.cookies.clear()
                client.cookies["csrftoken"] = CSRF
                if sessie:
                    client.cookies["sessionid"] = sessie
                if methode == "GET":
                    client.get(pad)
                else:
                    client.generic(
                        "POST", pad, body, content_type="application/x-www-form-urlencoded"
                    )

        doen(min(len(verzoeken), 200))  # warm: connections, imports, every page's cache
        begin = time.perf_counter()
        doen(PROFIEL_VERZOEKEN)
        kaal_ms = (time.perf_counter() - begin) * 1000 / PROFIEL_VERZOEKEN
        # The first view after a change: the same requests with page contents not cached
        # (a per-person page — a case, Mijn aanvragen — is mostly seen for the first time).
        with override_settings(PORTAL_PAGINACACHE=False):
            begin = time.perf_counter()
            doen(PROFIEL_VERZOEKEN)
            eerste_ms = (time.perf_counter() - begin) * 1000 / PROFIEL_VERZOEKEN
        profiel = cProfile.Profile()
        begin = time.perf_counter()
        profiel.enable()
        doen(PROFIEL_VERZOEKEN)
        profiel.disable()
        ms = (time.perf_counter() - begin) * 1000 / PROFIEL_VERZOEKEN
        if os.environ.get("BENCH_PROFIEL_DUMP"):  # for pstats / snakeviz by hand
            profiel.dump_stats(f"{os.environ['BENCH_PROFIEL_DUMP']}-{scenario['naam']}.prof")
        stats = pstats.Stats(profiel).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
        totaal = sum(v[2] for v in stats.values()) or 1
        groepen = dict.fromkeys([g for g, _ in GROEPEN] + ["overig"], 0.0)

        def groep_van(bestand: str) -> str:
            pad = bestand.replace(os.sep, "/")
            return next((g for g, delen in GROEPEN if any(d in pad for d in delen)), "overig")

        for (bestand, _regel, _naam), v in stats.items():
            aanroepers = v[4]
            if bestand == "~" and aanroepers:
                # A builtin (getattr, isinstance, str methods) counts for whoever called it.
                som = sum(c[3] for c in aanroepers.values()) or 1
                for (a_bestand, _r, _n), c in aanroepers.items():
                    groepen[groep_van(a_bestand)] += v[2] * c[3] / som
            else:
                groepen[groep_van(bestand)] += v[2]
        top = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:8]
        uit[scenario["naam"]] = {
            "ms_per_verzoek": round(kaal_ms, 1),
            "ms_eerste_keer": round(eerste_ms, 1),
            "ms_met_profiel": round(ms, 1),
            "groepen": {g: round(100 * t / totaal) for g, t in groepen.items()},
            "top": [
                {
                    "functie": f"{_kort(bestand)}:{regel} {naam}",
                    "eigen_ms": round(v[2] * 1000 / PROFIEL_VERZOEKEN, 2),
                    "aanroepen": round(v[1] / PROFIEL_VERZOEKEN),
                }
                for (bestand, regel, naam), v in top
            ],
        }
    return uit


def _kort(bestand: str) -> str:
    """A module path from its package on (site-packages and the tree cut off)."""
    pad = bestand.replace(os.sep, "/")
    for merk in ("site-packages/", str(ROOT).replace(os.sep, "/") + "/"):
        if merk in pad:
            return pad.split(merk, 1)[1]
    return pad.rsplit("/", 2)[-1] if "/" in pad else pad


def profiel_tekst(profiel: dict) -> str:
    """The profiles as Markdown: per page the time per request in-process, its groups and the
    top functions by own time."""
    regels = [
        f"## Profiel per pagina ({PROFIEL_VERZOEKEN} verzoeken in één proces, cProfile)",
        "",
        "ms/verzoek: warm, uit de paginacache waar die er is; eerste keer: zonder paginacache"
        " (`PORTAL_PAGINACACHE=0`), wat de eerste blik na een wijziging kost.",
        "",
        "| pagina | ms/verzoek (met profiel) | eerste keer | "
        + " | ".join(g for g, _ in GROEPEN)
        + " | overig |",
        "|---|---:|---:|" + "---:|" * (len(GROEPEN) + 1),
    ]
    for naam, p in profiel.items():
        g = p["groepen"]
        regels.append(
            f"| {naam} | {p['ms_per_verzoek']} ({p['ms_met_profiel']}) | {p['ms_eerste_keer']} | "
            + " | ".join(f"{g[k]}%" for k, _ in GROEPEN)
            + f" | {g['overig']}% |"
        )
    for naam, p in profiel.items():
        regels += ["", f"**{naam}** — meeste eigen tijd per verzoek:", ""]
        regels += [
            f"- `{t['functie']}`: {t['eigen_ms']} ms, {t['aanroepen']}×" for t in p["top"][:6]
        ]
    return "\n".join(regels)


def plannen(sqls: dict[str, str]) -> dict[str, str]:
    from django.db import connection, transaction

    uit = {}
    for naam, sql in sqls.items():
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
            uit[naam] = "\n".join(r[0] for r in cursor.fetchall())
    return uit


def sla_sweep() -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from behandeling.signalen import sla_bijwerken

    tijden, bijgewerkt = [], []
    for _ in range(3):
        begin = time.perf_counter()
        with transaction.atomic():
            bijgewerkt.append(sla_bijwerken(vandaag=timezone.localdate()))
        tijden.append(time.perf_counter() - begin)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM aanvragen_aanvraag")
        totaal = cursor.fetchone()[0]
    return {
        "aanvragen": totaal,
        "eerste_s": round(tijden[0], 3),
        "daarna_mediaan_s": round(statistics.median(tijden[1:]), 3),
        "bijgewerkt": bijgewerkt,
    }


def beschikkingen(aantal: int = 20) -> dict:
    from aanvragen.models import Aanvraag
    from behandeling.beschikking import beschikking_maken

    pks = list(
        Aanvraag.objects.filter(status="uitbetaald")
        .order_by("pk")
        .values_list("pk", flat=True)[:aantal]
    )
    beschikking_maken(aanvraag_id=pks.pop())  # warm: fonts and templates loaded once
    tijden = []
    begin_alles = time.perf_counter()
    for pk in pks:
        begin = time.perf_counter()
        beschikking_maken(aanvraag_id=pk)
        tijden.append(time.perf_counter() - begin)
    totaal = time.perf_counter() - begin_alles
    return {
        "aantal": len(tijden),
        "mediaan_s": round(statistics.median(tijden), 3),
        "p95_s": round(sorted(tijden)[int(len(tijden) * 0.95) - 1], 3),
        "pdfs_per_s": round(len(tijden) / totaal, 1),
    }


def celery_starten(opties: list[str], log_naam: str) -> subprocess.Popen:
    """A Celery worker process for the portal with the bench's settings (`opties`: its pool)."""
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "portal",
            "worker",
            *opties,
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env={**os.environ, **ENV},
        stdout=(VAR / log_naam).open("w"),
        stderr=subprocess.STDOUT,
    )


def celery_meting() -> dict:
    """Start a Celery worker (prefork, 2 processes), give it real work, read its peak RSS."""
    from aanvragen.models import Aanvraag, Document
    from behandeling.tasks import beschikking_maken, sla_bewaken
    from uitbetaling.models import Betaalopdracht
    from uitbetaling.tasks import batches_verwerken

    worker = celery_starten(["--concurrency", "2"], "celery.log")
    try:
        time.sleep(5)
        begin = time.perf_counter()
        wachtend = Betaalopdracht.objects.filter(status="klaargezet").count()
        pks = list(
            Aanvraag.objects.filter(status="uitbetaald", documenten__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:40]
        )
        sla_bewaken.delay()
        batches_verwerken.delay()
        for pk in pks:
            beschikking_maken.delay(pk)

        def klaar() -> bool:
            return not Betaalopdracht.objects.filter(
                status__in=["klaargezet", "in_batch"]
            ).exists() and Document.objects.filter(
                aanvraag_id__in=pks, soort="beschikking"
            ).count() == len(pks)

        while not klaar():
            if time.perf_counter() - begin > 600:
                raise SystemExit("De Celery-worker maakte het werk niet af binnen 10 minuten")
            time.sleep(0.5)
        duur = time.perf_counter() - begin
        processen = [worker.pid, *kinderen(worker.pid)]
        return {
            "werk": f"SLA-bewaking, betaalbatches voor {wachtend} opdrachten, "
            f"{len(pks)} beschikkingen",
            "seconden": round(duur, 1),
            "rss_piek_mb_hoofdproces": piek_rss_mb(worker.pid),
            "rss_piek_mb_per_kind": [piek_rss_mb(p) for p in processen[1:]],
        }
    finally:
        stoppen(worker)


def berichten_meting(aantal: int = 10_000, plan_rijen: int = 1_000_000) -> dict:
    """Issue 19: `aantal` queued SMS delivered through a local NotifyNL (tests/notify_server.py,
    the v2 contract with JWT) by one Celery worker process (solo pool); then the outbox's
    due-message query at `plan_rijen` messages must stay on its partial index."""
    from django.db import connection
    from django.utils import timezone

    from portal.models import Bericht, BerichtKanaal, Gemeente, NotifyInstelling, NotifySjabloon
    from portal.tasks import berichten_bezorgen
    from tests.notify_server import LokaleNotify

    notify = LokaleNotify()
    notify.starten()
    gemeente = Gemeente.objects.order_by("pk").first()
    instelling, _ = NotifyInstelling.objects.update_or_create(
        gemeente=gemeente, defaults={"actief": True, "basis_url": notify.url}
    )
    instelling.api_sleutel = notify.dienst()
    instelling.save()
    NotifySjabloon.objects.update_or_create(
        instelling=instelling,
        soort="aanvulling",
        kanaal=BerichtKanaal.NOTIFY_SMS,
        defaults={"template_id": notify.sjabloon("sms", "Vraag over ((referentie)): ((link))")},
    )
    nu = timezone.now()
    vanaf = Bericht.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    Bericht.objects.bulk_create(
        Bericht(
            soort="aanvulling",
            gemeente=gemeente,
            kanaal=BerichtKanaal.NOTIFY_SMS,
            aan="+31612345678",
            onderwerp="Vraag",
            tekst="-",
            personalisatie={"referentie": f"BB-2026-{n:06d}", "link": "https://x.nl/m"},
            aangemaakt_op=nu,
            volgende_poging_op=nu,
        )
        for n in range(aantal)
    )
    worker = celery_starten(["--pool", "solo"], "celery-berichten.log")
    try:
        time.sleep(5)
        begin = time.perf_counter()
        berichten_bezorgen.delay()
        while Bericht.objects.filter(pk__gt=vanaf, status="wacht").exists():
            if time.perf_counter() - begin > 600:
                raise SystemExit("De worker bezorgde de berichten niet binnen 10 minuten")
            time.sleep(0.5)
        duur = time.perf_counter() - begin
    finally:
        stoppen(worker)
        notify.stoppen()
    verstuurd = len(notify.verstuurd())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Bericht._meta.db_table} (soort, aan, onderwerp, tekst, status,"  # noqa: S608 - model names
            " aangemaakt_op, pogingen, volgende_poging_op, laatste_fout, bijlage_bestand,"
            " bijlage_naam, bijlage_type, kanaal, personalisatie, extern_id, aflevering,"
            " extern_status, status_vragen_pogingen)"
            " SELECT 'aanvulling', '+31612345678', 'x', 'x',"
            " CASE WHEN g %% 1000 = 0 THEN 'wacht' ELSE 'verzonden' END,"
            " now(), 1, now() + (g %% 60) * interval '1 minute', '', '', '', '', 'smtp', '{}',"
            " '', '', '', 0 FROM generate_series(1, %s) g",
            [plan_rijen],
        )
        cursor.execute(f"ANALYZE {Bericht._meta.db_table}")
    sql, params = (
        Bericht.objects.filter(status="wacht", volgende_poging_op__lte=timezone.now())
        .order_by("volgende_poging_op", "pk")[:1]
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
        # the filler goes again: a second run on this database measures the same
        cursor.execute(f"DELETE FROM {Bericht._meta.db_table} WHERE onderwerp = 'x'")  # noqa: S608
    return {
        "aantal": aantal,
        "verstuurd": verstuurd,
        "seconden": round(duur, 1),
        "per_seconde": round(aantal / duur),
        "plan_rijen": plan_rijen,
        "op_index": "bericht_te_bezorgen" in plan,
        "plan": plan,
    }


# ---------------------------------------------------------------- report


DOELEN = {"p95_ms": 100, "ratio": 0.10}


def tabel(resultaten: dict) -> str:
    kaal = resultaten["load"]["kale view"]["rps"]
    kaal_wizard = {
        "GET": resultaten["load"]["kale formtools-stap GET (db-sessies)"]["rps"],
        "POST": resultaten["load"]["kale formtools-stap POST (db-sessies)"]["rps"],
    }
    regels = [
        "| pagina | req/s | p50 ms | p95 ms | p99 ms | × kale view | queries | doel |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for naam, m in resultaten["load"].items():
        q = resultaten["queries"].get(naam, {}).get("queries", "")
        ratio = m["rps"] / kaal if kaal else 0
        doel = "referentie"
        if naam.startswith("wizardstap"):
            ref = kaal_wizard["GET" if "GET" in naam else "POST"]
            ok = m["rps"] >= ref and m["p95_ms"] <= DOELEN["p95_ms"] and ratio >= DOELEN["ratio"]
            doel = ("gehaald" if ok else "gemist") + f" (kale stap {ref:.0f} req/s)"
        elif not naam.startswith("kale"):
            grens = 300 if naam == "teamleider-dashboard" else DOELEN["p95_ms"]
            ok = m["p95_ms"] <= grens and ratio >= DOELEN["ratio"]
            doel = "gehaald" if ok else "gemist"
        fouten = f" ({m['fouten']} fouten)" if m["fouten"] else ""
        regels.append(
            f"| {naam}{fouten} | {m['rps']:.0f} | {m['p50_ms']} | {m['p95_ms']} | {m['p99_ms']} "
            f"| {ratio:.2f} | {q} | {doel} |"
        )
    return "\n".join(regels)


def _berichten_regels(b: dict | None) -> list[str]:
    if not b:
        return []
    return [
        f"| {b['aantal']:,} SMS via de lokale NotifyNL, één worker-proces".replace(",", " ")
        + f" | {b['seconden']} s ({b['per_seconde']}/s, {b['verstuurd']} aangekomen) | ≤ 60 s |",
        f"| uitbak-query bij {b['plan_rijen']:,} berichten".replace(",", " ")
        + f" | {'op de index' if b['op_index'] else 'NIET op de index'} | op een index |",
    ]


def rapport(resultaten: dict, *, met_plannen: bool = True) -> str:
    m = resultaten["machine"]
    s, pdf, pain = resultaten["seed"], resultaten["pdf"], resultaten["pain001"]
    camt = resultaten["camt"]
    sla, rss = resultaten["sla"], resultaten["rss"]
    regels = [
        f"## {resultaten['datum']} — {s['aanvragen']:,} aanvragen".replace(",", " "),
        "",
        f"Machine: {m['cpus']} cores, {m['platform']}, Python {m['python']}, "
        f"PostgreSQL {m['postgresql']}, Redis {m['redis']}, Django {m['django']}, "
        f"gunicorn {m['gunicorn']} ({WORKERS} sync workers), wrk {VERBINDINGEN} verbindingen × "
        f"{DUUR} s per pagina.",
        "",
        f"Vullen: {s['seconden']} s ("
        + ", ".join(f"{k} {v['rijen']:,}".replace(",", " ") for k, v in s["tabellen"].items())
        + ").",
        "",
        tabel(resultaten),
        "",
        "| meting | uitkomst | doel |",
        "|---|---:|---|",
        f"| SLA-sweep over {sla['aanvragen']:,} aanvragen (eerste / daarna) | "
        f"{sla['eerste_s']} s / {sla['daarna_mediaan_s']} s | ≤ 2 s |".replace(",", " "),
        f"| beschikking-PDF (mediaan van {pdf['aantal']}, p95) | {pdf['mediaan_s']} s "
        f"({pdf['p95_s']} s) | ≤ 0,2 s |",
        f"| PDF's per seconde (één proces) | {pdf['pdfs_per_s']} | — |",
        f"| pain.001 met {pain['opdrachten']:,} opdrachten bouwen + XSD".replace(",", " ")
        + f" | {pain['seconden_mediaan']} s | ≤ 5 s |",
        f"| camt.054 met {camt['posten']:,} geboekte betalingen afstemmen".replace(",", " ")
        + f" | {camt['seconden']} s | ≤ 5 s |",
        f"| gunicorn-worker piek-RSS (max over {WORKERS}) | {rss['gunicorn_max_mb']} MB "
        "| ≤ 200 MB |",
        f"| Celery-worker piek-RSS (hoofdproces / grootste kind) | "
        f"{rss['celery']['rss_piek_mb_hoofdproces']} / "
        f"{max(rss['celery']['rss_piek_mb_per_kind'] or [0])} MB | ≤ 300 MB |",
        *_berichten_regels(resultaten.get("berichten")),
        "",
    ]
    if resultaten.get("profiel"):
        regels += [
            profiel_tekst(resultaten["profiel"]).replace(
                "## ", "#### " if not met_plannen else "### ", 1
            ),
            "",
        ]
    if not met_plannen:
        return "\n".join(regels)
    regels += [
        "<details><summary>Plannen van de traagste query per pagina (EXPLAIN ANALYZE)</summary>",
        "",
    ]
    for naam, plan in resultaten["plannen"].items():
        regels += [f"**{naam}**", "", "```", plan, "```", ""]
    regels += ["</details>", ""]
    return "\n".join(regels)


def machine() -> dict:
    import django
    import gunicorn
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    redis_versie = subprocess.run(
        ["redis-server", "--version"], capture_output=True, text=True
    ).stdout.split()[2]
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(terse=True),
        "python": platform.python_version(),
        "postgresql": pg.split()[0],
        "redis": redis_versie.removeprefix("v="),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
    }


def alleen_profiel() -> None:
    """`python bench/run.py --profiel`: the profiles only, on the database the last run seeded
    (quick, for working on one page; BENCH_PAGINA names the pages, comma-separated)."""
    lijst = _gekozen(_laatste_database())
    print(profiel_tekst(profielen([s for s in lijst if not s.get("ref")])))


def alleen_load() -> None:
    """`python bench/run.py --load`: the bare view and the pages named in BENCH_PAGINA (or all)
    under wrk, on the database the last run seeded. For working on one page; the report and the
    docs come from a whole run."""
    alle = _laatste_database()
    lijst = [alle[0]] + [s for s in _gekozen(alle) if s is not alle[0]]  # the bare view first
    server = gunicorn_starten()
    try:
        for scenario in lijst:
            wrk(scenario, 2)
            log(f"{scenario['naam']}: {wrk(scenario, DUUR)}")
    finally:
        stoppen(server)


def _gekozen(lijst: list[dict]) -> list[dict]:
    alleen = os.environ.get("BENCH_PAGINA")
    return [s for s in lijst if s["naam"] in alleen.split(",")] if alleen else lijst


def _laatste_database() -> list[dict]:
    """Django set up on the last seeded database, and every scenario (the bare view first)."""
    VAR.mkdir(parents=True, exist_ok=True)
    os.environ.update(ENV)
    bsns = bsn_lijst(SESSIES)
    brp_fixture(bsns)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    return scenarios(sessies_maken(bsns))


def main() -> None:
    if "--profiel" in sys.argv:
        return alleen_profiel()
    if "--load" in sys.argv:
        return alleen_load()
    if "--berichten" in sys.argv:  # issue 19's measurement alone, on the last seeded database
        _laatste_database()
        return log(f"berichten: {berichten_meting()}")
    VAR.mkdir(parents=True, exist_ok=True)
    os.environ.update(ENV)
    bsns = bsn_lijst(SESSIES)
    brp_fixture(bsns)
    log(f"database {DB_NAAM} opnieuw, schaal {SCALE:,}".replace(",", " "))
    database_opnieuw()

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from bench.camt import main as camt054_afstemmen
    from bench.pain001 import main as pain001
    from bench.seed import seed

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    subprocess.run(["redis-cli", "-n", "12", "FLUSHDB"], check=True, capture_output=True)
    begin = time.perf_counter()
    resultaten: dict = {"datum": datetime.now().astimezone().isoformat(timespec="seconds")}
    resultaten["seed"] = seed(SCALE)
    inwoners_koppelen(bsns)
    log(f"gevuld in {resultaten['seed']['seconden']} s")
    resultaten["machine"] = machine()
    sessies = sessies_maken(bsns)
    lijst = scenarios(sessies)

    resultaten["sla"] = sla_sweep()
    log(f"SLA-sweep: {resultaten['sla']}")
    resultaten["queries"] = queries_per_pagina(sessies, lijst)
    # Every page must really be served (a GET 200, a POST 200 or its redirect onward), or the
    # load would measure a login redirect or an error page instead of the page.
    verwacht = {s["naam"]: (200,) if s["verzoeken"][0][0] == "GET" else (200, 302) for s in lijst}
    fout = {
        n: q["status"] for n, q in resultaten["queries"].items() if q["status"] not in verwacht[n]
    }
    if fout:
        raise SystemExit(f"Pagina's worden niet echt getoond: {fout}")

    resultaten["profiel"] = profielen(lijst)
    cache.clear()  # the load starts as cold as before
    server = gunicorn_starten()
    try:
        resultaten["load"] = {}
        for scenario in lijst:
            wrk(scenario, 2)  # warm-up: connections, caches, first imports
            resultaten["load"][scenario["naam"]] = meting = wrk(scenario, DUUR)
            log(f"{scenario['naam']}: {meting}")
        gunicorn_rss = [piek_rss_mb(p) for p in kinderen(server.pid)]
    finally:
        stoppen(server)
    resultaten["plannen"] = plannen(
        {n: q["traagste_sql"] for n, q in resultaten["queries"].items()}
    )
    resultaten["pdf"] = beschikkingen()
    log(f"PDF: {resultaten['pdf']}")
    resultaten["pain001"] = pain001()
    log(f"pain.001: {resultaten['pain001']}")
    resultaten["camt"] = camt054_afstemmen()
    log(f"camt.054: {resultaten['camt']}")
    resultaten["rss"] = {"gunicorn_mb": gunicorn_rss, "gunicorn_max_mb": max(gunicorn_rss)}
    resultaten["rss"]["celery"] = celery_meting()
    log("berichten via de lokale NotifyNL")
    resultaten["berichten"] = berichten_meting()
    log(f"berichten: {resultaten['berichten']['seconden']} s")
    log(f"Celery: {resultaten['rss']['celery']}")
    resultaten["totaal_s"] = round(time.perf_counter() - begin, 1)

    stempel = datetime.now().strftime("%Y%m%d-%H%M%S")
    (VAR / f"resultaat-{stempel}.json").write_text(json.dumps(resultaten, indent=2))
    tekst = rapport(resultaten)
    print("\n" + tekst)
    if os.environ.get("BENCH_DOCS", "1") == "1":
        docs_bijwerken(resultaten, tekst)


BEGIN, EIND = "<!-- laatste-run:begin -->", "<!-- laatste-run:eind -->"


def docs_bijwerken(resultaten: dict, tekst: str) -> None:
    """The whole report into docs/benchmarks/<time>.md (the history, one file per run); its
    tables replace the *Latest run* section of docs/benchmarks.md (the standing)."""
    geschiedenis = ROOT / "docs" / "benchmarks"
    geschiedenis.mkdir(exist_ok=True)
    naam = resultaten["datum"][:19].replace(":", "") + ".md"
    (geschiedenis / naam).write_text("# Benchmark run\n\n" + tekst.strip() + "\n")
    stand = ROOT / "docs" / "benchmarks.md"
    inhoud = stand.read_text()
    if BEGIN in inhoud and EIND in inhoud:
        kort = rapport(resultaten, met_plannen=False).replace("## ", "### ", 1)
        blok = (
            f"{BEGIN}\n{kort}\n\nThe whole report with the query plans: "
            f"[docs/benchmarks/{naam}](benchmarks/{naam}).\n{EIND}"
        )
        voor, _, rest = inhoud.partition(BEGIN)
        stand.write_text(voor + blok + rest.partition(EIND)[2])
    log(f"rapport in docs/benchmarks/{naam}, stand in docs/benchmarks.md")


if __name__ == "__main__":
    main()
