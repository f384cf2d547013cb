// The editor page of `signpost serve` (src/serve/editor_page.rs). The form
// works without this script; it only helps: it moves focus to what the
// last save said, so keyboard and screen reader users hear it first, and
// it warns before leaving the page with changes that are not saved.
(function () {
  "use strict";
  var notice = document.getElementById("notice");
  if (notice) {
    notice.focus();
  }
  var form = document.querySelector("form.editor");
  if (!form) {
    return;
  }
  var unsaved = false;
  form.addEventListener("input", function () {
    unsaved = true;
  });
  form.addEventListener("submit", function () {
    unsaved = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
