// Buttons marked data-print open the browser's print dialog (the page's CSP allows no inline script).
document.querySelectorAll("[data-print]").forEach(function (button) {
  "use strict";
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
