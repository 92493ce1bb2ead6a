/* The finder's text search: the index built by the site's build (practices/search-index.js), loaded
   once as a classic script after the page is shown, and handed to MiniSearch without re-indexing.
   A query's words must all match (a word may be cut short), in any field; titles and summaries
   weigh more than the body. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var engine = null;
  var rules = null;
  var waiting = []; /* [ready(), failed()] */
  var status = "idle"; /* idle, loading, ready or failed: a failed index is not asked for again */
  /* Short forms of place names ("uk", "nz"): matched whole, so "UK" does not find Ukraine. */
  var exact = new Set();

  function settle(ok) {
    status = ok ? "ready" : "failed";
    var callbacks = waiting;
    waiting = [];
    callbacks.forEach(function (pair) {
      if (ok) pair[0]();
      else if (pair[1]) pair[1]();
    });
  }

  function start() {
    var data = window.ICP_SEARCH_INDEX;
    if (!data) { settle(false); return; }
    /* One set of term rules (their regular expressions are large) for the engine and the highlighting. */
    rules = ICP.searchTerms.termRules(data.rules);
    exact = new Set(data.exact || []);
    engine = window.MiniSearch.loadJS(data.index, ICP.searchTerms.options(data, rules));
    ICP.finderSearch.pages = data.pages || {};
    settle(true);
  }

  function load(src) {
    if (status !== "idle") return;
    status = "loading";
    ICP.loadScript(src, start, function () { settle(false); });
  }

  /* ready() once the index is loaded; failed() (optional) if it cannot be. */
  function whenReady(ready, failed) {
    if (status === "ready") ready();
    else if (status === "failed") { if (failed) failed(); }
    else waiting.push([ready, failed]);
  }

  var OPTIONS = {
    combineWith: "AND",
    prefix: function (term) { return term.length >= 2 && !exact.has(term); },
    fuzzy: function (term) { return term.length >= 6 ? 0.15 : false; }
  };

  /* Rows of matching cases in rank order, pages that match, and per row the terms that matched and
     whether they matched only in the body. */
  function run(query) {
    if (rules.terms(query).length === 0) return { blank: true, rows: [], pages: [], match: null };
    var results = engine.search(query, OPTIONS);
    var rows = [];
    var pages = [];
    var matched = new Map();
    for (var r = 0; r < results.length; r++) {
      var result = results[r];
      if (typeof result.id === "string") {
        pages.push(result.id);
        continue;
      }
      rows.push(result.id);
      matched.set(result.id, result.match);
    }
    return { rows: rows, pages: pages, match: matched };
  }

  /* The words of text as [start, end, terms] for highlighting matched terms. */
  function words(text) {
    return rules ? rules.words(text) : [];
  }

  ICP.finderSearch = { load: load, whenReady: whenReady, run: run, words: words, ready: function () { return status === "ready"; },
    failed: function () { return status === "failed"; },
    pages: {} };
})();
