/* The finder's list of results: cards drawn a page at a time ("Show more practices"), and the cards
   on screen left as they are when a state shows the same ones unmarked. At first those are the cards
   the page's HTML lists (the newest: what the finder shows without a query or a filter), so the
   finder does not draw again what the HTML already shows. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var PAGE = 50;

  /* A card's case, from its link: "slug.html" as the finder draws it, "../practices/slug.html" as the HTML lists it. */
  function slugOf(link) { return link.getAttribute("href").split("/").pop().replace(/\.html$/, ""); }

  /* results: the list; more: its "Show more" button; rowOfSlug: a case's row by its slug;
     card(row, match): a new card for the row, its words in match marked. */
  function setup(results, more, rowOfSlug, card) {
    var rows = [];
    var match = null;
    var shown = 0;
    var onScreen = Array.prototype.map.call(results.children, function (item) {
      var link = item.querySelector("a.icp-card__title");
      var row = link ? rowOfSlug.get(slugOf(link)) : undefined;
      return row === undefined ? -1 : row;
    });
    var markedOnScreen = false;

    function showMore() {
      var fragment = document.createDocumentFragment();
      var end = Math.min(shown + PAGE, rows.length);
      for (; shown < end; shown++) fragment.appendChild(card(rows[shown], match ? match.get(rows[shown]) : null));
      results.appendChild(fragment);
      more.hidden = shown >= rows.length;
      onScreen = rows.slice(0, shown);
      markedOnScreen = !!match;
    }

    function alreadyShown(first) {
      if (match || markedOnScreen || first.length !== onScreen.length) return false;
      return first.every(function (row, i) { return row === onScreen[i]; });
    }

    /* The first page of `matching` (rows), the words of match (row -> terms, or null) marked. */
    function show(matching, matchOf) {
      rows = matching;
      match = matchOf;
      if (alreadyShown(rows.slice(0, PAGE))) {
        shown = onScreen.length;
        more.hidden = shown >= rows.length;
        return;
      }
      results.textContent = "";
      shown = 0;
      showMore();
    }

    return { show: show, more: showMore, shown: function () { return shown; } };
  }

  ICP.finderList = { setup: setup, slugOf: slugOf };
})();
