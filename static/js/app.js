/*
 * Small progressive enhancements. Every page works without this file:
 * it only hides what does not apply, adds shortcuts and asks before
 * destructive actions. Loaded with `defer`; no inline script anywhere (CSP).
 */
(function () {
  "use strict";

  // Signup: company fields only matter for employers. They stay visible
  // without JavaScript; here we hide them while "trainee" is chosen.
  function setupAccountType(root) {
    var radios = root.querySelectorAll('input[name="account_type"]');
    var employerOnly = root.querySelectorAll("[data-employer-only]");
    if (!radios.length || !employerOnly.length) return;
    function update() {
      var checked = root.querySelector('input[name="account_type"]:checked');
      var isEmployer = checked && checked.value === "employer";
      employerOnly.forEach(function (el) {
        el.hidden = !isEmployer;
      });
      // Sharing with counselors and employers applies to trainees only.
      root.querySelectorAll("[data-trainee-only]").forEach(function (el) {
        el.hidden = isEmployer;
        if (isEmployer) {
          el.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
            box.checked = false;
            box.dispatchEvent(new Event("change", { bubbles: true }));
          });
        }
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  // Consents: an "agree to all" box that ticks every consent below it.
  function setupConsentAll(root) {
    root.querySelectorAll("[data-consent-all]").forEach(function (all) {
      var group = all.closest("[data-consent-group]") || root;
      var boxes = Array.prototype.slice.call(
        group.querySelectorAll('input[type="checkbox"]:not([data-consent-all])')
      );
      var wrapper = all.closest("[data-consent-all-wrapper]");
      if (wrapper) wrapper.hidden = false;
      function sync() {
        var checkedCount = boxes.filter(function (b) { return b.checked; }).length;
        all.checked = checkedCount === boxes.length;
        all.indeterminate = checkedCount > 0 && checkedCount < boxes.length;
      }
      all.addEventListener("change", function () {
        boxes.forEach(function (b) { b.checked = all.checked; });
      });
      boxes.forEach(function (b) { b.addEventListener("change", sync); });
      sync();
    });
  }

  // Forms or buttons with data-confirm ask first (revoke, delete, reject).
  function setupConfirm(root) {
    root.addEventListener("submit", function (event) {
      var form = event.target;
      var message = form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) event.preventDefault();
    });
  }

  // Copy-to-clipboard buttons: <button data-copy="#element-id">.
  function setupCopy(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.querySelector(button.getAttribute("data-copy"));
        if (!target || !navigator.clipboard) return;
        var text = target.value !== undefined ? target.value : target.textContent;
        navigator.clipboard.writeText(text.trim()).then(function () {
          var done = button.getAttribute("data-copied");
          if (done) button.textContent = done;
        });
      });
    });
  }

  // Menus built on <details>: close with Escape or a click elsewhere.
  function setupMenus() {
    var menus = document.querySelectorAll("details[data-menu]");
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      menus.forEach(function (menu) {
        if (menu.open) {
          menu.open = false;
          var summary = menu.querySelector("summary");
          if (summary) summary.focus();
        }
      });
    });
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
  }

  // After a failed submit, move focus to the error summary so it is read first.
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  // Long text: a live "123 of 5,000 characters" under each textarea with a limit
  // (core/forms.py renders it; without this file it reads "At most 5,000 characters").
  // Nothing is ever cut: over the limit the counter says so and the server refuses.
  // The counter is aria-live polite, updated after a short pause so typing is not read out.
  // A single-line input's counter (data-near) stays hidden until the text is within a fifth of
  // the limit, then reads like the textarea's.
  function setupCharCount(root) {
    root.querySelectorAll("textarea[data-maxlength], input[data-maxlength]").forEach(function (area) {
      var counter = document.getElementById(area.id + "_count");
      if (!counter || area.dataset.counted) return;
      area.dataset.counted = "1";
      var max = parseInt(area.dataset.maxlength, 10);
      var format = function (n) { return n.toLocaleString(document.documentElement.lang || undefined); };
      var timer = null;
      var invalidFromServer = area.getAttribute("aria-invalid");
      function update() {
        var count = area.value.length;
        var over = count - max;
        counter.textContent = over > 0
          ? counter.dataset.countOver.replace("__OVER__", format(over)).replace("__MAX__", format(max))
          : counter.dataset.countOf.replace("__COUNT__", format(count)).replace("__MAX__", format(max));
        counter.classList.toggle("field__count--over", over > 0);
        if (counter.dataset.near) counter.hidden = count < max * 0.8;
        if (over > 0) area.setAttribute("aria-invalid", "true");
        else if (invalidFromServer) area.setAttribute("aria-invalid", invalidFromServer);
        else area.removeAttribute("aria-invalid");
      }
      area.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(update, 400);
      });
      update();
    });
  }

  // Data tables become stacked cards on a phone (see .table--stack in app.css): each
  // cell gets its column's label from the table head. Tables with merged cells or
  // data-no-stack keep their grid and scroll inside .table-wrap instead.
  function labelTableCells(root) {
    var tables = root.matches && root.matches("table.table") ? [root] : root.querySelectorAll("table.table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.hasAttribute("data-no-stack") || !table.tHead || table.querySelector("[colspan], [rowspan]")) return;
      var heads = table.tHead.rows[0] ? Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
        return th.textContent.replace(/\s+/g, " ").trim();
      }) : [];
      if (!heads.length) return;
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          Array.prototype.forEach.call(row.cells, function (cell, i) {
            if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
          });
        });
      });
      table.classList.add("table--stack");
    });
  }

  // Status changes are spoken: text put into the page's live region after load is read out
  // by screen readers (text present at load is not). Used for the messages of a full page
  // load (enrolled, booked, queued) and for alerts that an htmx swap brings in, unless the
  // swapped area is itself a live region (the fair queue, the board's status line).
  function announce(text) {
    var region = document.getElementById("live-region");
    text = (text || "").replace(/\s+/g, " ").trim();
    if (!region || !text) return;
    region.textContent = "";
    setTimeout(function () { region.textContent = text; }, 150);
  }
  function announceAlerts(root) {
    if (!root || !root.querySelectorAll) return;
    if (root.closest && root.closest("[aria-live]")) return;
    var alerts = Array.prototype.slice.call(root.querySelectorAll(".alert, [data-announce]"));
    if (root.matches && root.matches(".alert, [data-announce]")) alerts.unshift(root);
    announce(alerts.map(function (el) { return el.getAttribute("data-announce") || el.textContent; }).join(" "));
  }

  function init(root) {
    labelTableCells(root);
    setupAccountType(root);
    setupConsentAll(root);
    setupCopy(root);
    setupCharCount(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    setupConfirm(document);
    setupMenus();
    focusErrorSummary();
    var messages = document.querySelector(".messages");
    if (messages) announceAlerts(messages);
  });
  // Content swapped in by htmx gets the same treatment.
  document.addEventListener("htmx:load", function (event) {
    if (event.target && event.target !== document.body) {
      init(event.target);
      announceAlerts(event.target);
    }
  });
})();
