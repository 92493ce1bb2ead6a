/* The finder's text search: the index built by the site's build, handed to MiniSearch without
   re-indexing. practices/search-index.js (loaded after the cases, with MiniSearch and the stemmers)
   holds the documents and their field lengths but no terms; the terms come in parts (hooks/icp/search/shards.py), grouped by
   their first character, each group in two classic scripts: the short fields' postings, then the
   body's. A search loads the groups of its words' first characters and is drawn with what has
   loaded; the finder draws it again as each part arrives (onArrival).
   A query's words must all match (a word may be cut short), in any field; titles and summaries
   weigh more than the body. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var engine = null;
  var rules = null;
  var folder = "";
  var waiting = []; /* [ready(), failed()] */
  var status = "idle"; /* idle, loading, ready or failed: a failed index is not asked for again */
  /* Short forms of place names ("uk", "nz"): matched whole, so "UK" does not find Ukraine. */
  var exact = new Set();
  var groupOf = new Map(); /* first character -> group */
  var groups = []; /* per group: its parts' file names */
  var arrived = new Set(); /* the parts added to the index */
  var asked = new Set(); /* the parts asked for */
  var arrival = function () {}; /* called as each part arrives, or fails */
  var allowed = null; /* the groups of the query being searched */
  var stems = null; /* the other forms of a word (finder/stems.js) */

  function settle(ok) {
    status = ok ? "ready" : "failed";
    var callbacks = waiting;
    waiting = [];
    callbacks.forEach(function (pair) {
      if (ok) pair[0]();
      else if (pair[1]) pair[1]();
    });
  }

  function groupOfTerm(term) {
    var group = groupOf.get(String.fromCodePoint(term.codePointAt(0)));
    return group === undefined ? -1 : group;
  }

  function start() {
    var data = window.ICP_SEARCH_INDEX;
    if (!data) { settle(false); return; }
    /* One set of term rules (their regular expressions are large) for the engine and the highlighting. */
    rules = ICP.searchTerms.termRules(data.rules);
    exact = new Set(data.exact || []);
    stems = ICP.finderStems.make(data.stemmers || []);
    engine = window.MiniSearch.loadJS(data.index, ICP.searchTerms.options(data, rules));
    (data.parts || []).forEach(function (group, g) {
      Array.from(group[0]).forEach(function (character) { groupOf.set(character, g); });
      groups.push(group.slice(1).filter(Boolean));
    });
    /* A word with a letter or so wrong matches only in the groups its query loads, whatever earlier
       queries loaded: the same query always gives the same results. */
    var index = engine._index;
    var fuzzyGet = index.fuzzyGet;
    index.fuzzyGet = function (term, distance) {
      var found = fuzzyGet.call(index, term, distance);
      found.forEach(function (_, key) { if (allowed && !allowed.has(groupOfTerm(key))) found.delete(key); });
      return found;
    };
    ICP.finderSearch.pages = data.pages || {};
    settle(true);
  }

  /* The engine's scripts (MiniSearch, the stemmers), one after the other, then the index. */
  function load(src, engine) {
    if (status !== "idle") return;
    status = "loading";
    folder = src.slice(0, src.lastIndexOf("/") + 1);
    var scripts = (engine || []).concat([src]);
    var next = function (i) {
      ICP.loadScript(scripts[i], i + 1 < scripts.length ? function () { next(i + 1); } : start,
        function () { settle(false); });
    };
    next(0);
  }

  /* ready() once the index is loaded; failed() (optional) if it cannot be. */
  function whenReady(ready, failed) {
    if (status === "ready") ready();
    else if (status === "failed") { if (failed) failed(); }
    else waiting.push([ready, failed]);
  }

  /* A term's postings by field, made into MiniSearch's Maps only when a search reads them (all it
     asks of a term's value is get(field) -> Map of document -> count): a part holds thousands of
     terms, and a query reads a few. */
  function Postings(fields) { this.fields = fields; this.made = new Map(); }
  Postings.prototype.get = function (field) {
    var made = this.made.get(field);
    var postings = this.fields[field];
    if (made || postings === undefined) return made;
    made = new Map();
    for (var id in postings) made.set(parseInt(id, 10), postings[id]);
    this.made.set(field, made);
    return made;
  };

  /* MiniSearch's serialised entries of a part, added to the loaded index. */
  function add(entries) {
    var index = engine._index;
    entries.forEach(function (entry) {
      var postings = index.get(entry[0]);
      if (typeof entry[2] === "string") stems.add(entry[0], entry[2]);
      if (!postings) index.set(entry[0], new Postings(entry[1]));
      else Object.keys(entry[1]).forEach(function (field) { postings.fields[field] = entry[1][field]; });
    });
  }

  /* The part loaded once, then arrival() called; a part that cannot be loaded fails the search. */
  function fetchPart(name) {
    if (asked.has(name)) return;
    asked.add(name);
    ICP.loadScript(folder + name, function () {
      var parts = window.ICP_SEARCH_PARTS || {};
      if (parts[name]) add(parts[name]);
      delete parts[name];
      arrived.add(name);
      arrival();
    }, function () {
      status = "failed";
      arrival();
    });
  }

  var OPTIONS = {
    combineWith: "AND",
    prefix: function (term) { return term.length >= 2 && !exact.has(term); },
    fuzzy: function (term) { return term.length >= 6 ? 0.15 : false; }
  };
  /* A word's other forms are matched whole, and weigh as a word's start does. */
  var FORMS = { combineWith: "OR", prefix: false, fuzzy: false, boostTerm: function () { return 0.375; } };

  /* Each term of the query must match, as written (whole, as a word's start or with a letter or so
     wrong: OPTIONS) or as another form of the word that the index holds (FORMS): "refugee" finds
     "refugees", "logement" "logements". A form the term already reaches as a word's start is left
     to that. */
  function queryOf(terms) {
    var index = engine._index;
    var has = function (term) { return index.has(term); };
    return {
      combineWith: "AND",
      queries: terms.map(function (term) {
        if (exact.has(term)) return term;
        var reached = OPTIONS.prefix(term);
        var forms = stems.forms(term, has).filter(function (form) { return !(reached && form.startsWith(term)); });
        return forms.length ? { combineWith: "OR", queries: [term, Object.assign({ queries: forms }, FORMS)] } : term;
      })
    };
  }

  /* Rows of matching cases in rank order, pages that match, per row the terms that matched, and
     whether parts this query needs are still loading (onArrival's function is called as each
     arrives). */
  function run(query) {
    var terms = rules.terms(query);
    if (terms.length === 0) return { blank: true, rows: [], pages: [], match: null, partial: false };
    allowed = new Set(terms.map(groupOfTerm));
    var missing = [];
    allowed.forEach(function (g) {
      (groups[g] || []).forEach(function (name) { if (!arrived.has(name)) missing.push(name); });
    });
    missing.forEach(fetchPart);
    var results = engine.search(queryOf(terms), OPTIONS);
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
    return { rows: rows, pages: pages, match: matched, partial: missing.length > 0 };
  }

  /* The words of text as [start, end, terms] for highlighting matched terms. */
  function words(text) {
    return rules ? rules.words(text) : [];
  }

  ICP.finderSearch = { load: load, whenReady: whenReady, run: run, words: words, ready: function () { return status === "ready"; },
    failed: function () { return status === "failed"; },
    onArrival: function (call) { arrival = call; },
    pages: {} };
})();
