/*
 * The header search box's autocomplete: an ARIA 1.2 combobox with a listbox popup.
 * Our own code, served from our origin (CSP 'self'); no inline script.
 *
 * Keys: ArrowDown/ArrowUp move through suggestions (aria-activedescendant), Enter opens the
 * active one (or submits the search), Escape closes the list (a second Escape clears the box),
 * Tab leaves. Suggestions are asked for on every input event, including while a Korean IME
 * is still composing a syllable, so "세ㄱ" and "섹" already suggest 세공….
 */
(function () {
  "use strict";

  function setup(root) {
    var input = root.querySelector("[role=combobox]");
    var listbox = root.querySelector("[role=listbox]");
    var status = root.querySelector("[data-combobox-status]");
    var url = root.getAttribute("data-suggest-url");
    var noneText = root.getAttribute("data-text-none") || "";
    var countText = root.getAttribute("data-text-count") || "{n}";
    var options = [];
    var active = -1;
    var timer = null;
    var sequence = 0;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      listbox.textContent = "";
      options = results.map(function (item, i) {
        var li = document.createElement("li");
        li.id = listbox.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.url = item.url;
        var text = document.createElement("span");
        text.textContent = item.text;
        var kind = document.createElement("span");
        kind.className = "combobox__type";
        kind.textContent = item.type_label;
        li.appendChild(text);
        li.appendChild(kind);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the box until we navigate
          window.location.href = item.url;
        });
        listbox.appendChild(li);
        return li;
      });
      active = -1;
      if (options.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = countText.replace("{n}", String(options.length));
      } else {
        close();
        status.textContent = input.value.trim() ? noneText : "";
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (!q) {
        render([]);
        return;
      }
      var mine = ++sequence;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (mine === sequence) render(data.results || []); })
        .catch(function () { if (mine === sequence) render([]); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 120);
    });

    input.addEventListener("keydown", function (event) {
      if (event.isComposing && event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (listbox.hidden && options.length) {
          listbox.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        if (options.length) highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (options.length) highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (!listbox.hidden && active >= 0) {
          event.preventDefault();
          window.location.href = options[active].dataset.url;
        }
      } else if (event.key === "Escape") {
        if (!listbox.hidden) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
  }

  function init() {
    document.querySelectorAll("[data-combobox]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
