/* The finder's state and its address: "#q=schools&topic=education&country=united-kingdom".
   A state is the text query and, per menu group, the chosen options in the order they were chosen;
   values the menu does not have are ignored, so an old or mistyped address still opens. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var MAX_QUERY = 200;

  function empty(groups) {
    return { q: "", chosen: groups.map(function () { return []; }), order: [] };
  }

  function parse(text, groups) {
    var state = empty(groups);
    var params = new URLSearchParams(String(text || "").replace(/^[#?]/, ""));
    params.forEach(function (value, key) {
      if (key === "q") {
        state.q = value.slice(0, MAX_QUERY);
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
      parts.push(groups[pair[0]].key + "=" + encodeURIComponent(groups[pair[0]].terms[pair[1]][0]));
    });
    return parts.join("&");
  }

  function toggle(state, g, i, on) {
    var next = { q: state.q, chosen: state.chosen.map(function (list) { return list.slice(); }), order: [] };
    var at = next.chosen[g].indexOf(i);
    if (on && at < 0) next.chosen[g].push(i);
    if (!on && at >= 0) next.chosen[g].splice(at, 1);
    next.order = state.order.filter(function (pair) { return pair[0] !== g || pair[1] !== i; });
    if (on) next.order.push([g, i]);
    return next;
  }

  function withQuery(state, q) {
    return { q: q, chosen: state.chosen, order: state.order };
  }

  function chosenCount(state) {
    return state.order.length;
  }

  ICP.finderState = { empty: empty, parse: parse, serialise: serialise, toggle: toggle, withQuery: withQuery,
    chosenCount: chosenCount };
})();
