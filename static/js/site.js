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

// A portrait file being built (data-portrait-file names its status address): its progress bar
// follows the build, and once the file is ready the line becomes its download link, announced.
document.addEventListener("DOMContentLoaded", () => {
  for (const line of document.querySelectorAll("[data-portrait-file]")) {
    const bar = line.querySelector("progress");
    if (!bar) {
      continue;
    }
    const follow = async () => {
      try {
        const answer = await fetch(line.dataset.portraitFile, { headers: { Accept: "application/json" } });
        const state = await answer.json();
        bar.value = state.progress;
        bar.textContent = `${state.progress}%`;
        line.querySelector("[data-portrait-status]").textContent = state.label;
        if (state.download) {
          const link = document.createElement("a");
          link.className = "usa-link";
          link.href = state.download;
          link.textContent = "Download the new file";
          line.replaceChildren(link);
          const announce = document.createElement("span");
          announce.setAttribute("role", "status");
          announce.className = "usa-sr-only";
          line.append(announce);
          announce.textContent = "The file is ready to download.";
          return;
        }
        if (state.status === "failed") {
          line.textContent = "The file could not be built.";
          return;
        }
      } catch {
        // The next try follows.
      }
      window.setTimeout(follow, 1500);
    };
    window.setTimeout(follow, 1000);
  }
});
