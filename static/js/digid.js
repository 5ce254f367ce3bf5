// DigiD login (SAML HTTP-POST binding): send the prepared form to DigiD at once. Without
// JavaScript the inwoner presses the button; nothing else differs.
(function () {
  "use strict";
  var formulier = document.querySelector("form[data-direct-versturen]");
  if (formulier) { formulier.submit(); }
})();
