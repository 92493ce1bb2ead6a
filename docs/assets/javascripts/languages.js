/* The header's language switcher (hooks/icp/templates/languages.html) keeps what the reader is
   looking at: a link to the page in another language carries the address's fragment, which holds the
   finder's state (its query and filters, with the same slugs in every language). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-icp-language]");
    if (!link || !window.location.hash) return;
    link.href = link.href.split("#")[0] + window.location.hash;
  }, true);
})();
