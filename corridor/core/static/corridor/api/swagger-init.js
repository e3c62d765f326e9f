// Starts Swagger UI on /api/v1/docs/ (a static file: the Content-Security-Policy allows no inline script).
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  const csrfHeader = root.dataset.csrfHeader || "X-CSRFToken";

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // "Try it out" with the browser's session: unsafe methods need Django's CSRF token.
  function addCsrfToken(request) {
    const method = (request.method || "GET").toUpperCase();
    if (!["GET", "HEAD", "OPTIONS"].includes(method) && request.credentials === "same-origin") {
      request.headers[csrfHeader] = csrfToken();
    }
    return request;
  }

  window.ui = window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    requestInterceptor: addCsrfToken,
  });
})();
