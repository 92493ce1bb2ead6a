/* Which cases a state gives, and what each option of the menu would give. A case row
   (icp.finder.finder_data): [slug, title, city, topic indexes, country, year, summary, evidence,
   first year it ran, last year it ran (null: still running), card facts]. Options in a group widen the
   choice (any of them), groups narrow it (all of them); an option's count is what it would give with
   the query and the other groups, the city and the span of years counting as groups without a menu. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var ROW = { SLUG: 0, TITLE: 1, CITY: 2, TOPICS: 3, COUNTRY: 4, YEAR: 5, SUMMARY: 6, EVIDENCE: 7, START: 8, END: 9,
    FACTS: 10 };
  /* The column of each menu group, in the menu's order: topic (a list), country, year, evidence. */
  var COLUMNS = [ROW.TOPICS, ROW.COUNTRY, ROW.YEAR, ROW.EVIDENCE];

  /* Whether a case ran at some time between from and to (either may be null: open). */
  function inSpan(row, from, to) {
    var end = row[ROW.END];
    if (row[ROW.START] === null) return false;  /* no year known: it cannot be placed in a span */
    return (to === null || row[ROW.START] <= to) && (from === null || end === null || end >= from);
  }

  /* rows: the case rows to consider (all, or a search's); places: also count the rows each city would give
     with the other filters (by city, and by city and country for a name that two countries share). */
  function tally(cases, rows, groups, state, places) {
    var G = groups.length;
    var tallies = groups.map(function (group) { return new Int32Array(group.terms.length); });
    var sets = state.chosen.map(function (list, g) {
      var set = new Uint8Array(groups[g].terms.length);
      list.forEach(function (i) { set[i] = 1; });
      return set;
    });
    var open = state.chosen.map(function (list) { return list.length === 0; });
    var city = state.city, from = state.from, to = state.to, spanned = from !== null || to !== null;
    var found = [];
    var byCity = places ? new Map() : null, byPlace = places ? new Map() : null;
    for (var r = 0; r < rows.length; r++) {
      var row = cases[rows[r]];
      /* A row counts for a group's options when every other condition holds: with no failed group it
         counts for all of them, with one failed group for that group alone, with more for none. */
      var failed = -1, failures = 0;
      for (var g = 0; g < G && failures < 2; g++) {
        if (open[g]) continue;
        var value = row[COLUMNS[g]], ok = false;
        if (typeof value === "number") ok = sets[g][value] === 1;
        else for (var t = 0; t < value.length; t++) if (sets[g][value[t]]) { ok = true; break; }
        if (!ok) { failed = g; failures++; }
      }
      if (failures > 1 || (spanned && !inSpan(row, from, to))) continue;
      var cityOk = !city || row[ROW.CITY] === city;
      if (cityOk) {
        for (g = 0; g < G; g++) {
          if (failures === 1 && g !== failed) continue;
          var terms = row[COLUMNS[g]];
          if (typeof terms === "number") tallies[g][terms]++;
          else for (t = 0; t < terms.length; t++) tallies[g][terms[t]]++;
        }
      }
      if (failures === 0) {
        if (cityOk) found.push(rows[r]);
        if (places) {
          var place = row[ROW.CITY] + "\n" + row[ROW.COUNTRY];
          byCity.set(row[ROW.CITY], (byCity.get(row[ROW.CITY]) || 0) + 1);
          byPlace.set(place, (byPlace.get(place) || 0) + 1);
        }
      }
    }
    return { tallies: tallies, found: found, byCity: byCity, byPlace: byPlace };
  }

  ICP.finderFilter = { ROW: ROW, tally: tally, inSpan: inSpan };
})();
