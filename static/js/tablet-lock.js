// A clinic tablet showing a patient's result locks itself after a while, in case they walk away without pressing
// the button. The server refuses the result after the same time, so this only saves waiting for the next click.
document.querySelectorAll("form[data-lock-after]").forEach(function (form) {
  "use strict";
  var seconds = parseInt(form.getAttribute("data-lock-after"), 10);
  if (seconds > 0) {
    window.setTimeout(function () { form.submit(); }, seconds * 1000);
  }
});
