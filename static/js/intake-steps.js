/* The consultation form in short steps, with progress.
 *
 * Progressive enhancement: without this script the form is one page. With it, each top-level fieldset of
 * form[data-steps] is a step: one shows at a time, under "Step N of M" and a list of the steps (the current one
 * marked aria-current="step"), with Back and Next; the last step holds consent and the send button. Focus moves to
 * the step's heading on every change. A form that comes back with errors opens at the first step with an error,
 * and the error summary's links open their field's step. A resumed form opens at data-start-step. The step
 * reached travels with the form (name="step") so "Save and finish later" can bring the patient back to it. Next
 * stops at a required answer left out in the step, with the browser's own message.
 * Words come from the template's data-* attributes (translated there). Nothing inline: the CSP forbids it.
 */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("form.intake-form[data-steps]");
    if (!form) return;
    var steps = Array.prototype.filter.call(form.children, function (node) {
      return node.localName === "fieldset";
    });
    var actions = form.querySelector(".intake-actions");
    var send = actions && actions.querySelector('[type="submit"][name="submit"]');
    if (steps.length < 2 || !send) return;
    var last = steps.length - 1;
    var current = 0;
    var submitter = null;
    var text = form.dataset;

    function stepName(step) {
      var legend = step.querySelector("legend");
      return legend ? legend.textContent.replace(/\s+/g, " ").trim() : "";
    }

    function button(label, className, marker) {
      var node = document.createElement("button");
      node.type = "button";
      node.className = className;
      node.textContent = label;
      node.setAttribute(marker, "");
      return node;
    }

    // The progress: a heading that says where the patient is, and the list of steps.
    var progress = document.createElement("div");
    progress.className = "intake-progress";
    var heading = document.createElement("h2");
    heading.className = "intake-step-heading";
    heading.id = "intake-step-heading";
    heading.tabIndex = -1;
    var list = document.createElement("ol");
    list.className = "intake-steps";
    list.setAttribute("aria-label", text.stepsLabel || "Steps");
    var items = steps.map(function (step) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "intake-step-name";
      name.textContent = stepName(step);
      item.appendChild(name);
      list.appendChild(item);
      return item;
    });
    progress.appendChild(heading);
    progress.appendChild(list);
    form.insertBefore(progress, steps[0]);

    var stepInput = document.createElement("input");
    stepInput.type = "hidden";
    stepInput.name = "step";
    form.appendChild(stepInput);

    var back = button(text.backLabel || "Back", "btn btn-outline-primary btn-lg", "data-step-back");
    var next = button(text.nextLabel || "Next", "btn btn-primary btn-lg", "data-step-next");
    actions.insertBefore(back, actions.firstChild);
    actions.insertBefore(next, send);
    form.classList.add("is-stepped");

    function show(index, moveFocus) {
      current = Math.max(0, Math.min(last, index));
      steps.forEach(function (step, i) { step.hidden = i !== current; });
      items.forEach(function (item, i) {
        item.classList.toggle("is-done", i < current);
        if (i === current) {
          item.setAttribute("aria-current", "step");
        } else {
          item.removeAttribute("aria-current");
        }
      });
      var where = (text.stepOf || "Step {n} of {m}")
        .replace("{n}", String(current + 1))
        .replace("{m}", String(steps.length));
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = ": " + stepName(steps[current]);
      heading.textContent = where;
      heading.appendChild(name);
      back.hidden = current === 0;
      next.hidden = current === last;
      send.hidden = current !== last;
      stepInput.value = String(current + 1);
      if (moveFocus) {
        // At once, not smoothly: hiding a long step first clamps the page to its end, and a smooth scroll back up
        // from there reads as a jump to the bottom.
        heading.scrollIntoView({ block: "start", behavior: "instant" });
        heading.focus({ preventScroll: true });
      }
    }

    function stepOf(node) {
      for (var i = 0; i < steps.length; i += 1) {
        if (steps[i].contains(node)) return i;
      }
      return -1;
    }

    // The earliest step holding a field marked invalid or a part of the form the error summary links to.
    function firstStepWithError() {
      var found = -1;
      var marked = Array.prototype.slice.call(form.querySelectorAll(".is-invalid, [aria-invalid='true']"));
      document.querySelectorAll('#error-summary a[href^="#"]').forEach(function (link) {
        var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
        if (target) marked.push(target);
      });
      marked.forEach(function (node) {
        var index = stepOf(node);
        if (index >= 0 && (found < 0 || index < found)) found = index;
      });
      return found;
    }

    // The checks of the form's own rules that need no server, in the words the fields carry (data-*): an answer
    // needed once a box is ticked (how long ago an earlier treatment was), a phone number when the patient asks for
    // a call or a text, an email address and a phone number in the shape the server takes (their patterns,
    // data-format, are written to read the same in Python and JavaScript), a date of birth neither in the future
    // nor a mistyped year, an age of at least the minimum, at least one area ticked.
    function age(born, today) {
      var parts = born.split("-").map(Number);
      var years = today.getFullYear() - parts[0];
      var month = today.getMonth() + 1;
      if (month < parts[1] || (month === parts[1] && today.getDate() < parts[2])) years -= 1;
      return years;
    }

    // Today as a date field holds it (YYYY-MM-DD), in the patient's own time zone.
    function isoDate(day) {
      function two(n) { return (n < 10 ? "0" : "") + n; }
      return day.getFullYear() + "-" + two(day.getMonth() + 1) + "-" + two(day.getDate());
    }

    function checkRules(step) {
      step.querySelectorAll("[data-needed-with]").forEach(function (field) {
        var box = form.elements.namedItem(field.dataset.neededWith);
        var needed = box && box.checked && !field.value.trim();
        field.setCustomValidity(needed ? field.dataset.neededMessage : "");
      });
      step.querySelectorAll("[data-format]").forEach(function (field) {
        var value = field.value.trim();
        var misshapen = value && !new RegExp(field.dataset.format).test(value);
        field.setCustomValidity(misshapen ? field.dataset.formatMessage : "");
      });
      // An empty phone number is never misshapen: the check above left it valid, and it is needed for a call or text.
      var phone = step.querySelector("[data-needed-message]:not([data-needed-with])");
      if (phone) {
        var contact = form.querySelector('input[name="contact_method"]:checked');
        if (contact && contact.value !== "email" && !phone.value.trim()) {
          phone.setCustomValidity(phone.dataset.neededMessage);
        }
      }
      var born = step.querySelector("[data-minimum-age]");
      if (born) {
        var message = "";
        // A date as a date picker sends it; a browser without one may hold "23/04/1985", which only the server reads.
        if (/^\d{4}-\d{2}-\d{2}$/.test(born.value)) {
          var today = new Date();
          var years = age(born.value, today);
          if (born.value > isoDate(today)) {
            message = born.dataset.futureMessage;
          } else if (years > Number(born.dataset.maximumAge)) {
            message = born.dataset.yearMessage;
          } else if (years < Number(born.dataset.minimumAge)) {
            message = born.dataset.underAgeMessage;
          }
        }
        born.setCustomValidity(message || "");
      }
      var areas = step.matches("[data-none-message]") ? step : step.querySelector("[data-none-message]");
      if (areas) {
        var boxes = areas.querySelectorAll('input[type="checkbox"][name^="area-"]');
        var ticked = Array.prototype.some.call(boxes, function (box) { return box.checked; });
        if (boxes.length) boxes[0].setCustomValidity(ticked ? "" : areas.dataset.noneMessage);
      }
    }

    // Next checks what the browser can check of this step (a required answer left out, an email address that is
    // not one, the rules above) and shows the message at the first such field; the server checks everything again.
    function forward() {
      checkRules(steps[current]);
      var controls = steps[current].querySelectorAll("input, select, textarea");
      for (var i = 0; i < controls.length; i += 1) {
        if (!controls[i].checkValidity()) {
          // Into view at once first: the page scrolls smoothly, and Chromium drops the message of a field that is
          // still off-screen when it is asked to show it, leaving a step that will not go on and does not say why.
          controls[i].scrollIntoView({ block: "center", behavior: "instant" });
          controls[i].reportValidity();
          return;
        }
      }
      show(current + 1, true);
    }

    back.addEventListener("click", function () { show(current - 1, true); });
    next.addEventListener("click", forward);

    // Enter in a text box sends the form through its first submit button: before the last step that means Next.
    // "Save and finish later" always sends.
    actions.addEventListener("click", function (event) {
      var target = event.target.closest('[type="submit"]');
      if (target) submitter = target;
    });
    form.addEventListener("submit", function (event) {
      var by = event.submitter || submitter;
      submitter = null;
      if (by && by.name === "save_draft") return;
      if (current !== last) {
        event.preventDefault();
        forward();
      }
    });

    // The error summary's links (and any link to a field) open the field's step, then move to the field.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var index = target ? stepOf(target) : -1;
      if (index < 0) return;
      event.preventDefault();
      show(index, false);
      var holder = target.closest(".mb-3, .form-check") || target;
      holder.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });

    var start = firstStepWithError();
    if (start < 0) start = (parseInt(text.startStep, 10) || 1) - 1;
    show(start, false);  // the error summary, if any, keeps the focus static/js/error-summary.js gave it
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
