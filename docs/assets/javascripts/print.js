/* The "Print this practice" button on case pages, as on the source site, and the line a printed
 * case starts with: the site's name (written by the build), the page's address and today's date,
 * filled in here at print time, since only the browser knows where and when the page is read. */
(function () {
  "use strict";

  /* Today as the page's language writes a long date (British English's for English). */
  function longDate(day) {
    var lang = document.documentElement.lang || "en";
    return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { dateStyle: "long" }).format(day);
  }

  function fillPrintHeader() {
    var today = new Date();
    var address = document.querySelectorAll("[data-icp-print-address]");
    var dates = document.querySelectorAll("[data-icp-print-date]");
    for (var i = 0; i < address.length; i++) address[i].textContent = location.href.split("#")[0];
    for (var j = 0; j < dates.length; j++) {
      /* "Printed {date}", in the page's language, comes with the page (case.html). */
      dates[j].textContent = (dates[j].getAttribute("data-icp-printed") || "{date}").replace("{date}", longDate(today));
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-icp-print]");
    if (button) window.print();
  });
  window.addEventListener("beforeprint", fillPrintHeader);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fillPrintHeader);
  } else {
    fillPrintHeader();
  }
})();
