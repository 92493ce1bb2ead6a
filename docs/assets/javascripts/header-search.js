/* The header's search box opens the finder with the query in its address (#q=...), as the finder
   keeps its state; without this script the form still works (the finder reads ?q=). */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("[data-icp-header-search]")) return;
  var query = form.querySelector("input[name=q]").value.trim();
  event.preventDefault();
  window.location.href = form.getAttribute("action") + (query ? "#q=" + encodeURIComponent(query) : "");
});
