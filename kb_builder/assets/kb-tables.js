/* Tables wider than the screen: their container (.kb-table) scrolls sideways, and this marks the ones
 * that do, so that a line above them says so (the page itself never scrolls sideways). */
(function () {
  "use strict";
  var lang = document.documentElement.lang.slice(0, 2) === "ru" ? "ru" : "en";
  var labels = (window.__kbTableLabels || {})[lang] || { scroll: "Swipe the table sideways to see all of it" };

  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-table"), function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("kb-table--wide", wide);
      if (wide) box.setAttribute("data-hint", labels.scroll);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("resize", mark);
})();
