/* The finder's state and its address: "#q=schools&topic=education&country=united-kingdom&city=Oslo&from=2010&to=2015&view=map".
   A state is the text query, per menu group the chosen options, at most one city (a group with no menu:
   too many cities for one; the map and shared links set it), all in the order they were chosen, the
   span of years the practices ran in (from / to, each optional), and the view (list or map). Menu
   values the menu does not have are ignored, so an old or mistyped address still opens; a city is
   kept as written, so an unknown one finds nothing and says so; a year that is not one is ignored. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var MAX_QUERY = 200;
  var MAX_CITY = 200;
  var CITY = "city";
  var VIEWS = ["list", "map"];
  var SPAN = ["from", "to"];

  /* A year of four digits, or null. */
  function year(text) {
    var value = String(text === null || text === undefined ? "" : text).trim();
    return /^\d{4}$/.test(value) ? Number(value) : null;
  }

  /* At most max characters of text, cut between characters (never inside an emoji's surrogate pair,
     which encodeURIComponent refuses), with any lone surrogate made a replacement character. */
  function cut(text, max) {
    var whole = String(text);
    if (whole.toWellFormed) whole = whole.toWellFormed();
    return whole.length <= max ? whole : Array.from(whole).slice(0, max).join("");
  }

  function empty(groups) {
    return { q: "", chosen: groups.map(function () { return []; }), order: [], city: "", from: null, to: null,
      view: "list" };
  }

  function copy(state) {
    return { q: state.q, chosen: state.chosen.map(function (list) { return list.slice(); }), order: state.order.slice(),
      city: state.city, from: state.from, to: state.to, view: state.view };
  }

  function parse(text, groups) {
    var state = empty(groups);
    var params = new URLSearchParams(String(text || "").replace(/^[#?]/, ""));
    params.forEach(function (value, key) {
      if (key === "q") {
        state.q = cut(value, MAX_QUERY);
        return;
      }
      if (key === CITY) {
        state = toggle(state, CITY, value, true);
        return;
      }
      if (SPAN.indexOf(key) >= 0) {
        state[key] = year(value);
        return;
      }
      if (key === "view") {
        if (VIEWS.indexOf(value) >= 0) state.view = value;
        return;
      }
      for (var g = 0; g < groups.length; g++) {
        if (groups[g].key !== key) continue;
        for (var i = 0; i < groups[g].terms.length; i++) {
          if (groups[g].terms[i][0] === value && state.chosen[g].indexOf(i) < 0) {
            state.chosen[g].push(i);
            state.order.push([g, i]);
          }
        }
      }
    });
    return state;
  }

  function serialise(state, groups) {
    var parts = [];
    var q = state.q.trim();
    if (q) parts.push("q=" + encodeURIComponent(q));
    state.order.forEach(function (pair) {
      if (pair[0] === CITY) parts.push(CITY + "=" + encodeURIComponent(pair[1]));
      else parts.push(groups[pair[0]].key + "=" + encodeURIComponent(groups[pair[0]].terms[pair[1]][0]));
    });
    SPAN.forEach(function (key) { if (state[key] !== null) parts.push(key + "=" + state[key]); });
    if (state.view !== "list") parts.push("view=" + state.view);
    return parts.join("&");
  }

  /* Option i of group g on or off; for the city, g is "city" and i the city's name, and a new city
     replaces the one chosen before. */
  function toggle(state, g, i, on) {
    var next = copy(state);
    if (g === CITY) {
      var city = cut(i, MAX_CITY);
      if (!on && city !== state.city) return next;
      next.city = on ? city : "";
      next.order = state.order.filter(function (pair) { return pair[0] !== CITY; });
      if (on && city) next.order.push([CITY, city]);
      return next;
    }
    var at = next.chosen[g].indexOf(i);
    if (on && at < 0) next.chosen[g].push(i);
    if (!on && at >= 0) next.chosen[g].splice(at, 1);
    next.order = state.order.filter(function (pair) { return pair[0] !== g || pair[1] !== i; });
    if (on) next.order.push([g, i]);
    return next;
  }

  function withQuery(state, q) {
    var next = copy(state);
    next.q = cut(q, MAX_QUERY);
    return next;
  }

  function withView(state, view) {
    var next = copy(state);
    next.view = VIEWS.indexOf(view) >= 0 ? view : "list";
    return next;
  }

  /* The span: key "from" or "to", and a year (text; anything else clears it). */
  function withSpan(state, key, text) {
    var next = copy(state);
    if (SPAN.indexOf(key) >= 0) next[key] = year(text);
    return next;
  }

  /* Reset: no option, no city, no span; the query and the view stay. */
  function withoutFilters(state) {
    var next = copy(state);
    next.chosen = state.chosen.map(function () { return []; });
    next.order = [];
    next.city = "";
    next.from = null;
    next.to = null;
    return next;
  }

  /* Options, city and span: what a chip each stands for. */
  function chosenCount(state) {
    return state.order.length + (state.from !== null || state.to !== null ? 1 : 0);
  }

  ICP.finderState = { CITY: CITY, empty: empty, parse: parse, serialise: serialise, toggle: toggle, withQuery: withQuery,
    withView: withView, withSpan: withSpan, withoutFilters: withoutFilters, chosenCount: chosenCount };
})();
