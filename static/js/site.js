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
