/* Filters of the table of all court decisions (table.kb-cases), offline: one list per filter (court, year,
 * applicant, outcome, legal point) with the values the table's rows hold (their data-* attributes), and a line
 * that counts the rows shown. A row is shown when it matches every chosen value. Without this script the
 * filters stay hidden and the table shows every decision. */
(function () {
  "use strict";
  var lang = document.documentElement.lang.slice(0, 2) === "ru" ? "ru" : "en";
  var words = (window.__kbCases || {})[lang];

  function valuesOf(row, name) {
    return (row.getAttribute("data-" + name) || "").split(" ").filter(Boolean);
  }

  function setup(table, box) {
    if (!words) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var chosen = {};
    var count = document.createElement("p");
    count.className = "kb-case-count";
    count.setAttribute("role", "status");

    function update() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = Object.keys(chosen).every(function (name) {
          return !chosen[name] || valuesOf(row, name).indexOf(chosen[name]) >= 0;
        });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = words.shown.replace("{shown}", shown).replace("{total}", rows.length);
    }

    words.filters.forEach(function (filter) {
      var seen = {};
      rows.forEach(function (row) { valuesOf(row, filter.name).forEach(function (v) { seen[v] = true; }); });
      var names = words.values[filter.name] || {};
      var values = Object.keys(seen).sort(function (a, b) {
        return filter.name === "year" ? b - a : String(names[a] || a).localeCompare(String(names[b] || b));
      });
      var id = "kb-case-filter-" + filter.name;
      var field = document.createElement("div");
      field.className = "kb-case-filter";
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = filter.label;
      var select = document.createElement("select");
      select.id = id;
      select.name = filter.name;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = words.any;
      select.appendChild(any);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = names[value] || value;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        chosen[filter.name] = select.value;
        update();
      });
      field.appendChild(label);
      field.appendChild(select);
      box.appendChild(field);
    });
    box.appendChild(count);
    box.hidden = false;
    update();
  }

  function start() {
    var table = document.querySelector("table.kb-cases");
    var box = document.querySelector(".kb-case-filters");
    if (table && box) setup(table, box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
