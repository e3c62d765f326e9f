// ISCO-08 occupation picker: progressive enhancement of the text box + <datalist> that
// reference/widgets/occupation_picker.html renders (which works without this file).
// Turns it into an ARIA 1.2 combobox: type digits or words, arrow keys move, Enter picks,
// Escape closes; the chosen title is announced in the polite live region under the box.
(function () {
  if (window.corridorOccupationPicker) return;
  window.corridorOccupationPicker = true;
  var LIMIT = 30;

  function words(text) {
    return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  }

  function enhance(root) {
    var input = root.querySelector("input");
    var list = root.querySelector("datalist");
    var choice = root.querySelector("[data-occupation-choice]");
    if (!input || !list || input.hasAttribute("role")) return;
    var options = Array.prototype.map.call(list.options, function (option) {
      return { code: option.value, label: option.textContent, haystack: option.textContent.toLocaleLowerCase() };
    });
    var box = document.createElement("ul");
    box.id = input.id + "_listbox";
    box.className = "occupation-listbox";
    box.setAttribute("role", "listbox");
    box.hidden = true;
    root.insertBefore(box, choice);
    input.removeAttribute("list");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", box.id);
    var shown = [];
    var active = -1;

    function matches(query) {
      var terms = words(query);
      if (!terms.length) return [];
      return options.filter(function (o) {
        return terms.every(function (t) { return o.code.indexOf(t) === 0 || o.haystack.indexOf(t) !== -1; });
      }).slice(0, LIMIT);
    }
    function close() {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function render() {
      shown = matches(input.value);
      box.textContent = "";
      shown.forEach(function (o, i) {
        var item = document.createElement("li");
        item.id = box.id + "_" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", i === active ? "true" : "false");
        item.textContent = o.label;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(o);
        });
        box.appendChild(item);
      });
      if (shown.length) {
        box.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }
    function move(step) {
      if (box.hidden) render();
      if (!shown.length) return;
      active = (active + step + shown.length) % shown.length;
      render();
      input.setAttribute("aria-activedescendant", box.id + "_" + active);
      var item = document.getElementById(box.id + "_" + active);
      if (item) item.scrollIntoView({ block: "nearest" });
    }
    function pick(o) {
      input.value = o.code;
      choice.textContent = o.label;
      close();
    }
    function describe() {
      var code = input.value.trim().split(/\s/)[0];
      var exact = options.filter(function (o) { return o.code === code; })[0];
      choice.textContent = exact ? exact.label : "";
    }
    input.addEventListener("input", function () {
      active = -1;
      render();
      describe();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && !box.hidden && active >= 0) { event.preventDefault(); pick(shown[active]); }
    });
    input.addEventListener("blur", close);
  }

  function start() {
    document.querySelectorAll("[data-occupation-picker]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
