// A clinic tablet locks itself when left, in case the patient walks away: the result page after data-lock-after
// seconds, the form after data-lock-when-idle seconds without a touch or a key. The server ends the hand-over after
// the same idle time, so this only spares the next person the sight of what is on the screen.
(function () {
  "use strict";
  document.querySelectorAll("form[data-lock-after]").forEach(function (form) {
    var seconds = parseInt(form.getAttribute("data-lock-after"), 10);
    if (seconds > 0) {
      window.setTimeout(function () { form.submit(); }, seconds * 1000);
    }
  });
  document.querySelectorAll("form[data-lock-when-idle]").forEach(function (form) {
    var seconds = parseInt(form.getAttribute("data-lock-when-idle"), 10);
    if (!(seconds > 0)) return;
    var timer = null;
    function restart() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { form.submit(); }, seconds * 1000);
    }
    ["input", "change", "keydown", "pointerdown", "scroll"].forEach(function (kind) {
      document.addEventListener(kind, restart, { passive: true, capture: true });
    });
    restart();
  });
})();
