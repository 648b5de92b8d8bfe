// Shared by report.html and what-if.html; runs in <head>, before the page's own script.
// Every uncaught error is listed in the body's data-errors attribute (the browser test reads it).
window.__reportErrors = [];
window.onerror = function (message, source, line, column) {
  window.__reportErrors.push(String(message) + (line ? " (line " + line + ":" + column + ")" : ""));
  if (document.body) { document.body.dataset.errors = window.__reportErrors.join(" | "); }
};

var Report = (function () {
  "use strict";
  var INTEGER = /^-?[0-9]+$/;
  var DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

  // JSON.parse, except that an integer literal beyond Number's exact range (above 2^53 - 1 in size) becomes a BigInt:
  // point totals are exact in the data (Java BigInteger) and may be larger. Strings are decoded by JSON.parse itself,
  // so a digit inside a string is never taken for a number.
  function parse(text) {
    var at = 0;
    var STRING = /"(?:[^"\\]|\\.)*"/y;
    var NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    var LITERALS = { t: ["true", true], f: ["false", false], n: ["null", null] };
    function fail() {
      throw new SyntaxError("report data: unexpected " + (at < text.length ? text.charAt(at) : "end") + " at " + at);
    }
    function skipSpace() {
      while (at < text.length && " \t\n\r".indexOf(text.charAt(at)) >= 0) { at++; }
    }
    function token(pattern) {
      pattern.lastIndex = at;
      var m = pattern.exec(text);
      if (!m) { fail(); }
      at = pattern.lastIndex;
      return m;
    }
    function expect(c) {
      skipSpace();
      if (text.charAt(at) !== c) { fail(); }
      at++;
    }
    // the members of an object or the items of an array up to the closing character, each read by item()
    function list(close, item) {
      at++;
      skipSpace();
      if (text.charAt(at) === close) { at++; return; }
      for (;;) {
        item();
        skipSpace();
        if (text.charAt(at) !== ",") { break; }
        at++;
      }
      expect(close);
    }
    function value() {
      skipSpace();
      var c = text.charAt(at);
      if (c === "{") {
        var o = {};
        list("}", function () {
          skipSpace();
          var key = JSON.parse(token(STRING)[0]);
          expect(":");
          // as JSON.parse does: a member named __proto__ is a member, not the object's prototype
          Object.defineProperty(o, key, { value: value(), writable: true, enumerable: true, configurable: true });
        });
        return o;
      }
      if (c === "[") {
        var a = [];
        list("]", function () { a.push(value()); });
        return a;
      }
      if (c === '"') { return JSON.parse(token(STRING)[0]); }
      if (LITERALS[c]) {
        if (text.substr(at, LITERALS[c][0].length) !== LITERALS[c][0]) { fail(); }
        at += LITERALS[c][0].length;
        return LITERALS[c][1];
      }
      var m = token(NUMBER);
      var n = Number(m[0]);
      return m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n) ? BigInt(m[0]) : n;
    }
    var result = value();
    skipSpace();
    if (at !== text.length) { fail(); }
    return result;
  }

  // digits with a comma every three, e.g. "-1234567.50" as "-1,234,567.50"
  function grouped(text) {
    var point = text.indexOf(".");
    var whole = point < 0 ? text : text.slice(0, point);
    return whole.replace(/\B(?=([0-9]{3})+$)/g, ",") + (point < 0 ? "" : text.slice(point));
  }

  // a number as text: a BigInt, an integer or a decimal string (money at its currency's scale) exactly, digit by digit
  var fmt = function (n) {
    if (n === null || n === undefined) { return ""; }
    if (typeof n === "bigint" || (typeof n === "string" && DECIMAL.test(n))) { return grouped(String(n)); }
    return Number(n).toLocaleString("en-US");
  };
  var signed = function (n) { return (n > 0 ? "+" : "") + fmt(n); };
  // "1 member", "2 members": a count and its noun, singular for exactly one
  var count = function (n, noun) { return fmt(n) + " " + noun + (String(n) === "1" ? "" : "s"); };

  // orders two numbers written as text (a table cell's data-value, "" as 0); integers exactly, also beyond 2^53
  function compareNumbers(x, y) {
    var a = x === "" ? "0" : x, b = y === "" ? "0" : y;
    if (INTEGER.test(a) && INTEGER.test(b)) {
      var i = BigInt(a), j = BigInt(b);
      return i < j ? -1 : i > j ? 1 : 0;
    }
    return Number(a) - Number(b);
  }
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
        if (c.id) { td.className = "text-id"; } // an id of any length wraps instead of pushing the columns away
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
      var c = numeric ? compareNumbers(x, y) : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  // marks the page as drawn: the number of charts, and data-rendered="ok" (the browser test waits for both)
  function done() {
    document.body.dataset.charts = String(charts.length);
    document.body.dataset.rendered = "ok";
  }

  return { parse: parse, fmt: fmt, count: count, signed: signed, el: el, keys: keys, setUpCharts: setUpCharts, chart: chart,
    table: table, done: done };
})();
