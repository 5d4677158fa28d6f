// On a narrow screen the list's filters start folded, so that the results
// come first; without JavaScript they stay open, as on a wide screen.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(max-width: 55.99rem)").matches) {
    for (const panel of document.querySelectorAll("details.list-filters")) {
      panel.open = false;
    }
  }
});
