/* The dyad page: draw the Vega-Lite chart whose spec the page carries as JSON. */
"use strict";
(function () {
  var node = document.getElementById("chart-spec");
  if (!node || typeof vegaEmbed === "undefined") return;
  var spec = JSON.parse(node.textContent);
  // ast: evaluate Vega expressions with the interpreter, so the page needs no 'unsafe-eval'.
  vegaEmbed("#chart", spec, { actions: false, renderer: "svg", ast: true })
    .then(function (result) { window.dyadView = result.view; })
    .catch(function (error) {
      document.getElementById("chart").textContent = "The chart could not be drawn: " + error;
    });
})();
