// Moves keyboard and screen-reader focus to a form's error summary when the page shows one.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// A choice of a person that depends on a chosen agency (data-staff-of names the agency's field):
// only that agency's staff are offered; a person of another agency is unselected.
document.addEventListener("DOMContentLoaded", () => {
  for (const people of document.querySelectorAll("select[data-staff-of]")) {
    const agency = people.form && people.form.elements.namedItem(people.dataset.staffOf);
    if (!agency) {
      continue;
    }
    const offerStaff = () => {
      for (const option of people.options) {
        const other = Boolean(option.dataset.agency) && option.dataset.agency !== agency.value;
        option.hidden = other;
        option.disabled = other;
        if (other && option.selected) {
          people.value = "";
        }
      }
    };
    agency.addEventListener("change", offerStaff);
    offerStaff();
  }
});

// A "Copy" button (data-copy names the field whose value it copies) puts the value on the
// clipboard and says so in its status line, which screen readers announce.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copyStatus);
    button.hidden = !field || !navigator.clipboard;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = "Copied.";
      } catch {
        field.select();
        if (status) status.textContent = "Select the address and copy it.";
      }
    });
  }
});
