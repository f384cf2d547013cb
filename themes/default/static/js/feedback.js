// "Feedback on this guideline": the mail also says which section the reader
// was in when they clicked (the nearest heading above the top of the
// window, below the sticky guideline bar). Without JavaScript the link
// still works, with the page's address only.
(function () {
  "use strict";
  var link = document.querySelector("a[data-feedback]");
  if (!link) return;
  var base = link.getAttribute("href");

  function sectionAbove() {
    var bar = document.querySelector(".guideline-bar");
    var edge = bar ? Math.max(bar.getBoundingClientRect().bottom, 0) : 0;
    // The text's own headings and the sections after it, not the contents
    // list (which stays in view beside the text).
    var headings = document.querySelectorAll(
      ".prose h2[id], .prose h3[id], .prose h4[id], #local-services-heading, #changes-heading");
    var found = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > edge + 1) break;
      found = headings[i];
    }
    return found;
  }

  link.addEventListener("click", function () {
    var heading = sectionAbove();
    if (!heading) {
      link.setAttribute("href", base);
      return;
    }
    var address = location.href.split("#")[0] + "#" + heading.id;
    var section = "\r\nSection: " + heading.textContent.replace(/\s+/g, " ").trim() + " (" + address + ")";
    // The body is the link's last part, so the section is added to its end.
    link.setAttribute("href", base + encodeURIComponent(section));
  });
})();
