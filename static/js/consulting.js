/*
 * Consulting pages: remember the browser's time zone so slot times are shown in
 * it (the server computes everything in Asia/Seoul and converts for display).
 */
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;
  var current = document.cookie.split("; ").filter(function (c) {
    return c.indexOf("ilteo_tz=") === 0;
  })[0];
  var value = current ? decodeURIComponent(current.split("=")[1]) : "";
  if (value === zone) return;
  document.cookie = "ilteo_tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
  // Re-render once so the times on this page are in the new zone (never for Seoul, the default).
  if (!value && zone !== "Asia/Seoul" && document.querySelector("[data-times]")) {
    window.location.reload();
  }
})();
