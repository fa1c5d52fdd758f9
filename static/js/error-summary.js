/* A form sent back with errors starts at their summary (#error-summary, tabindex="-1"), for the keyboard and screen
 * readers as for the eye: the patient's form, the staff's desk form, and the tablet's. A page whose only error is a
 * message (a staff edit that was refused) starts at that message. */
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.getElementById("error-summary") || document.querySelector("[data-message-error]");
    if (summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
