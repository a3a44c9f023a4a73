// copsession: a participant's page follows the facilitator. Every few seconds it asks whether the
// page changed (/p/version) and loads it again — unless a text field holds unsent words or has the
// focus; then it says so (#moved) and waits. After a lost connection it simply asks again.
// Without this script the page still works: the forms post, and a link refreshes it.
// Once a form is sent the page is on its way to the answer ("Sent."): it asks nothing more, so a
// reload of its own can never cut that answer off (a vote has no text field that holds it back).
"use strict";
(function () {
  var EVERY = 2500;
  var shown = document.documentElement.getAttribute("data-version");
  if (!shown) return;
  var leaving = false;
  document.addEventListener("submit", function () {
    leaving = true;
  });
  // back to this page from the browser's history: it follows again
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && leaving) {
      leaving = false;
      window.setTimeout(ask, EVERY);
    }
  });

  function busy() {
    var fields = document.querySelectorAll("textarea, input[type=text]");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i] === document.activeElement || fields[i].value.trim() !== "") return true;
    }
    return false;
  }

  function ask() {
    if (leaving) return;
    fetch("/p/version", { cache: "no-store", credentials: "same-origin" })
      .then(function (answer) {
        return answer.ok ? answer.text() : answer.status === 403 ? "gone" : null;
      })
      .then(function (version) {
        if (leaving || version === null || version === shown) return;
        if (busy()) {
          var moved = document.getElementById("moved");
          if (moved) moved.hidden = false;
        } else {
          window.location.replace("/p");
        }
      })
      .catch(function () {})
      .then(function () {
        if (!leaving) window.setTimeout(ask, EVERY);
      });
  }

  window.setTimeout(ask, EVERY);
})();
