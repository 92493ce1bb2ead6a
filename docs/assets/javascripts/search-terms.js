/* The finder's tokenizer and term rules, applied as hooks/icp/searchindex.py applies them when it
   writes the index. The rules themselves (which characters make a word, which are marks, the fold
   table, the stop words) come with the index script, from Python: this file holds none of them.

     const search = ICP_TERMS.load(window.ICP_SEARCH_INDEX);   // a MiniSearch, never re-indexed
     search.search("schoo", {prefix: true});                    // [{id: row, score, ...}, ...]

   A result's id is the case's row in the finder's data, or the address of a page (a string) whose
   title is ICP_SEARCH_INDEX.pages[id] (plain text from a page: insert it as text, never as HTML). */
(function () {
  "use strict";

  /* "gap[-span]" hex ranges, each gap from the previous range's end, as a class for a u-flag RegExp. */
  function characterClass(encoded) {
    let end = 0;
    let out = "";
    for (const item of encoded.split(",")) {
      const dash = item.indexOf("-");
      const start = end + parseInt(dash < 0 ? item : item.slice(0, dash), 16);
      end = dash < 0 ? start : start + parseInt(item.slice(dash + 1), 16);
      out += "\\u{" + start.toString(16) + "}" + (end > start ? "-\\u{" + end.toString(16) + "}" : "");
    }
    return out;
  }

  function codePointClass(characters) {
    return Array.from(characters, (c) => "\\u{" + c.codePointAt(0).toString(16) + "}").join("");
  }

  function termRules(rules) {
    const nonWord = new RegExp("[^" + characterClass(rules.word) + "]+", "u");
    const marks = new RegExp("[" + characterClass(rules.mark) + "]+", "gu");
    const fold = new Map(Object.entries(rules.fold));
    const folded = new RegExp("[" + codePointClass(Object.keys(rules.fold).join("")) + "]", "gu");
    const stop = new Set(rules.stop);

    function tokenize(text) {
      return text.split(nonWord).filter((token) => token !== "");
    }

    /* An array, which MiniSearch indexes or searches term by term: usually one, none for a stop word. */
    function processTerm(token) {
      const lowered = token.normalize("NFKD").toLowerCase().normalize("NFKD");
      const term = lowered.replace(marks, "").replace(folded, (c) => fold.get(c));
      return term.split(nonWord).filter((part) => part !== "" && !stop.has(part));
    }

    const word = new RegExp("[" + characterClass(rules.word) + "]+", "gu");

    /* The terms of a query or a text, as the index holds them. */
    function terms(text) {
      return tokenize(text).flatMap(processTerm);
    }

    /* Every word of a text with where it stands and its terms: [start, end, terms], for highlighting. */
    function words(text) {
      const out = [];
      for (const match of text.matchAll(word)) {
        out.push([match.index, match.index + match[0].length, processTerm(match[0])]);
      }
      return out;
    }

    return {tokenize: tokenize, processTerm: processTerm, terms: terms, words: words};
  }

  function options(data, rules) {
    return {
      fields: data.fields,
      storeFields: data.storeFields,
      tokenize: rules.tokenize,
      processTerm: rules.processTerm,
      searchOptions: {boost: data.boost},
    };
  }

  function load(data, MiniSearchClass) {
    const Engine = MiniSearchClass || window.MiniSearch;
    return Engine.loadJS(data.index, options(data, termRules(data.rules)));
  }

  window.ICP_TERMS = {termRules: termRules, options: options, load: load};
})();
