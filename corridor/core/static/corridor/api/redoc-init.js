// Starts Redoc on /api/v1/redoc/ (a static file: the Content-Security-Policy allows no inline script).
"use strict";
(function () {
  const root = document.getElementById("redoc");
  // Redoc writes its styles at run time; the page's nonce, carried by this script tag, lets them in.
  const nonce = document.currentScript ? document.currentScript.nonce : "";

  // Redoc's menu shows Redocly's logo from their CDN: the policy allows local images only, and a
  // reader of our documentation should not be announced to a third party. Show nothing instead.
  const remoteLogo = "https://cdn.redoc.ly/";
  const blank = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";
  const local = (value) => (String(value).startsWith(remoteLogo) ? blank : value);
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    return setAttribute.call(this, name, name === "src" ? local(value) : value);
  };
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    ...src,
    set(value) {
      src.set.call(this, local(value));
    },
  });

  window.Redoc.init(root.dataset.schemaUrl, { nonce: nonce }, root);
})();
