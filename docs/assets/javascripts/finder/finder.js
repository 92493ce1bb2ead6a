/* The finder: a text query and the three menus of the source site (Topic, Countries, Year) over one
   list of results, plus a city (set from the map or a shared link). Options in a group widen the choice
   (any of them), groups narrow it (all of them); each option's count says how many practices it would
   give with the query and the other groups, the city counting as a fourth group without a menu.
   The state lives in the address, so sharing, bookmarks and Back work.
   The page lists the first results and the menu's counts itself (icp.render.finder), and says what
   the finder needs first in a data block (ICP.finderView.meta): a finder opened without a state
   shows the page as it is and its box and menu work at once; the cases (finder-data.js) load
   next, then the search engine and index. A state asked for before the cases arrive is drawn when
   they do. */
(function () {
  "use strict";
  var ICP = window.ICP;
  var data = ICP && ICP.finderView && ICP.finderView.meta;
  /* Performance marks for scripts/bench.py: start, first results, search index loaded. */
  var marks = window.performance && performance.mark ? performance : { mark: function () {} };
  marks.mark("icp-finder-start");
  var form = document.getElementById("icp-filter");
  if (!data || !form || !ICP || !ICP.finderState) return;

  var SEARCH_FAILED = ICP.finderView.say("searchFailed");
  var groups = data.groups;
  var cases = null; /* the rows of finder-data.js, once loaded */
  var State = ICP.finderState, Search = ICP.finderSearch, View = ICP.finderView, Filter = ICP.finderFilter;
  /* The row's columns and the groups, by name: the data says where each is. */
  var byName = Filter.layout(data);
  var COUNTRY = byName.group.country;
  var words = { facts: data.facts, evidenceLabel: data.evidenceLabel, yearLabel: data.yearLabel,
    notGiven: data.notGiven };
  var box = document.getElementById("icp-q");
  var results = document.getElementById("icp-results");
  var counter = document.getElementById("icp-result-count");
  var chips = document.getElementById("icp-chips");
  var reset = document.getElementById("icp-reset");
  var nothing = document.getElementById("icp-nothing");
  var more = document.getElementById("icp-more");
  var pagesBox = document.getElementById("icp-pages");
  var toggle = document.getElementById("icp-filters-toggle");
  var toggleCount = document.getElementById("icp-filters-count");
  var done = document.getElementById("icp-filters-done");
  var tools = document.getElementById("icp-tools");
  var viewButtons = Array.prototype.slice.call(tools.querySelectorAll("[data-view]"));
  var downloads = Array.prototype.slice.call(tools.querySelectorAll("[data-format]"));
  var mapPanel = document.getElementById("icp-map");
  var resultsHeading = document.getElementById("icp-results-heading");

  /* Per group, per option: the element whose id is prefix, group key and term slug ("f-topic-education"). */
  function optionElements(prefix) {
    return groups.map(function (group) {
      return group.terms.map(function (term) { return document.getElementById(prefix + group.key + "-" + term[0]); });
    });
  }
  var inputs = optionElements("f-");
  var counts = optionElements("c-");
  var notes = groups.map(function (group) { return document.getElementById("s-" + group.key); });
  /* The span of years the practices ran in: two year boxes (from, to). */
  var span = [document.getElementById("f-from"), document.getElementById("f-to")];
  var spanNote = document.getElementById("s-span");

  var state = State.empty(groups);
  var matches = [];
  var matchOf = null;
  var typing = false;
  var applied = 0; /* how many times the results were redrawn: tests and the benchmark wait on it */

  function hashOf(next) { return State.serialise(next, groups); }
  function currentHash() { return window.location.hash.replace(/^#/, ""); }

  /* Ticking, removing a chip, Reset: a new entry in the history, so Back undoes it. */
  function go(next) {
    if (pendingQuery) {
      searchTyped();
      next = State.withQuery(next, box.value);
    }
    if (addressTimer) writeTypedAddress();
    typing = false;
    var hash = hashOf(next);
    if (hash === currentHash()) { apply(next); return; }
    window.location.hash = hash;
  }

  /* Typing: keys that arrive while a search runs are coalesced, so only the latest text is searched
     and drawn (an input event only notes the text and schedules one search, which reads the box when
     it runs). The address follows when the typing pauses or the box loses the focus, not at each
     key: Chromium fetches the page's icon again at every change of the address, replaceState too.
     The first address written after a pause starts a new history entry; the rest replace it. */
  var ADDRESS_PAUSE_MS = 400;
  var pendingQuery = false; /* whether the box holds text not yet searched */
  var scheduled = false;
  var addressTimer = 0;

  function typed() {
    pendingQuery = true;
    if (scheduled) return;
    scheduled = true;
    window.setTimeout(searchTyped, 0);
  }

  function searchTyped() {
    scheduled = false;
    if (!pendingQuery) return;
    pendingQuery = false;
    apply(State.withQuery(state, box.value));
    window.clearTimeout(addressTimer);
    addressTimer = window.setTimeout(writeTypedAddress, ADDRESS_PAUSE_MS);
  }

  function writeTypedAddress() {
    window.clearTimeout(addressTimer);
    addressTimer = 0;
    var hash = hashOf(state);
    if (hash === currentHash()) return;
    var url = window.location.pathname + window.location.search + (hash ? "#" + hash : "");
    if (!typing) {
      typing = true;
      history.pushState(null, "", url);
    } else {
      history.replaceState(null, "", url);
    }
  }

  var allRows = [];
  var list = null;

  /* The cases: the current state is drawn with them, then the search engine and index load. */
  var Cases = ICP.finderCases.setup(data.data, function (rows) {
    cases = rows;
    allRows = cases.map(function (_, r) { return r; });
    list = ICP.finderList.setup(results, more, new Map(cases.map(function (row, r) { return [row[byName.row.slug], r]; })),
      function (row, match) { return View.card(cases[row], groups, match, words, byName); });
    apply(state);
    markReady();
    window.setTimeout(function () { Search.load(data.index, data.engine); }, 0);
  }, function () { counter.textContent = SEARCH_FAILED; });

  /* The box and the menu work, and the first results are drawn. */
  var ready = false;
  function markReady() {
    if (ready) return;
    ready = true;
    document.documentElement.setAttribute("data-icp-finder-ready", "");
    marks.mark("icp-finder-ready");
  }

  function apply(next) {
    state = next;
    if (box.value !== state.q && document.activeElement !== box) box.value = state.q;
    if (!cases) {
      /* Drawn when the cases arrive. */
      counter.textContent = View.say("searching");
      Cases.load();
      return;
    }
    var query = state.q.trim();
    var searched = null;
    var unsearchable = query && Search.failed();
    if (query && Search.ready()) searched = Search.run(query);
    if (query && !Search.ready() && !unsearchable) {
      counter.textContent = View.say("searching");
      /* Drawn only if it is still what the reader asked for when the index has loaded (or failed). */
      var redraw = function () { if (state === next) apply(next); };
      Search.whenReady(redraw, redraw);
      Search.load(data.index, data.engine);
      return;
    }
    /* Parts of the index this query needs are still loading: drawn again as each arrives. */
    document.documentElement.toggleAttribute("data-icp-search-partial", !!(searched && searched.partial));
    if (searched && searched.blank) searched = null;
    var rows = searched ? searched.rows : allRows;
    matchOf = searched ? searched.match : null;
    var result = Filter.tally(cases, rows, groups, state, state.view === "map");
    matches = result.found;
    writeMenu(result.tallies);
    writeChips();
    var count = (unsearchable ? SEARCH_FAILED : "") +
      View.countText(matches.length, searched ? query : "", State.chosenCount(state) > 0);
    if (counter.textContent !== count) counter.textContent = count;
    writeNothing(query);
    list.show(matches, matchOf);
    writePages(searched && State.chosenCount(state) === 0 ? searched.pages : []);
    writeView(result);
    applied++;
    document.documentElement.setAttribute("data-icp-finder-applied", String(applied));
  }

  /* The list or the map; the map's cities counted with the other filters, as the menu's options are. */
  function writeView(result) {
    var onMap = state.view === "map" && !!map;
    viewButtons.forEach(function (button) {
      var pressed = String(button.getAttribute("data-view") === (onMap ? "map" : "list"));
      if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
    });
    results.hidden = onMap;
    if (onMap) more.hidden = true;
    if (mapPanel) mapPanel.hidden = !onMap;
    if (onMap) map.update(result.byCity, result.byPlace, state.city);
    downloads.forEach(function (button) { button.disabled = matches.length === 0; });
  }

  function writeMenu(tallies) {
    groups.forEach(function (group, g) {
      var chosen = state.chosen[g];
      group.terms.forEach(function (term, i) {
        var input = inputs[g][i];
        if (!input) return;
        /* Only what changed is written: every write to the menu costs the browser a style pass. */
        var checked = chosen.indexOf(i) >= 0;
        var disabled = tallies[g][i] === 0 && !checked;
        if (input.checked !== checked) input.checked = checked;
        if (input.disabled !== disabled) {
          input.disabled = disabled;
          input.parentNode.classList.toggle("icp-option--empty", disabled);
        }
        var count = String(tallies[g][i]);
        if (counts[g][i] && counts[g][i].textContent !== count) counts[g][i].textContent = count;
      });
      if (notes[g]) notes[g].textContent = chosen.length ? View.say("chosen", { num: View.number(chosen.length) }) : "";
    });
    var total = state.order.filter(function (pair) { return pair[0] !== State.CITY; }).length;
    toggleCount.textContent = total ? " " + View.say("chosen", { num: View.number(total) }) : "";
  }

  function label(pair) {
    if (pair[0] === State.CITY) return View.say("city", { city: pair[1] });
    return groups[pair[0]].singular + ": " + groups[pair[0]].terms[pair[1]][1];
  }

  function spanLabel(short) {
    var which = state.from !== null && state.to !== null ? "both" : state.from !== null ? "from" : "to";
    return View.say((short ? "span." : "running.") + which, { from: state.from, to: state.to });
  }

  function writeChips() {
    chips.textContent = "";
    state.order.forEach(function (pair) {
      chips.appendChild(View.chip(label(pair), function () {
        go(State.toggle(state, pair[0], pair[1], false));
        (chips.querySelector("button") || box).focus();
      }));
    });
    var spanned = state.from !== null || state.to !== null;
    if (spanned) {
      chips.appendChild(View.chip(spanLabel(), function () {
        go(State.withSpan(State.withSpan(state, "from", ""), "to", ""));
        (chips.querySelector("button") || box).focus();
      }));
    }
    span.forEach(function (input) {
      var value = state[input.name] === null ? "" : String(state[input.name]);
      if (input.value !== value && document.activeElement !== input) input.value = value;
    });
    spanNote.textContent = spanned ? "(" + spanLabel(true) + ")" : "";
    chips.hidden = State.chosenCount(state) === 0;
    reset.hidden = State.chosenCount(state) === 0;
  }

  function writeNothing(query) {
    nothing.textContent = "";
    nothing.hidden = matches.length > 0;
    if (matches.length > 0) return;
    var offers = [];
    if (query) offers.push([View.say("clearSearch"), function () { box.value = ""; go(State.withQuery(state, "")); box.focus(); }]);
    var last = state.order[state.order.length - 1];
    if (last) offers.push([View.say("remove", { label: label(last) }), function () { go(State.toggle(state, last[0], last[1], false)); }]);
    if (state.from !== null || state.to !== null) {
      offers.push([View.say("remove", { label: spanLabel() }), function () { go(State.withSpan(State.withSpan(state, "from", ""), "to", "")); }]);
    }
    nothing.appendChild(View.element("p", "", View.say("tryFewer")));
    offers.forEach(function (offer) {
      var button = View.element("button", "md-button", offer[0]);
      button.type = "button";
      button.addEventListener("click", offer[1]);
      nothing.appendChild(button);
    });
  }

  function writePages(urls) {
    pagesBox.textContent = "";
    pagesBox.hidden = urls.length === 0;
    if (!urls.length) return;
    pagesBox.appendChild(View.element("h2", "icp-pages__heading", View.say("pagesHeading")));
    var list = View.element("ul", "icp-pages__list");
    urls.forEach(function (url) {
      var item = View.element("li");
      var link = View.element("a", "", Search.pages[url] || url);
      link.href = "../" + url;
      item.appendChild(link);
      item.appendChild(View.element("span", "icp-pages__kind", View.say("pageKind")));
      list.appendChild(item);
    });
    pagesBox.appendChild(list);
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input && span.indexOf(input) >= 0) {
      go(State.withSpan(state, input.name, input.value));
      return;
    }
    if (!input || input.type !== "checkbox") return;
    var g = groups.findIndex(function (group) { return group.key === input.name; });
    var i = g < 0 ? -1 : groups[g].terms.findIndex(function (term) { return term[0] === input.value; });
    if (i >= 0) go(State.toggle(state, g, i, input.checked));
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  box.addEventListener("input", typed);
  Search.onArrival(function () {
    if (!pendingQuery && document.documentElement.hasAttribute("data-icp-search-partial")) apply(state);
  });
  box.addEventListener("focus", function () { Search.load(data.index, data.engine); });
  box.addEventListener("blur", function () {
    if (pendingQuery) searchTyped();
    if (addressTimer) writeTypedAddress();
    typing = false;
  });
  document.getElementById("icp-search").addEventListener("submit", function (event) {
    event.preventDefault();
    go(State.withQuery(state, box.value));
    resultsHeading.focus();
  });
  reset.addEventListener("click", function () {
    go(State.withoutFilters(state));
    box.focus();
  });
  viewButtons.forEach(function (button) {
    button.addEventListener("click", function () { go(State.withView(state, button.getAttribute("data-view"))); });
  });
  /* A city chosen on the map: its practices, as a list. A name that two countries share comes with its country. */
  var map = mapPanel && ICP.finderMap ? ICP.finderMap.setup(mapPanel, groups[COUNTRY].terms, function (city, country) {
    var next = State.toggle(state, State.CITY, city, true);
    if (country >= 0 && next.chosen[COUNTRY].indexOf(country) < 0) next = State.toggle(next, COUNTRY, country, true);
    go(State.withView(next, "list"));
    resultsHeading.focus();
  }) : null;
  if (ICP.finderDownload) {
    ICP.finderDownload.setup(downloads, document.getElementById("icp-download-status"), data.records, function () {
      return { rows: matches.slice(), slugs: matches.map(function (row) { return cases[row][byName.row.slug]; }) };
    });
  }
  /* Following a result: the finder as the reader leaves it, for the case page's "Back to results" (back.js). */
  results.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.icp-card__title");
    if (!link) return;
    try {
      window.sessionStorage.setItem("icp-finder-return", JSON.stringify({
        hash: hashOf(state), slug: ICP.finderList.slugOf(link) }));
    } catch (error) { /* storage refused: the link stays "Find practices" */ }
  });
  more.addEventListener("click", function () {
    Cases.when(function () {
      var first = list.shown();
      list.more();
      var next = results.children[first];
      if (next) next.querySelector("a").focus();
    });
  });
  /* The address changed (a link, Back, Forward): its state is shown; Back and Forward also put its
     query in the box while the box has the focus. */
  function followAddress(event) {
    var next = State.parse(window.location.hash, groups);
    if (hashOf(next) === hashOf(state)) return;
    if (event.type === "popstate") box.value = next.q;
    apply(next);
  }
  window.addEventListener("hashchange", followAddress);
  window.addEventListener("popstate", followAddress);

  document.querySelectorAll("[data-icp-static]").forEach(function (node) { node.hidden = true; });
  tools.hidden = false;
  ICP.finderLayout.setup(form, toggle, done, resultsHeading);
  /* An address from a search form (?q=...) becomes the finder's own (#q=...). */
  var start = State.parse(window.location.hash, groups);
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked && !start.q) {
    start = State.withQuery(start, asked);
    history.replaceState(null, "", window.location.pathname + "#" + hashOf(start));
  }
  box.value = start.q;
  state = start;
  if (hashOf(start) === "") {
    /* No state asked for: the page's own list and counts are the finder's first results. Downloads
       wait for the cases; "Show more" loads them. */
    more.hidden = data.total <= results.children.length;
    downloads.forEach(function (button) { button.disabled = true; });
    markReady();
  } else {
    counter.textContent = View.say("searching");
  }
  Cases.when(function () {
    Search.whenReady(function () {
      document.documentElement.setAttribute("data-icp-search-ready", "");
      marks.mark("icp-search-ready");
    });
  });
})();
