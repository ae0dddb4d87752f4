/* The programme dashboard: filter parks by peer group, redraw the four charts and the table; mark <body> when done. */
(function () {
  "use strict";
  var body = document.body;
  var D = JSON.parse(document.getElementById("portfolio-data").textContent);
  var L = D.labels;
  var selects = document.querySelectorAll("select[data-key]");
  var FONT = {family: "'PT Sans', 'DejaVu Sans', sans-serif", size: 12, color: "#1f2a44"};
  var CONFIG = {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"]};

  /* Chart labels come from site files: escape markup (plotly renders <a href>, <br>, ...) and plotly's %{...} templates. */
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/%/g, "&#37;");
  }
  function values(p, key) {
    if (key === "sector") { return p.peer.sector; }
    if (Object.prototype.hasOwnProperty.call(p.peer, key) && key !== "tags") { return [String(p.peer[key])]; }
    return Object.prototype.hasOwnProperty.call(p.peer.tags, key) ? [p.peer.tags[key]] : [];
  }
  function shown() {
    return D.parks.filter(function (p) {
      for (var i = 0; i < selects.length; i++) {
        var want = selects[i].value;
        if (want && values(p, selects[i].getAttribute("data-key")).indexOf(want) < 0) { return false; }
      }
      return true;
    });
  }
  function layout(title, extra) {
    var out = {title: {text: title, font: {size: 14}}, font: FONT, margin: {l: 60, r: 20, t: 40, b: 50}, height: 380,
               paper_bgcolor: "#fff", plot_bgcolor: "#fff", showlegend: false};
    for (var k in extra) { out[k] = extra[k]; }
    return out;
  }
  function scatter(ps) {
    return [{type: "scatter", mode: "markers", x: ps.map(function (p) { return p.overall; }),
             y: ps.map(function (p) { return p.potential; }), text: ps.map(function (p) { return esc(p.name); }),
             hovertemplate: "%{text}<br>%{x:.0f}% / +%{y:.0f}<extra></extra>", marker: {size: 9, color: "#1f5f8b", opacity: 0.75}}];
  }
  function heat(ps) {
    return [{type: "heatmap", x: D.categories.map(esc), y: ps.map(function (p) { return esc(p.site); }),
             z: ps.map(function (p) { return p.categories; }), zmin: 0, zmax: 100, colorscale: "RdYlGn", reversescale: true,
             hovertemplate: "%{y}<br>%{x}: %{z:.0f}%<extra></extra>"}];
  }
  function failed(ps) {
    var counts = {};
    ps.forEach(function (p) { p.open.forEach(function (id) { counts[id] = (counts[id] || 0) + 1; }); });
    var ids = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); }).slice(0, 15).reverse();
    return [{type: "bar", orientation: "h", y: ids.map(esc), x: ids.map(function (id) { return counts[id]; }),
             text: ids.map(function (id) { return esc(D.titles[id] || id); }), hovertemplate: "%{y}: %{x}<br>%{text}<extra></extra>",
             textposition: "none", marker: {color: "#b3261e"}}];
  }
  function trend(ps) {
    return ps.map(function (p) {
      return {type: "scatter", mode: "lines+markers", name: esc(p.site), x: p.rounds.map(function (r) { return r.date; }),
              y: p.rounds.map(function (r) { return r.overall; }), hovertemplate: esc(p.site) + " %{x}: %{y:.0f}%<extra></extra>"};
    });
  }
  function draw() {
    var ps = shown();
    Plotly.react("plot-scatter", scatter(ps), layout(L.sec_scatter, {xaxis: {title: {text: L.axis_overall}, range: [0, 100]}, yaxis: {title: {text: L.axis_potential}}}), CONFIG);
    Plotly.react("plot-heat", heat(ps), layout(L.sec_heat, {height: Math.max(380, 60 + 14 * ps.length), margin: {l: 140, r: 20, t: 40, b: 120}}), CONFIG);
    Plotly.react("plot-failed", failed(ps), layout(L.sec_failed, {xaxis: {title: {text: L.col_parks}}, margin: {l: 80, r: 20, t: 40, b: 50}}), CONFIG);
    Plotly.react("plot-trend", trend(ps), layout(L.sec_trend, {yaxis: {range: [0, 105], ticksuffix: "%"}, xaxis: {type: "date"}}), CONFIG);
    var keep = {};
    ps.forEach(function (p) { keep[p.site] = true; });
    var rows = document.querySelectorAll("tr[data-site]");
    for (var i = 0; i < rows.length; i++) { rows[i].classList.toggle("hidden", !keep[rows[i].getAttribute("data-site")]); }
    document.getElementById("f-count").textContent = L.parks_shown.replace("{n}", String(ps.length));
    body.setAttribute("data-shown", String(ps.length));
  }
  // A link may preset the filters: dashboard.html#country=BY&size=small
  var preset = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  for (var i = 0; i < selects.length; i++) {
    var key = selects[i].getAttribute("data-key");
    if (preset.has(key)) { selects[i].value = preset.get(key); }
    selects[i].addEventListener("change", draw);
  }
  draw();
  body.setAttribute("data-plots", String(document.querySelectorAll(".plot").length));
  body.setAttribute("data-report-ready", "1");
})();
