"""The visual check: what axe does not see but people stumble on. Measured in the page itself at
320, 768 and 1280 px for every state a journey checks:

- no element's content is wider than the element (text running out of its box), and the page
  itself never scrolls sideways; scroll containers (a table wrapper) are allowed to scroll;
- no word is broken: the browser draws no word over two lines, so no "Gemee nte" or one letter
  per line (a file name or address marked `portal-breekbaar` may wrap: it has no spaces);
- screen-reader-only text is invisible: its box is at most 1 px, or clipped.

Each width leaves a full-page screenshot in test-results/schermen/ (a CI artifact).
"""

import re
from pathlib import Path

BREEDTES = (320, 768, 1280)
SCHERMEN = Path(__file__).resolve().parents[2] / "test-results" / "schermen"

METEN = r"""
() => {
  const fouten = [];
  const tekst = el => (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ")
    .slice(0, 50);
  const naam = el => {
    const klasse = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${klasse} "${tekst(el)}"`;
  };
  const zichtbaar = (el, s) => {
    const r = el.getBoundingClientRect();
    return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0;
  };
  const verborgenKlasse = ".utrecht-visually-hidden, .portal-visually-hidden";
  const geknipt = new Map();  // inside something clipped for screen readers only (a table head)
  const binnenGeknipt = el => {
    if (!el) return false;
    if (!geknipt.has(el)) {
      const s = getComputedStyle(el);
      geknipt.set(el, s.clipPath === "inset(50%)" || s.clip === "rect(0px, 0px, 0px, 0px)"
        || binnenGeknipt(el.parentElement));
    }
    return geknipt.get(el);
  };
  for (const el of document.querySelectorAll(verborgenKlasse)) {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    const geknipt = s.clip === "rect(0px, 0px, 0px, 0px)" || s.clipPath === "inset(50%)";
    if (!geknipt && (r.width > 1 || r.height > 1)) {
      fouten.push("zichtbare verborgen tekst: " + naam(el));
    }
  }
  const breedte = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > breedte + 1) {
    const nodig = document.documentElement.scrollWidth;
    fouten.push(`de pagina schuift opzij: ${nodig} px op ${breedte} px`);
  }
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(verborgenKlasse + ", svg, script, style, template, [hidden]")) continue;
    if (binnenGeknipt(el)) continue;
    const s = getComputedStyle(el);
    if (!zichtbaar(el, s) || s.display === "inline" || s.display === "contents") continue;
    const schuift = ["auto", "scroll"].includes(s.overflowX);
    if (!schuift && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
        && !["INPUT", "SELECT", "TEXTAREA", "IMG"].includes(el.tagName)) {
      fouten.push(`loopt uit het vak (${el.scrollWidth} > ${el.clientWidth} px): ${naam(el)}`);
    }
  }
  // A word broken over two lines: the browser draws it in more than one box.
  const lopen = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const bereik = document.createRange();
  for (let knoop = lopen.nextNode(); knoop; knoop = lopen.nextNode()) {
    const ouder = knoop.parentElement;
    const overslaan = ", svg, script, style, template, [hidden], .portal-breekbaar";
    if (!ouder || ouder.closest(verborgenKlasse + overslaan)) {
      continue;
    }
    if (!zichtbaar(ouder, getComputedStyle(ouder)) || binnenGeknipt(ouder)) continue;
    // A word is what has no space or hyphen in it: breaking after a hyphen is Dutch practice.
    for (const woord of knoop.textContent.matchAll(/[^\s\-\u2010]{2,}/g)) {
      bereik.setStart(knoop, woord.index);
      bereik.setEnd(knoop, woord.index + woord[0].length);
      const vakken = [...bereik.getClientRects()].filter(r => r.width > 0);
      const regels = new Set(vakken.map(r => Math.round(r.top)));
      if (regels.size > 1) fouten.push(`woord gebroken ("${woord[0]}"): ${naam(ouder)}`);
    }
  }
  return fouten;
}
"""


def controleren(page, naam: str) -> None:
    """Measure the current page state at each width (and back), keep the screenshots, and fail
    with every stumble found."""
    oorspronkelijk = page.viewport_size
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    gevonden = []
    try:
        for breedte in BREEDTES:
            page.set_viewport_size({"width": breedte, "height": 900})
            page.wait_for_timeout(50)  # a layout pass after the resize
            bestand = re.sub(r"[^\w.-]+", "-", f"{naam}-{breedte}") + ".png"
            page.screenshot(path=str(SCHERMEN / bestand), full_page=True)
            gevonden += [f"{breedte} px: {fout}" for fout in page.evaluate(METEN)]
    finally:
        page.set_viewport_size(oorspronkelijk)
    assert not gevonden, f"{naam} ({page.url}):\n" + "\n".join(dict.fromkeys(gevonden))
