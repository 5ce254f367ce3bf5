// Session-timeout warning (WCAG 2.2.1): two minutes before the DigiD session ends, offer to
// extend it. Without JavaScript nothing is lost either: every step is saved on the server.
(function () {
  "use strict";
  var blok = document.getElementById("sessie-waarschuwing");
  if (!blok || !window.fetch) { return; }
  var minuten = parseInt(blok.getAttribute("data-minuten"), 10) || 15;
  var knop = blok.querySelector("button");
  var formulier = blok.querySelector("form");
  var timer = null;

  function plan() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(function () {
      blok.hidden = false;
      knop.focus();
    }, Math.max(0, (minuten - 2) * 60 * 1000));
  }

  formulier.addEventListener("submit", function (event) {
    event.preventDefault();
    window.fetch(formulier.action, {
      method: "POST",
      body: new FormData(formulier),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (antwoord) {
      if (antwoord.ok) {
        blok.hidden = true;
        plan();
      } else {
        window.location.reload();
      }
    });
  });
  plan();
}());
