// Progressive enhancement only: every page works without this file.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});

// A table wider than the screen scrolls sideways inside its wrapper: make that wrapper reachable
// with the keyboard (WCAG 2.1.1), only where it really scrolls.
function markScrollableTables(root) {
  (root || document).querySelectorAll(".table-wrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
    }
  });
}
markScrollableTables(document);
document.addEventListener("htmx:afterSwap", function (event) {
  markScrollableTables(event.target);
});

// The menu is open in the HTML (so it works without JavaScript); on a phone it starts folded,
// leaving the screen to the content, and it opens again when the window grows wide.
(function () {
  var wide = window.matchMedia("(min-width: 48rem)");
  function fit() {
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (menu) {
      menu.open = wide.matches;
    });
  }
  fit();
  wide.addEventListener("change", fit);
})();
