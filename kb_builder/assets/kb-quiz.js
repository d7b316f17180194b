/* "What applies to me": three questions (where the reader is, what has happened, citizenship) that keep the
 * situations whose answers fit, with their deadlines. Without this script the page lists every situation with the
 * answers it is for. Nothing is sent, stored or remembered: the answers live in the page's form and are gone when
 * it closes. */
(function () {
  "use strict";
  var lang = document.documentElement.lang.slice(0, 2) === "ru" ? "ru" : "en";
  var words = (window.__kbQuiz || {})[lang];
  var box = document.querySelector(".kb-quiz");
  if (!words || !box) return;
  var guides = Array.prototype.slice.call(document.querySelectorAll(".kb-quiz__guide"));
  var none = document.querySelector(".kb-quiz__none");
  var status = document.querySelector(".kb-quiz__all") || document.createElement("p");
  status.setAttribute("role", "status");
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  function counted(n) {
    var form = words.count[plural ? plural.select(n) : "other"] || words.count.other;
    return form.replace("{n}", String(n));
  }

  var form = document.createElement("form");
  form.className = "kb-quiz__form";
  form.setAttribute("autocomplete", "off");
  words.questions.forEach(function (question) {
    var field = document.createElement("label");
    field.className = "kb-quiz__question";
    var name = document.createElement("span");
    name.textContent = question.label;
    var select = document.createElement("select");
    select.name = question.name;
    [{ value: "", label: words.any }].concat(question.answers).forEach(function (answer) {
      var option = document.createElement("option");
      option.value = answer.value;
      option.textContent = answer.label;
      select.appendChild(option);
    });
    field.appendChild(name);
    field.appendChild(select);
    form.appendChild(field);
  });
  var reset = document.createElement("button");
  reset.type = "reset";
  reset.className = "md-button";
  reset.textContent = words.reset;
  form.appendChild(reset);

  function fits(guide, name, answer) {
    var values = (guide.getAttribute("data-" + name) || "").split(" ").filter(Boolean);
    return !answer || values.length === 0 || values.indexOf(answer) !== -1;
  }

  function update() {
    var shown = 0;
    guides.forEach(function (guide) {
      var ok = words.questions.every(function (question) {
        return fits(guide, question.name, form.elements[question.name].value);
      });
      guide.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = counted(shown);
    if (none) none.hidden = shown !== 0;
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  box.appendChild(form);
  box.hidden = false;
  update();
})();
