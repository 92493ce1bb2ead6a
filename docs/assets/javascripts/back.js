/* "Back to results" on a case page: when the reader came to the case from the finder's results, the
   link at the top of the page returns to the finder exactly as they left it (query, filters, view);
   otherwise it stays "Find practices", the finder as it opens. The finder keeps what the reader chose
   in the tab's sessionStorage when they follow a result (finder.js); nothing leaves the browser, and
   it works from file:// too. A case page reached any other way (a link, a bookmark, a related case)
   leaves the link as it is. */
(function () {
  "use strict";
  var KEY = "icp-finder-return";

  function stored() {
    try {
      var value = JSON.parse(window.sessionStorage.getItem(KEY) || "null");
      return value && typeof value.hash === "string" && typeof value.slug === "string" ? value : null;
    } catch (error) {
      return null;
    }
  }

  function setUp() {
    var link = document.querySelector("[data-icp-back]");
    if (!link) return;
    var from = stored();
    var slug = decodeURIComponent(window.location.pathname.split("/").pop().replace(/\.html$/, ""));
    if (!from || from.slug !== slug) return;
    var finder = link.getAttribute("href").split("#")[0];
    link.setAttribute("href", finder + (from.hash ? "#" + from.hash : ""));
    link.textContent = link.getAttribute("data-icp-back-text") || link.textContent;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
