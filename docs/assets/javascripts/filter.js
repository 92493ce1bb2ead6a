/* The filter page: Topic, Countries and Year, as in the Council of Europe's database.
 * Options combine with OR inside a group and AND across groups. The choices live in the
 * URL fragment (#topic=a&topic=b&year=2016), which works from file:// and gives the back
 * button and shareable links for free. Case text only ever lands in textContent. */
(function () {
  "use strict";

  var marks = window.performance && performance.mark ? performance : { mark: function () {} };
  marks.mark("icp-filter-start");
  var data = window.ICP_FILTER_DATA;
  var form = document.getElementById("icp-filter");
  if (!data || !form) return;

  var PAGE = 50;
  var results = document.getElementById("icp-results");
  var counter = document.getElementById("icp-result-count");
  var more = document.getElementById("icp-more");
  var reset = document.getElementById("icp-reset");
  var groups = data.groups;
  var cases = data.cases;
  /* A case row (render.filter_data): [slug, title, city, topic indexes, country index, year index, excerpt]. */
  var TOPICS = 3, COUNTRY = 4, YEAR = 5;
  var matches = [];
  var shown = 0;
  var applied = 0; /* how many times the results were redrawn: the benchmark waits on it */

  var inputs = groups.map(function (group) {
    return group.terms.map(function (term) {
      return document.getElementById("f-" + group.key + "-" + term[0]);
    });
  });
  var counts = groups.map(function (group) {
    return group.terms.map(function (term) {
      return document.getElementById("c-" + group.key + "-" + term[0]);
    });
  });

  function readHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    return groups.map(function (group) {
      var wanted = params.getAll(group.key);
      var chosen = {};
      group.terms.forEach(function (term, i) {
        if (wanted.indexOf(term[0]) !== -1) chosen[i] = true;
      });
      return chosen;
    });
  }

  function writeHash(state) {
    var parts = [];
    groups.forEach(function (group, g) {
      group.terms.forEach(function (term, i) {
        if (state[g][i]) parts.push(encodeURIComponent(group.key) + "=" + encodeURIComponent(term[0]));
      });
    });
    var hash = parts.join("&");
    if (hash !== window.location.hash.replace(/^#/, "")) window.location.hash = hash;
  }

  function stateFromForm() {
    return inputs.map(function (group) {
      var chosen = {};
      group.forEach(function (input, i) { if (input && input.checked) chosen[i] = true; });
      return chosen;
    });
  }

  function isEmpty(chosen) {
    for (var key in chosen) if (chosen[key]) return false;
    return true;
  }

  function anyChosen(terms, chosen) {
    for (var t = 0; t < terms.length; t++) if (chosen[terms[t]]) return true;
    return false;
  }

  function apply(state) {
    /* One pass over the cases, no allocation per case: 10,000 cases take a few milliseconds. */
    var tallies = groups.map(function (group) { return group.terms.map(function () { return 0; }); });
    var open = state.map(isEmpty);
    var topicTally = tallies[0], countryTally = tallies[1], yearTally = tallies[2];
    matches = [];
    for (var r = 0; r < cases.length; r++) {
      var row = cases[r];
      var topics = row[TOPICS];
      var topicOk = open[0] || anyChosen(topics, state[0]);
      var countryOk = open[1] || !!state[1][row[COUNTRY]];
      var yearOk = open[2] || !!state[2][row[YEAR]];
      /* An option's count: the cases it would give together with the other groups' choices. */
      if (countryOk && yearOk) for (var t = 0; t < topics.length; t++) topicTally[topics[t]]++;
      if (topicOk && yearOk) countryTally[row[COUNTRY]]++;
      if (topicOk && countryOk) yearTally[row[YEAR]]++;
      if (topicOk && countryOk && yearOk) matches.push(row);
    }
    groups.forEach(function (group, g) {
      group.terms.forEach(function (term, i) {
        var input = inputs[g][i];
        if (!input) return;
        /* Only what changed is written: every write to the menu costs the browser a style pass. */
        var checked = !!state[g][i];
        var disabled = tallies[g][i] === 0 && !checked;
        if (input.checked !== checked) input.checked = checked;
        if (input.disabled !== disabled) {
          input.disabled = disabled;
          input.parentNode.classList.toggle("icp-option--empty", disabled);
        }
        var count = String(tallies[g][i]);
        if (counts[g][i] && counts[g][i].textContent !== count) counts[g][i].textContent = count;
      });
    });
    groups.forEach(function (group, g) {
      var chosen = Object.keys(state[g]).filter(function (i) { return state[g][i]; }).length;
      var note = document.getElementById("s-" + group.key);
      if (note) note.textContent = chosen ? "(" + chosen + " chosen)" : "";
    });
    counter.textContent = matches.length === 0
      ? "No practice matches these filters"
      : matches.length + (matches.length === 1 ? " practice" : " practices");
    results.textContent = "";
    shown = 0;
    showMore();
    applied++;
    document.documentElement.setAttribute("data-icp-filter-applied", String(applied));
    marks.mark("icp-filter-applied");
  }

  function card(row) {
    var item = document.createElement("li");
    item.className = "icp-card";
    var link = document.createElement("a");
    link.className = "icp-card__title";
    link.href = row[0] + ".html";
    link.textContent = row[1];
    var meta = document.createElement("p");
    meta.className = "icp-card__meta";
    meta.textContent = row[2] + " · " + groups[1].terms[row[COUNTRY]][1] + " · " + groups[2].terms[row[YEAR]][1];
    var summary = document.createElement("p");
    summary.className = "icp-card__summary";
    summary.textContent = row[6];
    item.appendChild(link);
    item.appendChild(meta);
    item.appendChild(summary);
    return item;
  }

  function showMore() {
    var fragment = document.createDocumentFragment();
    var end = Math.min(shown + PAGE, matches.length);
    for (; shown < end; shown++) fragment.appendChild(card(matches[shown]));
    results.appendChild(fragment);
    more.hidden = shown >= matches.length;
  }

  form.addEventListener("change", function () { writeHash(stateFromForm()); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  reset.addEventListener("click", function () {
    writeHash(groups.map(function () { return {}; }));
  });
  more.addEventListener("click", function () {
    var first = shown;
    showMore();
    var next = results.children[first];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("hashchange", function () { apply(readHash()); });

  document.querySelectorAll("[data-icp-static]").forEach(function (node) { node.hidden = true; });
  form.hidden = false;
  var initial = readHash();
  if (window.matchMedia("(max-width: 44.9375em)").matches) {
    /* On a phone the menus start folded, so the results are in reach; a group in use stays open. */
    form.querySelectorAll("details[data-group]").forEach(function (details, g) {
      details.open = !isEmpty(initial[g]);
    });
  }
  apply(initial);
  document.documentElement.setAttribute("data-icp-filter-ready", "");
  marks.mark("icp-filter-ready");
})();
