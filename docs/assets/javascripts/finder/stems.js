/* The other forms of a query's word that the index holds, by the Snowball stemmers of the languages
   the index names (hooks/icp/search/stems.py writes each term's stems as codes in the parts; the
   vendored assets/vendor/snowball has the same algorithms). The index keeps terms as written, so a
   form adds to what the word already matches whole, as a word's start or with a letter wrong:

     var stems = ICP.finderStems.make([["en", "english"]]);
     stems.add("refugees", "2");              // as each part's entries arrive
     stems.forms("refugee", hasTerm);         // ["refugees"]                                      */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var ABSENT = "~";
  var OWN_STEM = /[0-9\uD800-\uDFFF]/; /* as stems.py's OWN_STEM: a digit, or a character beyond the BMP */
  var CODE = /^([0-9]*)(.*)$/;

  /* The stem a code describes: characters to cut from the term, then characters to add. */
  function apply(term, code) {
    if (code === ABSENT) return null;
    var parts = CODE.exec(code);
    var cut = parts[1] ? parseInt(parts[1], 10) : 0;
    return term.slice(0, term.length - cut) + parts[2];
  }

  function make(languages) {
    var stemmers = languages.map(function (language) {
      return typeof window.Snowball === "function" ? new window.Snowball(language[1]) : null;
    });
    var byStem = languages.map(function () { return new Map(); }); /* stem -> terms that are not it */
    var notOwn = languages.map(function () { return new Set(); }); /* terms not their own stem, or not of the language */
    var memo = languages.map(function () { return new Map(); });

    /* A term (lowercase, folded) in the i-th language, or the term itself (OWN_STEM). */
    function stem(term, i) {
      if (!stemmers[i] || OWN_STEM.test(term)) return term;
      var known = memo[i].get(term);
      if (known !== undefined) return known;
      stemmers[i].setCurrent(term);
      stemmers[i].stem();
      known = stemmers[i].getCurrent();
      memo[i].set(term, known);
      return known;
    }

    /* A part's entry: its term and its codes, one per language ("" its own stem). */
    function add(term, codes) {
      codes.split(",").forEach(function (code, i) {
        if (code === "" || i >= languages.length) return;
        notOwn[i].add(term);
        var stemmed = apply(term, code);
        if (stemmed === null) return;
        var terms = byStem[i].get(stemmed);
        if (!terms) byStem[i].set(stemmed, (terms = new Set()));
        terms.add(term);
      });
    }

    /* The index's terms that are forms of term in a language, term itself left out; hasTerm(t)
       tells whether the index holds t. */
    function forms(term, hasTerm) {
      var found = new Set();
      languages.forEach(function (_, i) {
        var stemmed = stem(term, i);
        (byStem[i].get(stemmed) || []).forEach(function (form) { found.add(form); });
        if (!notOwn[i].has(stemmed) && hasTerm(stemmed)) found.add(stemmed);
      });
      found.delete(term);
      return Array.from(found);
    }

    return { stem: stem, add: add, forms: forms, languages: languages };
  }

  ICP.finderStems = { make: make, apply: apply };
})();
