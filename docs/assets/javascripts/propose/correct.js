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
  var say = window.ICPFields.say;
  var root = data.root || "";
  var known = data.cases.find(function (entry) { return entry[0] === slug; });
  var note = document.getElementById("icp-correction");
  if (!known) {
    note.hidden = false;
    note.textContent = say("noCase", {slug: slug});
    return;
  }
  P.form.setAttribute("data-edit", slug);
  document.querySelector(".icp-propose h1").textContent = say("correctionTitle", {title: known[1]});
  document.querySelector(".icp-propose .icp-lead").hidden = true;  // it speaks of a new practice
  document.title = say("correctionTitle", {title: known[1]}) + " - " + document.title.split(" - ").pop();

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
    // The case's title, a link to its page, where the message names it.
    var parts = say("correctWhat").split("{title}");
    first.appendChild(document.createTextNode(parts[0]));
    var title = link(known[1], "practices/" + slug + ".html");
    title.lang = "en";
    first.appendChild(title);
    first.appendChild(document.createTextNode(parts.slice(1).join(known[1])));
    note.appendChild(first);
    if (data.repository) {
      var address = (data.siteUrl ? data.siteUrl.replace(/\/+$/, "") + "/" : "") + "practices/" + slug + ".html";
      var issue = data.repository + "/issues/new?template=correction.yml&title=" +
        encodeURIComponent(say("issueTitle", {title: known[1]})) + "&case=" + encodeURIComponent(address) +
        "&case_title=" + encodeURIComponent(known[1]);
      var second = document.createElement("p");
      second.appendChild(document.createTextNode(say("ratherDescribe") + " "));
      second.appendChild(link(say("reportOnGitHub"), issue));
      second.appendChild(document.createTextNode(" " + say("issueForm")));
      note.appendChild(second);
    }
  }

  var script = document.createElement("script");
  script.src = root + "practices/" + slug + ".propose.js";
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
      status.textContent = say("correctionBack", {date: new Date(kept.saved).toLocaleString(document.documentElement.lang)});
    }
    P.changed(true);
  }
  document.body.appendChild(script);
  explain();
}());
