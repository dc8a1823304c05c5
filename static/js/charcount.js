// A live character counter for text with a limit: <textarea data-charcount="1000">.
// The limit is not a maxlength (a browser would cut a paste silently); the server refuses text
// over it with a message, and this counter says so before sending.
(function () {
  "use strict";
  function attach(field) {
    var limit = parseInt(field.getAttribute("data-charcount"), 10);
    if (!limit || field.dataset.charcountReady) return;
    field.dataset.charcountReady = "1";
    var out = document.createElement("p");
    out.className = "charcount small muted";
    out.id = (field.id || "field") + "-charcount";
    out.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", out);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + out.id);
    var lang = document.documentElement.lang || "ko";
    function update() {
      // Count characters as the server does (code points, line breaks as one).
      var n = Array.from(field.value.replace(/\r\n/g, "\n")).length;
      var over = n > limit;
      var fmt = new Intl.NumberFormat(lang);
      out.textContent = fmt.format(n) + " / " + fmt.format(limit) +
        (over ? (lang.indexOf("ko") === 0 ? " — " + fmt.format(n - limit) + "자 초과" : " — " + fmt.format(n - limit) + " over the limit") : "");
      out.classList.toggle("charcount--over", over);
      if (over) {
        field.setAttribute("aria-invalid", "true");
        field.dataset.charcountInvalid = "1";
      } else if (field.dataset.charcountInvalid) {
        field.removeAttribute("aria-invalid");
        delete field.dataset.charcountInvalid;
      }
    }
    field.addEventListener("input", update);
    update();
  }
  function init(root) {
    (root || document).querySelectorAll("[data-charcount]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", function () { init(); });
  document.addEventListener("htmx:load", function (e) { init(e.target); });
})();
