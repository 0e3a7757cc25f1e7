// Progressive enhancement only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Filters apply as soon as a choice changes (the Show button stays for keyboards and no-JS).
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // Arrow keys move between the grid's cells.
  const grid = document.querySelector("table.grid");
  if (grid) {
    grid.addEventListener("keydown", (event) => {
      const cell = event.target.closest("td, th");
      if (!cell) return;
      const row = cell.parentElement;
      const moves = {
        ArrowLeft: () => cell.previousElementSibling,
        ArrowRight: () => cell.nextElementSibling,
        ArrowUp: () => row.previousElementSibling?.children[cell.cellIndex],
        ArrowDown: () => row.nextElementSibling?.children[cell.cellIndex],
      };
      const next = moves[event.key]?.();
      const link = next?.querySelector("a");
      if (link) {
        link.focus();
        event.preventDefault();
      }
    });
  }
});
