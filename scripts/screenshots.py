"""Take screenshots of the main pages of a running portal (`make run`) for a visual check.

Usage: .venv/bin/python scripts/screenshots.py [base-url] [output-dir]
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
UIT = Path(sys.argv[2] if len(sys.argv) > 2 else "var/screenshots")
WACHTWOORD = "Snelservice-demo-2026"


def demo_code(gebruikersnaam: str) -> str:
    """The code the colleague's app would show (manage.py demo_code, DEBUG only)."""
    uit = subprocess.run(
        [sys.executable, "manage.py", "demo_code", gebruikersnaam],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_DEBUG": "1"},
    )
    return uit.stdout.strip()


def main() -> None:
    UIT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        mobiel = browser.new_context(viewport={"width": 390, "height": 844})
        page = mobiel.new_page()
        page.goto(f"{BASE}/")
        page.screenshot(path=UIT / "01-wegwijzer.png", full_page=True)
        page.goto(f"{BASE}/aanvragen/")
        page.screenshot(path=UIT / "02-digid.png", full_page=True)
        page.get_by_label("Burgerservicenummer (BSN)").fill("111222333")
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_role("button", name="Volgende").click()
        page.screenshot(path=UIT / "03-stap1-fout.png", full_page=True)
        page.get_by_label("Telefoonnummer").fill("06 12345678")
        page.get_by_role("button", name="Volgende").click()
        page.screenshot(path=UIT / "04-stap2.png", full_page=True)
        page.goto(f"{BASE}/aanvragen/mijn-aanvragen/")
        page.screenshot(path=UIT / "05-mijn-aanvragen.png", full_page=True)

        desktop = browser.new_context(viewport={"width": 1280, "height": 900})
        page = desktop.new_page()
        page.goto(f"{BASE}/medewerker/inloggen/")
        page.get_by_label("Gebruikersnaam").fill("behandelaar")
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        page.screenshot(path=UIT / "06-tweede-stap.png", full_page=True)
        page.get_by_label("Code uit uw app").fill(demo_code("behandelaar"))
        page.get_by_role("button", name=re.compile("inloggen", re.IGNORECASE)).click()
        page.screenshot(path=UIT / "06-werkvoorraad.png", full_page=True)
        page.get_by_role("button", name="Volgende aanvraag").click()
        page.screenshot(path=UIT / "07-aanvraag.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
