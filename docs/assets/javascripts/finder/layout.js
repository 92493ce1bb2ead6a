/* The finder page's layout: on a phone the menu sits behind a "Filters" button (and its "Show the
   practices" button closes it), beside the results on a wider screen; links to a place on the page
   (the skip links) move the focus without touching the address, which holds the finder's state. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});

  function setup(form, toggle, done, resultsHeading) {
    var phone = window.matchMedia("(max-width: 59.9375em)");
    function layout() {
      var small = phone.matches;
      toggle.hidden = !small;
      done.hidden = !small;
      form.hidden = small && toggle.getAttribute("aria-expanded") !== "true";
    }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      layout();
      if (open) form.querySelector("summary").focus();
    });
    done.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", "false");
      layout();
      resultsHeading.focus();
    });
    phone.addEventListener("change", layout);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      if (target.tabIndex < 0 && !/^(INPUT|BUTTON|SELECT|TEXTAREA|A)$/.test(target.tagName)) target.tabIndex = -1;
      target.focus();
      target.scrollIntoView({ block: "start" });
    });
    layout();
  }

  ICP.finderLayout = { setup: setup };
})();
