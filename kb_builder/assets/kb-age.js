/* How old is this copy? Every page says when it was built (p.kb-copy[data-built]); this compares that
 * date, and each entry's review date (div.kb-overdue[data-due]), with the reader's own clock, and shows
 * the notices that apply: past six months, the copy may be out of date; past an entry's review date, the
 * entry was due for review after the copy was made. Nothing is fetched or stored. */
(function () {
  "use strict";

  function day(text) {
    return /^\d{4}-\d{2}-\d{2}$/.test(text || "") ? new Date(text + "T00:00:00Z") : null;
  }

  function check() {
    var now = new Date();
    var copy = document.querySelector(".kb-copy[data-built]");
    var built = copy && day(copy.getAttribute("data-built"));
    if (built) {
      var limit = new Date(built.getTime());
      limit.setUTCMonth(limit.getUTCMonth() + 6);
      Array.prototype.forEach.call(document.querySelectorAll(".kb-stale"), function (el) { el.hidden = now <= limit; });
    }
    Array.prototype.forEach.call(document.querySelectorAll(".kb-overdue[data-due]"), function (el) {
      var due = day(el.getAttribute("data-due"));
      if (due) el.hidden = now <= due;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
