// The month view of meetings as a keyboard grid: one day takes Tab focus; the arrow keys move a
// day or a week, Home and End to the week's ends, Page Up and Page Down to the neighbouring
// month. Tab from a day goes into its meetings' links.
document.addEventListener("DOMContentLoaded", () => {
  const grid = document.querySelector("[data-month-grid]");
  if (!grid) {
    return;
  }
  const days = Array.from(grid.querySelectorAll("td[data-day]"));
  const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  const focusDay = (index) => {
    const target = days[Math.max(0, Math.min(days.length - 1, index))];
    for (const day of days) {
      day.tabIndex = day === target ? 0 : -1;
    }
    target.focus();
  };
  grid.addEventListener("keydown", (event) => {
    const index = days.indexOf(event.target);
    if (index === -1) {
      return; // a key pressed on a meeting's link keeps its usual meaning
    }
    let next = null;
    if (event.key in moves) {
      next = index + moves[event.key];
    } else if (event.key === "Home") {
      next = index - (index % 7);
    } else if (event.key === "End") {
      next = index - (index % 7) + 6;
    } else if (event.key === "PageUp" || event.key === "PageDown") {
      const link = document.querySelector(
        event.key === "PageUp" ? "[data-month-previous]" : "[data-month-next]",
      );
      if (link) {
        event.preventDefault();
        window.location.assign(link.href);
      }
      return;
    }
    if (next !== null) {
      event.preventDefault();
      focusDay(next);
    }
  });
});
