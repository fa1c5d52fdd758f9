// The staff consultation page has several forms; sending one reloads the page. Text typed into another form's
// box (a note, the plan notes) is kept in this tab's sessionStorage until its own form sends it, so changing the
// status never loses it. Signing out clears every draft.
(function () {
  "use strict";
  var prefix = "clinic-draft:" + window.location.pathname + ":";
  var boxes = document.querySelectorAll("form[data-keeps-drafts] textarea[name]");

  boxes.forEach(function (box) {
    var key = prefix + box.form.getAttribute("action") + ":" + box.name;
    var saved = window.sessionStorage.getItem(key);
    if (saved !== null && box.value === "") {
      box.value = saved;
    }
    box.addEventListener("input", function () {
      if (box.value) {
        window.sessionStorage.setItem(key, box.value);
      } else {
        window.sessionStorage.removeItem(key);
      }
    });
    box.form.addEventListener("submit", function () {
      window.sessionStorage.removeItem(key);
    });
  });

  document.querySelectorAll("form[data-signs-out]").forEach(function (form) {
    form.addEventListener("submit", function () {
      Object.keys(window.sessionStorage)
        .filter(function (key) { return key.indexOf("clinic-draft:") === 0; })
        .forEach(function (key) { window.sessionStorage.removeItem(key); });
    });
  });
})();
