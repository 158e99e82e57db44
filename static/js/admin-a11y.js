// The Django admin's autocomplete (select2) draws a combobox named by the chosen value only:
// an empty one has no accessible name. Name it, and its text box, by the field's label as well.
(function () {
  "use strict";

  function labelFor(select) {
    if (!select.id) return null;
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (!label) return null;
    if (!label.id) label.id = select.id + "-label";
    return label.id;
  }

  function name(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    var labelId = labelFor(select);
    if (!labelId) return;
    container.querySelectorAll('[role="combobox"], [role="textbox"]').forEach(function (part) {
      var ids = (part.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
      if (ids.indexOf(labelId) === -1) {
        part.setAttribute("aria-labelledby", [labelId].concat(ids).join(" "));
      }
    });
  }

  function nameAll() {
    document.querySelectorAll(".select2-container").forEach(name);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    // select2 draws its widgets when jQuery is ready and again for each inline row added.
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
