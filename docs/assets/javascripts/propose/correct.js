/* "Suggest a correction" (propose.html#correct=<slug>, linked from every case page): the form filled
   with the case as published (practices/<slug>.propose.js, a classic script: it loads from file://),
   in edit mode: the file keeps its name, and with a repository setting GitHub's edit page for it opens
   (the corrected file is copied, to paste over the old one). A draft of the correction is kept apart
   from a new proposal's. Readers who would rather describe the error get the issue form, prefilled. */
(function () {
  "use strict";

  var P = window.ICPPropose;
  var match = /^#correct=([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(location.hash);
  if (!P || !match) return;
  var slug = match[1];
  var data = P.data;
  var known = data.cases.find(function (entry) { return entry[0] === slug; });
  var note = document.getElementById("icp-correction");
  if (!known) {
    note.hidden = false;
    note.textContent = "No case '" + slug + "' is published on this site: the form below proposes a new one.";
    return;
  }
  P.form.setAttribute("data-edit", slug);
  document.querySelector(".icp-propose h1").textContent = "Suggest a correction: " + known[1];
  document.querySelector(".icp-propose .icp-lead").hidden = true;  // it speaks of a new practice
  document.title = "Suggest a correction: " + known[1] + " - " + document.title.split(" - ").pop();

  function link(text, href) {
    var made = document.createElement("a");
    made.textContent = text;
    made.href = href;
    return made;
  }

  function explain() {
    note.hidden = false;
    note.textContent = "";
    var first = document.createElement("p");
    first.appendChild(document.createTextNode("Correct what is wrong in "));
    first.appendChild(link(known[1], "practices/" + slug + ".html"));
    first.appendChild(document.createTextNode(" below, then send the corrected file as the foot of the page says. " +
      "Say in your message what was wrong and which source shows it."));
    note.appendChild(first);
    if (data.repository) {
      var address = (data.siteUrl ? data.siteUrl.replace(/\/+$/, "") + "/" : "") + "practices/" + slug + ".html";
      var issue = data.repository + "/issues/new?template=correction.yml&title=" +
        encodeURIComponent("Correction: " + known[1]) + "&case=" + encodeURIComponent(address) +
        "&case_title=" + encodeURIComponent(known[1]);
      var second = document.createElement("p");
      second.appendChild(document.createTextNode("Would you rather describe the error than correct the file? "));
      second.appendChild(link("Report it on GitHub", issue));
      second.appendChild(document.createTextNode(" (an issue form with this case already named)."));
      note.appendChild(second);
    }
  }

  var script = document.createElement("script");
  script.src = "practices/" + slug + ".propose.js";
  script.onload = function () {
    // The case may arrive before the page's last scripts (draft.js) have run: fill the form after them.
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
    else fill();
  };

  function fill() {
    var published = window.ICPCorrection;
    if (!published || published.slug !== slug) return;
    var kept = P.drafts && P.drafts.restore();
    window.ICPFields.fill(P.form, kept && kept.values ? kept.values : {meta: published.meta, sections: published.sections});
    var status = document.getElementById("icp-draft-status");
    if (kept && kept.values && status) {
      status.textContent = "Your correction from " + new Date(kept.saved).toLocaleString() + " is back. " +
        "“Start again” clears it.";
    }
    P.changed(true);
  }
  document.body.appendChild(script);
  explain();
}());
