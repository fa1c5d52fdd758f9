// The staff consultation page has several forms; sending one reloads the page. Text typed into another form's
// box (a note, the plan notes) and its ticks (the plan's treatments and areas) are kept in this tab's
// sessionStorage until its own form sends them, so changing the status never loses them. Signing out clears them.
(function () {
  "use strict";
  // Keyed on the form's action, which names the consultation, not on the page's address: a refused save answers
  // from the form's own address, and the drafts must show there too.
  var prefix = "clinic-draft:";
  var boxes = document.querySelectorAll("form[data-keeps-drafts] textarea[name]");

  // A draft keeps the text it was typed over (the plan's saved notes): it is shown again while the page still
  // holds that text, and not once a colleague has saved something else there.
  boxes.forEach(function (box) {
    var key = prefix + box.form.getAttribute("action") + ":" + box.name;
    var draft = null;
    try {
      draft = JSON.parse(window.sessionStorage.getItem(key));
    } catch (e) {
      draft = null;
    }
    if (draft && typeof draft.text === "string" && box.value === draft.over) {
      box.value = draft.text;
    }
    var over = draft && box.value === draft.text ? draft.over : box.defaultValue;
    box.addEventListener("input", function () {
      if (box.value !== over) {
        window.sessionStorage.setItem(key, JSON.stringify({ over: over, text: box.value }));
      } else {
        window.sessionStorage.removeItem(key);
      }
    });
    box.form.addEventListener("submit", function () {
      window.sessionStorage.removeItem(key);
    });
  });

  // Ticks (the plan's treatments and areas) are kept the same way: the ticked values of each group, once changed.
  document.querySelectorAll("form[data-keeps-drafts]").forEach(function (form) {
    var groups = {};
    form.querySelectorAll('input[type="checkbox"][name]').forEach(function (box) {
      (groups[box.name] = groups[box.name] || []).push(box);
    });
    Object.keys(groups).forEach(function (name) {
      var boxes = groups[name];
      var key = prefix + form.getAttribute("action") + ":" + name + ":ticked";
      var saved = window.sessionStorage.getItem(key);
      if (saved !== null) {
        var ticked = JSON.parse(saved);
        boxes.forEach(function (box) { box.checked = ticked.indexOf(box.value) !== -1; });
      }
      boxes.forEach(function (box) {
        box.addEventListener("change", function () {
          var values = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
          window.sessionStorage.setItem(key, JSON.stringify(values));
        });
      });
      form.addEventListener("submit", function () {
        window.sessionStorage.removeItem(key);
      });
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
