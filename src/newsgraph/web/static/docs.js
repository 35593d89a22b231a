/* The API reference page: Swagger UI (vendored) over the app's OpenAPI schema. */
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: root.dataset.spec, dom_id: "#swagger-ui", deepLinking: true });
})();
