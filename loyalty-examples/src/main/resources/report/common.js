// Shared by report.html and what-if.html; runs in <head>, before the page's own script.
// Every uncaught error is listed in the body's data-errors attribute (the browser test reads it).
window.__reportErrors = [];
window.onerror = function (message, source, line, column) {
  window.__reportErrors.push(String(message) + (line ? " (line " + line + ":" + column + ")" : ""));
  if (document.body) { document.body.dataset.errors = window.__reportErrors.join(" | "); }
};

var Report = (function () {
  "use strict";
  var fmt = function (n) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en-US"); };
  var signed = function (n) { return (n > 0 ? "+" : "") + fmt(n); };
  var el = function (id) { return document.getElementById(id); };
  var keys = function (o) { return Object.keys(o || {}); };
  var charts = [];

  // Chart.js settings of every page: no animation (the page is complete when its script ends), the page's font
  function setUpCharts() {
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  }

  function chart(id, config) { charts.push(new Chart(el(id), config)); }

  // a table from columns [{label, key, num, signed}] and rows of objects; a click on a header sorts by that column
  function table(id, columns, rows) {
    var t = el(id);
    var thead = document.createElement("thead");
    var tr = document.createElement("tr");
    columns.forEach(function (c, i) {
      var th = document.createElement("th");
      th.textContent = c.label;
      if (c.num) { th.className = "num"; }
      th.addEventListener("click", function () { sortBy(t, i, !!c.num, th); });
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = document.createElement("tbody");
    rows.forEach(function (r) {
      var row = document.createElement("tr");
      columns.forEach(function (c) {
        var td = document.createElement("td");
        var v = r[c.key];
        td.dataset.value = v === null || v === undefined ? "" : String(v);
        td.textContent = c.signed ? signed(v) : c.num ? fmt(v) : (v === null || v === undefined ? "" : String(v));
        if (c.num) { td.className = "num"; }
        if (c.signed && v > 0) { td.className += " delta-up"; }
        if (c.signed && v < 0) { td.className += " delta-down"; }
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
  }

  function sortBy(t, col, numeric, th) {
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(t.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var tbody = t.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.value, y = b.cells[col].dataset.value;
      var c = numeric ? (Number(x) - Number(y)) : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  // marks the page as drawn: the number of charts, and data-rendered="ok" (the browser test waits for both)
  function done() {
    document.body.dataset.charts = String(charts.length);
    document.body.dataset.rendered = "ok";
  }

  return { fmt: fmt, signed: signed, el: el, keys: keys, setUpCharts: setUpCharts, chart: chart, table: table,
    done: done };
})();
