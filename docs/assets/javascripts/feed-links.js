/* The Atom feeds' and the language versions' <link rel="alternate"> tags stay in every page's HTML
 * for feed readers and search engines, but
 * Material 9.8 takes any link[rel=alternate] for a language version of the site and fetches the
 * "sitemap.xml" next to its address: from file:// a refused request and a console error on every
 * page, over http a request for topics/sitemap.xml, which does not exist. So this script takes the
 * feed links out of the page until Material has looked (its DOMContentLoaded handler runs first,
 * having been added first), then puts them back for whatever reads the live page. Both scripts are
 * deferred (mkdocs.yml, overrides/main.html): they run once the page is parsed ("interactive"),
 * Material's first, and DOMContentLoaded comes after the last of them. */
(function () {
  "use strict";
  if (document.readyState === "complete") return;
  var links = Array.prototype.slice.call(
    document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"], link[rel="alternate"][hreflang]'));
  links.forEach(function (link) {
    link.parentNode.removeChild(link);
  });
  document.addEventListener("DOMContentLoaded", function () {
    links.forEach(function (link) {
      document.head.appendChild(link);
    });
  }, { once: true });
})();
