// The security-key pages around django-allauth's WebAuthn script: says in words why the browser
// did not add or use a key (allauth only reports it to the console), and lets Enter in the
// key's name field start the ceremony instead of posting the form without a key.
(() => {
  const MESSAGES = {
    InvalidStateError:
      "This security key is already added to your account. Use another key, or find this one in your list of security keys.",
    NotAllowedError:
      "The security key was not used: the request was cancelled or timed out, or the key is not one added to this account. Try again, and touch or unlock the key when your browser asks.",
    SecurityError:
      "Your browser refuses security keys at this web address. They need a secure connection and the site’s name, not a numeric IP address (for a copy running on your computer, open http://localhost:8000).",
    NotSupportedError:
      "This browser cannot use this kind of security key. Try another key or browser, or use your authenticator app.",
    AbortError: "The request to the security key was stopped. Try again.",
  };
  const FALLBACK =
    "The security key did not work. Try again, or use your authenticator app or a recovery code.";

  function explain(exception) {
    const name = exception && exception.name;
    return Object.hasOwn(MESSAGES, name) ? MESSAGES[name] : FALLBACK;
  }

  document.addEventListener("allauth.error", (event) => {
    const alert = document.querySelector("[data-security-key-error]");
    if (!alert) {
      return;
    }
    event.preventDefault();
    console.warn(event.detail.exception);
    alert.querySelector(".usa-alert__text").textContent = explain(event.detail.exception);
    alert.hidden = false;
    alert.focus();
  });

  document.addEventListener("DOMContentLoaded", () => {
    const addButton = document.getElementById("mfa_webauthn_add");
    if (!addButton || !addButton.form) {
      return;
    }
    // allauth posts the key's answer with form.submit(), which fires no submit event: a submit
    // event means Enter was pressed in a field, before there was an answer to post.
    addButton.form.addEventListener("submit", (event) => {
      event.preventDefault();
      addButton.click();
    });
  });
})();
