/* "Cite this practice" on case pages (hooks/icp/render/cite.py). Puts today's date in the citations
 * (the page has the build's) and, on a site built without a fixed address but read over
 * http(s), the page's own address; the Copy buttons copy a citation with the clipboard API
 * where the browser allows it, else select it for Ctrl+C. Works from file://. */
(function () {
  "use strict";

  /* Today as the page's language writes a long date (British English's for English), as
     hooks/icp/cite.py's long_date does with Babel. */
  function longDate(day) {
    var lang = document.documentElement.lang || "en";
    return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { dateStyle: "long" }).format(day);
  }

  /* The status's words come with the page (cite.html), in its language. */
  function said(status, name) {
    return (status.getAttribute && status.getAttribute("data-icp-" + name)) || "";
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /* The same characters as cite.bibtex_url encodes: none can unbalance or end a BibTeX field. */
  function pageAddress() {
    return (location.origin + location.pathname).replace(/[{}\\\s"]/g, encodeURIComponent);
  }

  function fill() {
    var today = new Date();
    var values = {
      accessed: longDate(today),
      urldate: today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate()),
      address: /^https?:$/.test(location.protocol) ? pageAddress() : null
    };
    var parts = document.querySelectorAll("[data-icp-cite-fill]");
    for (var i = 0; i < parts.length; i++) {
      var value = values[parts[i].getAttribute("data-icp-cite-fill")];
      if (value) parts[i].textContent = value;
    }
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelecting(element, status) {
    var copied = false;
    select(element);
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    status.textContent = said(status, copied ? "copied" : "selected");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-icp-copy]");
    if (!button) return;
    var element = document.getElementById(button.getAttribute("data-icp-copy"));
    var status = document.getElementById("icp-cite-status") || {};
    if (!element) return;
    fill();
    status.textContent = "";
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(element.textContent).then(function () {
        status.textContent = said(status, "copied");
      }, function () {
        copyBySelecting(element, status);
      });
    } else {
      copyBySelecting(element, status);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
