/* bantin live view counter. Loaded only when mkdocs.yml sets
   plugins.bantin.views.counter_url (a GoatCounter-compatible endpoint); no
   request leaves the site otherwise. On an article page it records the view
   (GET {counter}/count?p={path}) and replaces the built-in "Lượt xem" number
   with the views carried over from the old portal + the live count read from
   {counter}/counter/{path}.json. On any failure, or without JavaScript, the
   number written at build time stays. */
(function () {
  "use strict";
  var script = document.currentScript;
  var counter = script && script.getAttribute("data-counter");
  var node = document.querySelector(".bt-meta [data-bt-views]");
  if (!counter || !node || !window.fetch) return;
  counter = counter.replace(/\/+$/, "");
  var path = location.pathname;

  var hit = counter + "/count?p=" + encodeURIComponent(path);
  if (navigator.sendBeacon) navigator.sendBeacon(hit);
  else fetch(hit, { mode: "no-cors", keepalive: true, credentials: "omit" }).catch(function () {});

  var carried = parseInt(node.getAttribute("data-bt-carried") || "0", 10) || 0;
  fetch(counter + "/counter/" + encodeURIComponent(path) + ".json", { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || data.count === undefined) return;
      var live = parseInt(String(data.count).replace(/[^0-9]/g, ""), 10);
      if (!isNaN(live)) node.textContent = new Intl.NumberFormat("vi-VN").format(carried + live);
    })
    .catch(function () {});
})();
