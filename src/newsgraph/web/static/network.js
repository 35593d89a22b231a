/* The network page: actors as nodes, events as edges coloured by quad (Cytoscape.js). */
"use strict";
(function () {
  var node = document.getElementById("network-data");
  if (!node || typeof cytoscape === "undefined") return;
  var data = JSON.parse(node.textContent);
  var elements = [];
  data.network.nodes.forEach(function (n) {
    elements.push({ data: { id: n.id, label: n.name || n.id, kind: n.kind } });
  });
  data.network.edges.forEach(function (e, i) {
    elements.push({ data: {
      id: "e" + i, source: e.source, target: e.target, count: e.count,
      colour: data.colours[e.quad] || "#888", reciprocal: e.reciprocal ? 1 : 0
    } });
  });
  var cy = cytoscape({
    container: document.getElementById("network"),
    elements: elements,
    minZoom: 0.2,
    maxZoom: 1.5,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
        "background-color": "#4a5568", "width": 18, "height": 18, "color": "#1a202c",
        "text-background-color": "#ffffff", "text-background-opacity": 0.8
      } },
      { selector: 'node[kind = "person"]', style: { "background-color": "#7b5ea7", "shape": "ellipse" } },
      { selector: 'node[kind = "organization"]', style: { "background-color": "#2f855a", "shape": "round-rectangle" } },
      { selector: 'node[kind = "country"]', style: { "background-color": "#2b6cb0" } },
      { selector: "edge", style: {
        "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "width": "mapData(count, 1, 10, 2, 8)", "curve-style": "bezier", "opacity": 0.85
      } },
      { selector: "edge[reciprocal = 0]", style: { "target-arrow-shape": "triangle" } }
    ],
    // A small network reads best on a circle; a larger one by force-directed layout.
    layout: data.network.nodes.length <= 12
      ? { name: "circle", padding: 40, avoidOverlap: true }
      : { name: "cose", animate: false, padding: 24, randomize: false }
  });
  cy.on("tap", "node", function (evt) {
    window.location.href = "/actors/" + encodeURIComponent(evt.target.id());
  });
  cy.on("tap", "edge", function (evt) {
    var e = evt.target.data();
    window.location.href = "/dyad/" + encodeURIComponent(e.source) + "/" + encodeURIComponent(e.target);
  });
  window.cy = cy;
})();
