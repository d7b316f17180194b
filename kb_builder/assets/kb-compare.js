/* Sorting and filtering of the comparison tables (table.kb-sortable), offline: tablesort (shipped
 * in this same file) sorts by a column when its header is clicked, using each cell's data-sort
 * value where it has one, and rows whose cell in that column is empty (data-empty) then go last, in
 * either direction; a filter box above the table hides the rows that do not contain its text. */
(function () {
  "use strict";
  var lang = document.documentElement.lang.slice(0, 2) === "ru" ? "ru" : "en";
  var labels = (window.__kbCompareLabels || {})[lang] || { filter: "Filter the table" };
  var count = 0;

  function emptiesLast(table) {
    var sorted = table.querySelector("th[aria-sort]");
    if (!sorted) return;
    var index = Array.prototype.indexOf.call(sorted.parentNode.cells, sorted);
    var body = table.tBodies[0];
    Array.prototype.filter.call(body.rows, function (row) {
      return row.cells[index] && row.cells[index].hasAttribute("data-empty");
    }).forEach(function (row) { body.appendChild(row); });
  }

  function setup(table) {
    table.addEventListener("afterSort", function () { emptiesLast(table); });
    new window.Tablesort(table);
    var id = "kb-filter-" + ++count;
    var box = document.createElement("div");
    box.className = "kb-filter";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = labels.filter;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.setAttribute("autocomplete", "off");
    box.appendChild(label);
    box.appendChild(input);
    var container = table.closest(".kb-table") || table;
    container.parentNode.insertBefore(box, container);
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = query !== "" && row.textContent.toLowerCase().indexOf(query) < 0;
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kb-sortable"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
