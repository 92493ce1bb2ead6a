/* What the finder writes into its page: result cards with the words that matched, the chips of the
   chosen options, the counts, and the message when nothing matches. Text from the cases is only ever
   set as text (textContent), never parsed as HTML. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  /* Fields a card shows (the other names of its place stand for its city and country). */
  var SHOWN_FIELDS = { title: true, summary: true, city: true, country: true, places: true };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* text into parent, with the words whose terms are in `terms` marked. */
  function marked(parent, text, terms) {
    if (!terms || terms.size === 0) {
      parent.textContent = text;
      return parent;
    }
    var at = 0;
    ICP.finderSearch.words(text).forEach(function (word) {
      var hit = word[2].some(function (term) { return terms.has(term); });
      if (!hit) return;
      if (word[0] > at) parent.appendChild(document.createTextNode(text.slice(at, word[0])));
      parent.appendChild(element("mark", "", text.slice(word[0], word[1])));
      at = word[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  /* The facts line of a card, as the site's own cards write it (card.html): "Label: value" or "not given". */
  function facts(row, groups, words, layout) {
    var R = layout.row;
    var line = element("p", "icp-card__facts");
    var given = row[R.facts], at = 0;
    words.facts.forEach(function (label, i) {
      /* The evidence is the row's index into its group; the others come in order, trailing ones left out. */
      var value = label === words.evidenceLabel ? groups[layout.group.evidence].terms[row[R.evidence]][1] : given[at++];
      if (i) line.appendChild(document.createTextNode(" · "));
      line.appendChild(element("span", "icp-card__fact" + (value ? "" : " icp-not-given"),
        say("fact", { label: label, value: value || words.notGiven })));
    });
    return line;
  }

  /* words: the labels the data gives (facts, evidenceLabel, yearLabel, notGiven); layout: the row's
     columns and the groups by name (ICP.finderFilter.layout). */
  function card(row, groups, match, words, layout) {
    var R = layout.row, G = layout.group;
    var terms = match ? new Set(Object.keys(match)) : null;
    var item = element("li", "icp-card");
    /* The case's language ([code, name in the page's language]): named, and its own text marked with
       it for screen readers, where it is not the page's (as card.html does). */
    var written = groups[G.language].terms[row[R.language]];
    var other = written[0] !== lang;
    var link = marked(element("a", "icp-card__title"), row[R.title], terms);
    link.href = row[R.slug] + ".html";
    if (other) link.lang = written[0];
    item.appendChild(link);
    var year = typeof row[R.year] === "number" ? groups[G.year].terms[row[R.year]][1] : words.notGiven;
    var place = row[R.city] + " · " + groups[G.country].terms[row[R.country]][1] + " · " + say("fact", { label: words.yearLabel, value: year });
    var meta = marked(element("p", "icp-card__meta"), place, terms);
    if (other) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(element("span", "icp-card__language", written[1]));
    }
    item.appendChild(meta);
    var summary = marked(element("p", "icp-card__summary"), row[R.summary], terms);
    if (other) summary.lang = written[0];
    item.appendChild(summary);
    item.appendChild(facts(row, groups, words, layout));
    if (match) {
      var elsewhere = Object.keys(match).filter(function (term) {
        return !match[term].some(function (field) { return SHOWN_FIELDS[field]; });
      });
      if (elsewhere.length) {
        var found = element("p", "icp-card__found", say("alsoInText"));
        elsewhere.slice(0, 6).forEach(function (term, i) {
          if (i) found.appendChild(document.createTextNode(", "));
          found.appendChild(element("mark", "", term));
        });
        item.appendChild(found);
      }
    }
    return item;
  }

  function chip(label, onRemove) {
    var item = element("li", "icp-chip");
    var button = element("button", "icp-chip__remove");
    button.type = "button";
    button.appendChild(element("span", "", label));
    button.appendChild(element("span", "icp-chip__x", "×"));
    button.setAttribute("aria-label", say("removeChip", { label: label }));
    button.addEventListener("click", onRemove);
    item.appendChild(button);
    return item;
  }

  /* What the finder needs before its cases, from the page (icp.render.finder.finder_meta). */
  var metaBlock = document.getElementById("icp-finder-meta");
  var meta = metaBlock ? JSON.parse(metaBlock.textContent) : null;
  /* The page's words: the finder's data carries them in the page's language (hooks/icp/render/finder_text.py);
     a message with a count has the language's [one, other] forms, chosen by Intl.PluralRules. */
  var messages = (meta && meta.text) || {};
  var lang = document.documentElement.lang || "en";
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  function say(key, values, count) {
    var message = messages[key] || key;
    if (Array.isArray(message)) message = message[(rules ? rules.select(count) : (count === 1 ? "one" : "other")) === "one" ? 0 : 1];
    return message.replace(/\{(\w+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function number(count) { return count.toLocaleString(lang); }

  /* "1 practice", "1,234 practices": as the site's pages say it (icp.render.templating's plural filter). */
  function practices(count) {
    return say("practices", { num: number(count) }, count);
  }

  function countText(count, query, chosen) {
    if (count === 0) {
      return say(query ? (chosen ? "noMatchBoth" : "noMatchQuery") : (chosen ? "noMatchFilters" : "noMatch"), { query: query });
    }
    return query ? say("match", { practices: practices(count), query: query }, count) : practices(count);
  }

  ICP.finderView = { element: element, card: card, chip: chip, countText: countText, marked: marked,
    practices: practices, say: say, number: number, meta: meta };
})();
