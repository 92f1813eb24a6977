/* bantin search, part 1 (on every page, small): opens the search dialog of
   partials/bt-search.html from the header button or the "/" key. Nothing of
   the search itself is fetched before a reader opens it: only then is
   bantin-search-ui.js loaded, which loads Pagefind's index pieces. */
(function () {
  "use strict";
  var dialog = document.getElementById("bt-search");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var input = dialog.querySelector("#bt-search-input");
  var status = dialog.querySelector("[data-bt-search-status]");
  var loading = null;
  var opener = null;

  function load() {
    if (loading) return;
    status.textContent = status.getAttribute("data-loading");
    var url = new URL(dialog.getAttribute("data-ui"), document.baseURI).href;
    loading = import(url)
      .then(function (ui) { return ui.start(dialog); })
      .catch(function () {
        loading = null;
        status.textContent = status.getAttribute("data-error");
      });
  }

  function open(event) {
    opener = event && event.currentTarget instanceof HTMLElement ? event.currentTarget : document.activeElement;
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load();
  }

  function typing(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.querySelectorAll("[data-bt-search-open]").forEach(function (button) {
    button.addEventListener("click", open);
  });
  // On a slow connection a reader may press Enter before the search itself has
  // loaded: the form must never reload the page; bantin-search-ui.js runs the
  // words already typed as soon as it is ready.
  dialog.querySelector("[data-bt-search-form]").addEventListener("submit", function (event) {
    event.preventDefault();
  });
  dialog.querySelector("[data-bt-search-close]").addEventListener("click", function () {
    dialog.close();
  });
  // A click on the dimmed page around the panel closes the dialog too.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  // Escape closes at once, even from a search box that still holds words.
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    }
  });
  dialog.addEventListener("close", function () {
    if (opener && typeof opener.focus === "function" && document.contains(opener)) opener.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey &&
        !dialog.open && !typing(event.target)) {
      event.preventDefault();
      open(null);
    }
  });
})();
