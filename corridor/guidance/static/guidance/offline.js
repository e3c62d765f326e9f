// Registers the offline reader; pages work the same without it.
(function () {
  if (!("serviceWorker" in navigator)) return;
  var script = document.currentScript || document.querySelector("script[data-sw]");
  var url = script && script.getAttribute("data-sw");
  if (!url) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () { /* offline reading is optional */ });
  });
})();
