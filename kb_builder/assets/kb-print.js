/* Fills "Printed on <date>" on pages that have a .kb-printed mark: the reader's own date, or the
 * date given as ?printed=YYYY-MM-DD (the build uses the commit date for its PDFs). */
(function () {
  "use strict";
  var lang = document.documentElement.lang.slice(0, 2) === "ru" ? "ru" : "en";
  var labels = (window.__kbPrintLabels || {})[lang] || { printed: "Printed on" };

  /* Formatting a date in words sets up the browser's date formats for the language, which takes a cheap
   * phone a few hundredths of a second: pages without the mark skip it. */
  function fill() {
    var marks = document.querySelectorAll(".kb-printed");
    if (!marks.length) return;
    var given = new URLSearchParams(window.location.search).get("printed");
    var day = given && /^\d{4}-\d{2}-\d{2}$/.test(given) ? new Date(given + "T12:00:00Z") : new Date();
    var text = labels.printed + " " + day.toLocaleDateString(lang === "ru" ? "ru-RU" : "en-GB", {
      year: "numeric", month: "long", day: "numeric", timeZone: given ? "UTC" : undefined
    });
    Array.prototype.forEach.call(marks, function (el) { el.textContent = text; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
  window.addEventListener("beforeprint", fill);
})();
