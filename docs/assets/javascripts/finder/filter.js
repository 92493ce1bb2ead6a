/* Which cases a state gives, and what each option of the menu would give. A case row
   (icp.render.finder.finder_data) is read by the names of its columns, which the data gives once (data.row:
   slug, title, city, topics, country, year, summary, evidence, start, end, facts, language), as it gives each
   menu group's column (group.column). Options in a group widen the
   choice (any of them), groups narrow it (all of them); an option's count is what it would give with
   the query and the other groups, the city and the span of years counting as groups without a menu. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var ROW = {};
  var COLUMNS = [];

  /* The data's layout, by name: row (column name -> position) and group (group key -> position in the
     menu). Called once, before tally. */
  function layout(data) {
    ROW = {};
    data.row.forEach(function (name, i) { ROW[name] = i; });
    var group = {};
    data.groups.forEach(function (g, i) { group[g.key] = i; });
    COLUMNS = data.groups.map(function (g) { return ROW[g.column]; });
    return { row: ROW, group: group };
  }

  /* Whether a case ran at some time between from and to (either may be null: open). */
  function inSpan(row, from, to) {
    var end = row[ROW.end];
    if (row[ROW.start] === null) return false;  /* no year known: it cannot be placed in a span */
    return (to === null || row[ROW.start] <= to) && (from === null || end === null || end >= from);
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
      var cityOk = !city || row[ROW.city] === city;
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
          var place = row[ROW.city] + "\n" + row[ROW.country];
          byCity.set(row[ROW.city], (byCity.get(row[ROW.city]) || 0) + 1);
          byPlace.set(place, (byPlace.get(place) || 0) + 1);
        }
      }
    }
    return { tallies: tallies, found: found, byCity: byCity, byPlace: byPlace };
  }

  ICP.finderFilter = { layout: layout, tally: tally, inSpan: inSpan };
})();
