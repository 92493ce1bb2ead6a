/* The "Print this practice" button on case pages, as on the source site. */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-icp-print]");
  if (button) window.print();
});
