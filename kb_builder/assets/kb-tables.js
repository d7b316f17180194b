/* Tables wider than the screen: their container (.kb-table) scrolls sideways, and this marks the ones
 * that do, so that a line above them says so (the page itself never scrolls sideways). The kb build puts
 * every table in such a container; a page rendered without the kb plugin (`kb export`) gets them here,
 * and its addresses shown as their own link text are marked as the build marks them (print shows them once). */
(function () {
  "use strict";
  var lang = document.documentElement.lang.slice(0, 2) === "ru" ? "ru" : "en";
  var labels = (window.__kbTableLabels || {})[lang] || { scroll: "Swipe the table sideways to see all of it", region: "Table" };

  function contain() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-content table"), function (table) {
      if (table.parentElement.classList.contains("kb-table")) return;
      var box = document.createElement("div");
      box.className = "kb-table";
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", labels.region);
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".md-content a[href^='http']:not(.kb-url)"), function (a) {
      if (a.textContent === a.getAttribute("href")) a.classList.add("kb-url");
    });
  }

  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-table"), function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("kb-table--wide", wide);
      if (wide) box.setAttribute("data-hint", labels.scroll);
    });
  }

  function start() {
    contain();
    mark();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("resize", mark);
})();
