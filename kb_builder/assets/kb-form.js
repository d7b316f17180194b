/* A template of an application or complaint, filled in on the page: each field's description becomes a box to type
 * in, and the document below fills in as the reader types. Without this script the page shows the blank document
 * and what to write in each blank. Nothing is sent, stored or remembered (the boxes ask the browser not to keep
 * what is typed, and closing the page forgets it). */
(function () {
  "use strict";
  var lang = document.documentElement.lang.slice(0, 2) === "ru" ? "ru" : "en";
  var words = (window.__kbFormLabels || {})[lang] || { print: "Print the document", choose: "Choose" };
  var documentBox = document.querySelector(".kb-document");
  var fields = Array.prototype.slice.call(document.querySelectorAll("article > .kb-fields > .kb-field"));
  if (!documentBox || fields.length === 0) return;
  var documentLang = documentBox.getAttribute("lang") || lang;
  var dates = window.Intl ? new Intl.DateTimeFormat(documentLang, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }) : null;

  function shown(field, input) {
    var value = input.value;
    if (!value) return "";
    if (input.type === "date" && dates) return dates.format(new Date(value + "T00:00:00Z"));
    if (input.tagName === "SELECT") {
      var choice = field.querySelector('li[data-value="' + value + '"]');
      return choice ? choice.getAttribute("data-text") : value;
    }
    return value;
  }

  function fill(field, input) {
    var name = field.getAttribute("data-field");
    var text = shown(field, input);
    Array.prototype.forEach.call(documentBox.querySelectorAll('.kb-blank[data-field="' + name + '"]'), function (blank) {
      if (!blank.hasAttribute("data-blank")) blank.setAttribute("data-blank", blank.textContent);
      blank.textContent = text || blank.getAttribute("data-blank");
      blank.classList.toggle("kb-blank--filled", Boolean(text));
    });
  }

  fields.forEach(function (field) {
    var type = field.getAttribute("data-type");
    var name = field.getAttribute("data-field");
    var input;
    if (type === "choice") {
      input = document.createElement("select");
      var none = document.createElement("option");
      none.value = "";
      none.textContent = words.choose;
      input.appendChild(none);
      Array.prototype.forEach.call(field.querySelectorAll("li[data-value]"), function (item) {
        var option = document.createElement("option");
        option.value = item.getAttribute("data-value");
        option.textContent = item.textContent;
        input.appendChild(option);
      });
      var list = field.querySelector(".kb-field__choices");
      if (list) list.hidden = true;
    } else if (type === "longtext") {
      input = document.createElement("textarea");
      input.rows = 5;
    } else {
      input = document.createElement("input");
      input.type = type === "date" ? "date" : "text";
    }
    input.name = name;
    input.id = "kb-field-" + name;
    input.className = "kb-field__input";
    input.setAttribute("autocomplete", "off");
    if (field.hasAttribute("data-required")) input.required = true;
    var label = document.createElement("label");
    label.setAttribute("for", input.id);
    label.className = "kb-field__label";
    label.innerHTML = field.querySelector(".kb-field__label").innerHTML;
    field.replaceChild(label, field.querySelector(".kb-field__label"));
    field.insertBefore(input, label.nextSibling);
    input.addEventListener("input", function () { fill(field, input); });
    input.addEventListener("change", function () { fill(field, input); });
  });

  var print = document.createElement("button");
  print.type = "button";
  print.className = "md-button md-button--primary kb-print-document";
  print.textContent = words.print;
  print.addEventListener("click", function () { window.print(); });
  documentBox.parentNode.insertBefore(print, documentBox.nextSibling);
})();
