/* Sorting and filtering of the comparison tables (table.kb-sortable), offline: tablesort (shipped
 * in this same file) sorts by a column when its header is clicked, using each cell's data-sort
 * value where it has one; a filter box above the table hides the rows that do not contain its text. */
(function () {
  "use strict";
  var lang = document.documentElement.lang.slice(0, 2) === "ru" ? "ru" : "en";
  var labels = (window.__kbCompareLabels || {})[lang] || { filter: "Filter the table" };
  var count = 0;

  function setup(table) {
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
    table.parentNode.insertBefore(box, table);
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
