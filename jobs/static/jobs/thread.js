// Message threads: a refused send (400, 409, 413) still swaps in the thread with the form's
// errors, and the newest message is scrolled into view after a send.
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (target && target.matches && target.matches("[data-thread]") && [400, 409, 413].includes(event.detail.xhr.status)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
document.addEventListener("htmx:afterSettle", () => {
  const thread = document.getElementById("thread");
  if (!thread) return;
  const errors = thread && thread.querySelector(".error-summary");
  if (errors) {
    errors.focus();
    return;
  }
  const latest = document.getElementById("latest");
  if (latest) latest.scrollIntoView({ block: "nearest" });
  const box = thread && thread.querySelector("textarea");
  if (box) box.focus();
});
