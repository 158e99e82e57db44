// Warns a signed-in person before an idle session ends, and ends it when the time is up.
// The limits come from data attributes that base.html sets (see
// templates/account/snippets/session_timeout.html); the server ends idle sessions by itself
// too (pitf.middleware.SessionLifetimeMiddleware), this only says so in time.
// Tabs of the same site share the time of the last activity through localStorage, so a person
// working in one tab is not signed out by another.
(() => {
  const config = document.querySelector("[data-session-timeout]");
  if (!config) {
    return;
  }
  const idleMs = Number(config.dataset.idleSeconds) * 1000;
  const warningMs = Number(config.dataset.warningSeconds) * 1000;
  const keepAliveUrl = config.dataset.keepAliveUrl;
  const timeoutForm = document.getElementById("session-timeout-form");
  const opener = config.querySelector("[data-session-open]");
  const STORAGE_KEY = "pitf-session-last-activity";
  let lastActivity = Date.now();
  let warningOpen = false;
  let ended = false;

  const share = (time) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(time));
    } catch {
      // Storage may be off; this tab's own clock still works.
    }
  };
  const sharedActivity = () => {
    try {
      return Number(window.localStorage.getItem(STORAGE_KEY)) || 0;
    } catch {
      return 0;
    }
  };
  share(lastActivity);

  const modal = () => document.getElementById("session-timeout-modal");
  const countdown = () => document.querySelector("[data-session-countdown]");

  const describe = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minute${minutes === 1 ? "" : "s"}`;
    }
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  };

  const openWarning = () => {
    warningOpen = true;
    opener.click();
  };
  const closeWarning = () => {
    warningOpen = false;
    const dialog = modal();
    if (dialog && dialog.closest(".is-visible")) {
      // A close control of the USWDS modal, clicked for the person (another tab was active).
      const stay = dialog.querySelector("[data-session-stay]");
      stay.dataset.silent = "true";
      stay.click();
      delete stay.dataset.silent;
    }
  };
  const endSession = () => {
    if (!ended) {
      ended = true;
      timeoutForm.submit();
    }
  };

  const tick = () => {
    const remaining = Math.max(lastActivity, sharedActivity()) + idleMs - Date.now();
    if (remaining <= 0) {
      endSession();
    } else if (remaining <= warningMs) {
      if (!warningOpen) {
        openWarning();
      }
      const span = countdown();
      if (span) {
        span.textContent = describe(remaining);
      }
    } else if (warningOpen) {
      closeWarning();
    }
  };

  const stayButton = () => modal() && modal().querySelector("[data-session-stay]");
  document.addEventListener("click", (event) => {
    const stay = stayButton();
    if (!stay || event.target.closest("[data-session-stay]") !== stay || stay.dataset.silent) {
      return;
    }
    warningOpen = false;
    const token = timeoutForm.querySelector("[name=csrfmiddlewaretoken]").value;
    fetch(keepAliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token, Accept: "application/json" },
      credentials: "same-origin",
      redirect: "manual",
    })
      .then((response) => {
        if (!response.ok) {
          throw new Error(`keep-alive answered ${response.status}`);
        }
        lastActivity = Date.now();
        share(lastActivity);
      })
      .catch(endSession);
  });

  window.setInterval(tick, 1000);
})();
