// Signing in with a passkey on the authorization pages' sign-in form. Served from this server
// (`/oauth/passkey.js`) under the page's CSP `script-src 'self'`; without it the password form
// works alone. The form stays hidden where the browser cannot use passkeys.
"use strict";
(function () {
  const form = document.getElementById("passkey-form");
  const Credential = window.PublicKeyCredential;
  if (!form || !Credential || !Credential.parseRequestOptionsFromJSON) {
    return;
  }
  form.hidden = false;
  const button = document.getElementById("passkey-sign-in");
  const error = document.getElementById("passkey-error");
  const show = (message) => {
    error.textContent = message;
    error.hidden = false;
    button.disabled = false;
  };
  button.addEventListener("click", async () => {
    button.disabled = true;
    error.hidden = true;
    let challenge;
    try {
      const answer = await fetch(form.dataset.options, { method: "POST" });
      challenge = await answer.json();
      if (!answer.ok) {
        show(challenge.message);
        return;
      }
    } catch (_) {
      show("The server could not be reached. Try again.");
      return;
    }
    let credential;
    try {
      const options = Credential.parseRequestOptionsFromJSON(challenge.options.publicKey);
      credential = await navigator.credentials.get({ publicKey: options });
    } catch (_) {
      show("No passkey was used. Try again, or sign in with your password.");
      return;
    }
    form.elements.challenge_id.value = challenge.challenge_id;
    form.elements.credential.value = JSON.stringify(credential.toJSON());
    form.submit();
  });
})();
