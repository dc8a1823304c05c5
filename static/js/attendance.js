// Attendance sheet: when saving one row fails, show the server's message in that row.
// htmx does not swap 4xx responses by default, so without this the error would be silent.
document.addEventListener("htmx:beforeSwap", (event) => {
  const row = event.detail.elt;
  if (!(row instanceof Element) || !row.classList.contains("attendance-row")) return;
  if (event.detail.xhr.status >= 400 && event.detail.xhr.status < 500) {
    event.detail.shouldSwap = false;
    let box = row.querySelector(".attendance-row__error");
    if (!box) {
      box = document.createElement("div");
      box.className = "attendance-row__error";
      row.appendChild(box);
    }
    box.innerHTML = event.detail.xhr.responseText;
  }
});
