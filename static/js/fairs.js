// Fair pages: a WebSocket says "look again"; htmx refetches the parts marked
// hx-trigger="fair:refresh from:body". When the socket is down the page polls
// every 5 seconds instead, and says so. The state always comes over HTTP.
(function () {
  "use strict";
  var root = document.querySelector("[data-fair-socket]");
  if (!root) return;
  var path = root.getAttribute("data-fair-socket");
  var status = document.querySelector("[data-live-status]");
  var pollEvery = 5000;
  var timer = null;
  var retry = 1000;
  var socket = null;

  function refresh() {
    document.body.dispatchEvent(new CustomEvent("fair:refresh"));
  }
  function show(state) {
    if (!status) return;
    status.setAttribute("data-state", state);
    status.textContent = status.getAttribute(state === "live" ? "data-text-live" : "data-text-polling");
  }
  function startPolling() {
    if (timer === null) timer = window.setInterval(refresh, pollEvery);
    show("polling");
  }
  function stopPolling() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    show("live");
  }
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + path);
    } catch (e) {
      startPolling();
      return;
    }
    socket.onopen = function () {
      retry = 1000;
      stopPolling();
      refresh(); // catch up on anything missed while disconnected
    };
    socket.onmessage = function (event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.what && data.what !== "pong") refresh();
    };
    socket.onclose = function (event) {
      startPolling();
      if (event.code === 4403) return; // refused: no point retrying
      window.setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    };
  }
  startPolling();
  if ("WebSocket" in window) connect();
  // The chat box posts through htmx; empty it once the message is accepted.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target;
    if (form && form.matches && form.matches("[data-chat-form]") && event.detail.successful) form.reset();
  });
  // Keep the chat scrolled to the newest message after each refresh.
  document.body.addEventListener("htmx:afterSwap", function () {
    var log = document.querySelector("[data-chat-log]");
    if (log) log.scrollTop = log.scrollHeight;
  });
  var log = document.querySelector("[data-chat-log]");
  if (log) log.scrollTop = log.scrollHeight;
})();
