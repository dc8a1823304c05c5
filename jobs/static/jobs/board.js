/*
 * The applicant board (jobs/employer/board.html).
 *
 * - Drag and drop (SortableJS, static/vendor/sortablejs) where a fine pointer exists: dropping
 *   a card in another column posts the move to the card's URL with htmx, as the per-card
 *   "Move" form does; the server answers with the whole board as it now is, so a refused move
 *   (취업 without an accepted offer) puts the card back and #board-status says why.
 * - After a swap, focus returns to the moved card's stage select (data-focus), so keyboard
 *   users keep their place.
 * - The stage picker above the board shows one stage at a time on narrow screens; without
 *   this script its links jump to the stage's heading.
 */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function move(card, status) {
    window.htmx.ajax("POST", card.dataset.moveUrl, {
      source: card,
      target: "#board",
      swap: "outerHTML",
      values: { status: status },
      headers: { "X-CSRFToken": csrfToken() },
    });
  }

  function enableDrag(board) {
    if (!window.Sortable || !window.matchMedia("(pointer: fine)").matches) return;
    board.querySelectorAll(".board__cards").forEach(function (list) {
      window.Sortable.create(list, {
        group: "applicant-board",
        sort: false,
        draggable: ".board__card",
        filter: "a, button, select, summary, label, input",
        preventOnFilter: false,
        // Pointer events rather than native HTML5 drag: the same on every browser, and the
        // dragged card follows the pointer across the columns.
        forceFallback: true,
        fallbackTolerance: 4,
        ghostClass: "board__card--ghost",
        chosenClass: "board__card--chosen",
        onEnd: function (event) {
          if (event.from === event.to) return;
          move(event.item, event.to.dataset.status);
        },
      });
    });
    board.classList.add("board-wrap--draggable");
  }

  var currentStage = "";

  function showStage(board, stage) {
    currentStage = stage;
    board.dataset.show = stage;
    board.querySelectorAll(".board__stages a").forEach(function (link) {
      if (link.dataset.stage === stage) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }

  function enableStagePicker(board) {
    var narrow = window.matchMedia("(max-width: 47.99em)");
    board.querySelectorAll(".board__stages a").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!narrow.matches) return; // wide screens show every column; the link jumps
        event.preventDefault();
        showStage(board, link.dataset.stage);
        var heading = link.dataset.stage ? document.getElementById("col-" + link.dataset.stage) : null;
        if (heading) heading.focus();
      });
    });
    showStage(board, currentStage);
  }

  function init(board) {
    enableDrag(board);
    enableStagePicker(board);
    var focusId = board.dataset.focus;
    if (!focusId) return;
    var target = document.getElementById(focusId);
    if (!target) {
      // the card has no stage select any more (hired): focus its name instead
      var card = document.getElementById(focusId.replace("move-", "card-"));
      target = card ? card.querySelector("a") : null;
    }
    if (target) target.focus();
  }

  window.htmx.onLoad(function (elt) {
    var board = elt.id === "board" ? elt : elt.querySelector ? elt.querySelector("#board") : null;
    if (board && !board.dataset.ready) {
      board.dataset.ready = "1";
      init(board);
    }
  });
})();
