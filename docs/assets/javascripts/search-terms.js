/* The finder's tokenizer and term rules, applied as hooks/icp/search/minisearch.py applies them when it
   writes the index. The rules themselves (which characters make a word, which are marks, the fold
   table, the stop words) come with the index script, from Python: this file holds none of them.

     var search = ICP.searchTerms.load(window.ICP_SEARCH_INDEX);   // a MiniSearch, never re-indexed
     search.search("schoo", {prefix: true});                    // [{id: row, score, ...}, ...]

   A result's id is the case's row in the finder's data, or the address of a page (a string) whose
   title is ICP_SEARCH_INDEX.pages[id] (plain text from a page: insert it as text, never as HTML). */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});

  /* "gap[-span]" hex ranges, each gap from the previous range's end, as a class for a u-flag RegExp. */
  function characterClass(encoded) {
    var end = 0;
    var out = "";
    encoded.split(",").forEach(function (item) {
      var dash = item.indexOf("-");
      var start = end + parseInt(dash < 0 ? item : item.slice(0, dash), 16);
      end = dash < 0 ? start : start + parseInt(item.slice(dash + 1), 16);
      out += "\\u{" + start.toString(16) + "}" + (end > start ? "-\\u{" + end.toString(16) + "}" : "");
    });
    return out;
  }

  function codePointClass(characters) {
    return Array.from(characters, function (c) { return "\\u{" + c.codePointAt(0).toString(16) + "}"; }).join("");
  }

  function termRules(rules) {
    var nonWord = new RegExp("[^" + characterClass(rules.word) + "]+", "u");
    var marks = new RegExp("[" + characterClass(rules.mark) + "]+", "gu");
    var fold = new Map(Object.entries(rules.fold));
    var folded = new RegExp("[" + codePointClass(Object.keys(rules.fold).join("")) + "]", "gu");
    var stop = new Set(rules.stop);

    function tokenize(text) {
      return text.split(nonWord).filter(function (token) { return token !== ""; });
    }

    /* An array, which MiniSearch indexes or searches term by term: usually one, none for a stop word. */
    function processTerm(token) {
      var lowered = token.normalize("NFKD").toLowerCase().normalize("NFKD");
      var term = lowered.replace(marks, "").replace(folded, function (c) { return fold.get(c); });
      return term.split(nonWord).filter(function (part) { return part !== "" && !stop.has(part); });
    }

    var word = new RegExp("[" + characterClass(rules.word) + "]+", "gu");

    /* The terms of a query or a text, as the index holds them. */
    function terms(text) {
      return tokenize(text).flatMap(processTerm);
    }

    /* Every word of a text with where it stands and its terms: [start, end, terms], for highlighting. */
    function words(text) {
      var out = [];
      var match;
      word.lastIndex = 0;
      while ((match = word.exec(text)) !== null) out.push([match.index, match.index + match[0].length, processTerm(match[0])]);
      return out;
    }

    return { tokenize: tokenize, processTerm: processTerm, terms: terms, words: words };
  }

  function options(data, rules) {
    return {
      fields: data.fields,
      storeFields: data.storeFields,
      tokenize: rules.tokenize,
      processTerm: rules.processTerm,
      searchOptions: { boost: data.boost }
    };
  }

  function load(data, MiniSearchClass) {
    var Engine = MiniSearchClass || window.MiniSearch;
    return Engine.loadJS(data.index, options(data, termRules(data.rules)));
  }

  ICP.searchTerms = { termRules: termRules, options: options, load: load };
})();
