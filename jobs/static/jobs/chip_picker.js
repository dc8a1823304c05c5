/*
 * A searchable chip picker over a native <select multiple data-chip-picker>.
 *
 * Progressive enhancement: without this script the select submits as it is. With it, the
 * select stays in the form (hidden) as the one source of truth, and a combobox (ARIA 1.2
 * pattern: input + listbox) filters its options as the person types, Korean included:
 * the list is filtered on `input` events, which fire while a Hangul syllable is being
 * composed, and Enter is ignored while composing (it commits the syllable, not a choice).
 * Typing only initial consonants (ㅈㄱ) matches by 초성 (주조 → ㅈㅈ). Chosen skills show
 * as chips with a remove button; changes are announced in a live region.
 */
(function () {
  "use strict";

  var CHOSUNG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
  var MAX_SHOWN = 50;

  function chosungOf(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i) - 0xac00;
      out += code >= 0 && code <= 11171 ? CHOSUNG.charAt(Math.floor(code / 588)) : text.charAt(i);
    }
    return out;
  }

  function isChosungOnly(text) {
    if (!text) return false;
    for (var i = 0; i < text.length; i++) {
      if (CHOSUNG.indexOf(text.charAt(i)) < 0 && text.charAt(i) !== " ") return false;
    }
    return true;
  }

  function normalize(text) {
    return (text || "").normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function enhance(select) {
    var id = select.id;
    var label = document.querySelector('label[for="' + id + '"]');
    var t = {
      remove: select.dataset.removeLabel || "Remove",
      added: select.dataset.addedLabel || "added",
      removed: select.dataset.removedLabel || "removed",
      results: select.dataset.resultsLabel || "{n} results",
      none: select.dataset.noneLabel || "No matching skill",
      placeholder: select.dataset.placeholder || "",
    };
    var wrap = el("div", { class: "chip-picker" });
    var chips = el("ul", { class: "chip-picker__chips", "aria-label": label ? label.textContent.trim() : "" });
    var input = el("input", {
      type: "text",
      id: id + "_search",
      class: "chip-picker__input",
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": id + "_listbox",
      autocomplete: "off",
      placeholder: t.placeholder,
    });
    var describedBy = select.getAttribute("aria-describedby");
    if (describedBy) input.setAttribute("aria-describedby", describedBy);
    var listbox = el("ul", { id: id + "_listbox", role: "listbox", class: "chip-picker__listbox", hidden: "" });
    if (label) {
      label.setAttribute("for", input.id);
      listbox.setAttribute("aria-label", label.textContent.trim());
    }
    var status = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    wrap.appendChild(chips);
    wrap.appendChild(input);
    wrap.appendChild(listbox);
    wrap.appendChild(status);
    select.parentNode.insertBefore(wrap, select.nextSibling);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    var options = Array.prototype.map.call(select.options, function (option) {
      var text = normalize(option.textContent);
      return { option: option, text: text, chosung: chosungOf(text) };
    });
    var active = -1;
    var shown = [];
    var composing = false;

    function announce(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 30);
    }

    function renderChips() {
      chips.textContent = "";
      options.forEach(function (item) {
        if (!item.option.selected) return;
        var name = item.option.textContent.trim();
        var li = el("li", { class: "skill-chip chip-picker__chip" });
        li.appendChild(el("span", {}, name));
        var button = el("button", { type: "button", class: "chip-picker__remove", "aria-label": t.remove + ": " + name }, "×");
        button.addEventListener("click", function () {
          item.option.selected = false;
          renderChips();
          announce(name + " " + t.removed);
          input.focus();
          if (!listbox.hidden) renderList();
        });
        li.appendChild(button);
        chips.appendChild(li);
      });
      chips.hidden = !chips.children.length;
    }

    function matches(query) {
      var q = normalize(query);
      if (!q) return options.filter(function (item) { return !item.option.selected; });
      var byChosung = isChosungOnly(q);
      return options.filter(function (item) {
        if (item.option.selected) return false;
        return item.text.indexOf(q) >= 0 || (byChosung && item.chosung.indexOf(q) >= 0);
      });
    }

    function setActive(index) {
      active = index;
      Array.prototype.forEach.call(listbox.children, function (li, i) {
        li.setAttribute("aria-selected", i === index ? "true" : "false");
        li.classList.toggle("is-active", i === index);
      });
      if (index >= 0 && listbox.children[index]) {
        input.setAttribute("aria-activedescendant", listbox.children[index].id);
        listbox.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function renderList() {
      shown = matches(input.value).slice(0, MAX_SHOWN);
      listbox.textContent = "";
      shown.forEach(function (item, i) {
        var li = el("li", { id: id + "_option_" + i, role: "option", "aria-selected": "false", class: "chip-picker__option" }, item.option.textContent.trim());
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { choose(i); });
        listbox.appendChild(li);
      });
      if (!shown.length) {
        listbox.appendChild(el("li", { class: "chip-picker__empty", role: "presentation" }, t.none));
      }
      open();
      setActive(shown.length && input.value.trim() ? 0 : -1);
      announce(shown.length ? t.results.replace("{n}", shown.length) : t.none);
    }

    function choose(index) {
      var item = shown[index];
      if (!item) return;
      item.option.selected = true;
      input.value = "";
      renderChips();
      close();
      announce(item.option.textContent.trim() + " " + t.added);
    }

    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; renderList(); });
    input.addEventListener("input", function () {
      if (input.value.trim()) renderList();
      else close(); // an emptied box closes the list; ArrowDown opens every option
    });
    input.addEventListener("focus", function () { if (input.value) renderList(); });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    input.addEventListener("keydown", function (event) {
      if (event.isComposing || composing || event.keyCode === 229) return;
      var count = shown.length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (listbox.hidden) { renderList(); return; }
        setActive(count ? (active + 1) % count : -1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (listbox.hidden) { renderList(); }
        setActive(count ? (active - 1 + count) % count : -1);
      } else if (event.key === "Enter") {
        if (!listbox.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (!listbox.hidden) { event.preventDefault(); close(); }
        else if (input.value) { input.value = ""; }
      } else if (event.key === "Backspace" && !input.value) {
        var chosen = options.filter(function (item) { return item.option.selected; });
        var last = chosen[chosen.length - 1];
        if (last) {
          last.option.selected = false;
          renderChips();
          announce(last.option.textContent.trim() + " " + t.removed);
        }
      }
    });
    renderChips();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("select[multiple][data-chip-picker]"), enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
