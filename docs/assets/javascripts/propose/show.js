/* The problems on the page, the GOV.UK way: a field is checked when the editor leaves it (after typing
   in it), its message above it, tied by aria-describedby, aria-invalid="true" on it; on sending, a
   summary at the top links to each field. A field shown wrong is checked again as it is corrected. */
(function () {
  "use strict";

  var P = window.ICPPropose;
  if (!P || !P.checks) return;
  var form = P.form;
  var summary = document.getElementById("icp-error-summary");
  var list = document.getElementById("icp-error-list");
  var touched = {};
  var shown = {};

  function sectionId(heading) {
    var area = Array.prototype.find.call(form.querySelectorAll("[data-section]"),
      function (candidate) { return candidate.getAttribute("data-section") === heading; });
    return area ? area.id : null;
  }

  // The id of the field a problem is about: sources[0].url -> f-sources-0-url; related[2] -> f-related.
  function fieldId(field) {
    if (field.indexOf("section:") === 0) return sectionId(field.slice("section:".length));
    if (field === window.ICP_PROPOSE.fileNameField) return "f-title";
    var id = "f-" + field.replace(/\[(\d+)\]/g, "-$1").replace(/\./g, "-");
    // The field itself, else the list or group it is an item of (related[2] -> f-related).
    while (id && !document.getElementById(id + "-error")) id = id.replace(/-[^-]*$/, "");
    return id && id !== "f" ? id : null;
  }

  function labelOf(id) {
    var element = document.getElementById(id);
    var label = element.tagName === "FIELDSET" ? element.querySelector("legend")
      : document.querySelector("label[for='" + id + "']");
    var text = label ? label.cloneNode(true) : null;
    if (!text) return id;
    Array.prototype.forEach.call(text.querySelectorAll(".icp-required, .icp-optional"), function (part) { part.remove(); });
    var item = element.closest("[data-item]");
    var prefix = item ? item.querySelector("legend").textContent.trim() + ", " : "";
    return prefix + text.textContent.trim();
  }

  function controlsOf(element) {
    return element.tagName === "FIELDSET" ? element.querySelectorAll("input, select, textarea") : [element];
  }

  function mark(id, message) {
    var element = document.getElementById(id);
    var error = document.getElementById(id + "-error");
    var box = element.closest(".icp-field");
    if (message) {
      error.textContent = "";
      var prefix = document.createElement("span");
      prefix.className = "icp-visually-hidden";
      prefix.textContent = window.ICPFields.say("error");
      error.appendChild(prefix);
      error.appendChild(document.createTextNode(message));
      shown[id] = true;
    } else {
      error.textContent = "";
      delete shown[id];
    }
    if (box) box.classList.toggle("icp-field--invalid", Boolean(message));
    Array.prototype.forEach.call(controlsOf(element), function (control) {
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    });
  }

  function byField(problems) {
    var found = {};
    problems.forEach(function (problem) {
      var id = fieldId(problem[0]);
      if (id && !found[id]) found[id] = problem[1];
    });
    return found;
  }

  // Every problem shown (on sending: with the summary), or only those of ``ids``.
  function show(problems, withSummary, ids) {
    var found = byField(problems);
    var all = Array.prototype.map.call(form.querySelectorAll("[id$='-error'][data-error-for]"),
      function (error) { return error.getAttribute("data-error-for"); });
    all.forEach(function (id) {
      if (!ids || ids.indexOf(id) >= 0 || (shown[id] && !found[id])) mark(id, found[id] || "");
    });
    if (ids && !withSummary) return;
    list.textContent = "";
    var order = all.filter(function (id) { return found[id]; });
    order.forEach(function (id) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + id;
      link.textContent = labelOf(id) + ": " + found[id];
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = !withSummary || order.length === 0;
    if (withSummary && order.length) summary.focus();
  }

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link) return;
    event.preventDefault();
    var element = document.getElementById(link.getAttribute("href").slice(1));
    var control = controlsOf(element)[0];
    var label = element.closest(".icp-field");
    (label || element).scrollIntoView({block: "start"});
    control.focus({preventScroll: true});
  });

  function fieldOf(target) {
    var group = target.closest("[data-control=checkboxes], [data-control=cases]");
    return group || (target.id && document.getElementById(target.id + "-error") ? target : null);
  }

  form.addEventListener("input", function (event) {
    var field = fieldOf(event.target);
    if (field) touched[field.id] = true;
  });
  form.addEventListener("change", function (event) {
    var field = fieldOf(event.target);
    if (field) touched[field.id] = true;
  });
  form.addEventListener("focusout", function (event) {
    var field = fieldOf(event.target);
    if (!field || !touched[field.id]) return;
    if (field.tagName === "FIELDSET" && field.contains(event.relatedTarget)) return;
    show(P.checks.all(P.values()), false, [field.id]);
  });

  window.ICPShowProblems = function (problems, withSummary) {
    if (!problems.length) {
      Object.keys(shown).forEach(function (id) { mark(id, ""); });
      summary.hidden = true;
      list.textContent = "";
      if (!withSummary) touched = {};
      return;
    }
    show(problems, withSummary);
  };
}());
