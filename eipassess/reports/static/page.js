/* The interactive report: draw the plotly charts, then wire the filters; mark <body> when done. */
(function () {
  "use strict";
  var body = document.body;
  function draw() {
    var plots = document.querySelectorAll(".plot[data-figure]");
    for (var i = 0; i < plots.length; i++) {
      var div = plots[i];
      var fig = JSON.parse(document.getElementById(div.getAttribute("data-figure")).textContent);
      Plotly.newPlot(div, fig.data, fig.layout, {displaylogo: false, showLink: false, showSendToCloud: false, showEditInChartStudio: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d", "sendDataToCloud", "editInChartStudio"]});
    }
    return plots.length;
  }
  function wire() {
    var fc = document.getElementById("f-category"), fv = document.getElementById("f-verdict");
    var fa = document.getElementById("f-actor"), fs = document.getElementById("f-search");
    var count = document.getElementById("f-count");
    var rows = document.querySelectorAll(".filterable");
    function apply() {
      var c = fc.value, v = fv.value, a = fa.value, q = fs.value.trim().toLowerCase(), shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var el = rows[i];
        var ok = (!c || el.getAttribute("data-category") === c) &&
                 (!v || el.getAttribute("data-verdict") === v) &&
                 (!a || (" " + el.getAttribute("data-actors") + " ").indexOf(" " + a + " ") >= 0) &&
                 (!q || el.textContent.toLowerCase().indexOf(q) >= 0);
        el.classList.toggle("hidden", !ok);
        if (ok) { shown++; }
      }
      count.textContent = shown + " / " + rows.length + " " + count.getAttribute("data-label");
      body.setAttribute("data-shown", String(shown));
    }
    // A link may preset the filters: report.html#verdict=not_met&actor=tenants&q=energy
    var preset = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    if (preset.has("category")) { fc.value = preset.get("category"); }
    if (preset.has("verdict")) { fv.value = preset.get("verdict"); }
    if (preset.has("actor")) { fa.value = preset.get("actor"); }
    if (preset.has("q")) { fs.value = preset.get("q"); }
    [fc, fv, fa].forEach(function (el) { el.addEventListener("change", apply); });
    fs.addEventListener("input", apply);
    apply();
  }
  var n = draw();
  wire();
  body.setAttribute("data-plots", String(n));
  body.setAttribute("data-report-ready", "1");
})();
