/* The finder's cases: finder-data.js, every case as a row, loaded once when first asked for (the page
   lists the first results and the menu's counts itself, so the finder works before they arrive).
   arrived(rows) runs first when they have loaded, then whatever waited for them; failed() if they
   could not be, and they are tried again when next asked for. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});

  function setup(src, arrived, failed) {
    var rows = null;
    var asked = false;
    var waiting = [];

    function load() {
      if (asked) return;
      asked = true;
      ICP.loadScript(src, function () {
        rows = window.ICP_FINDER_DATA.cases;
        arrived(rows);
        waiting.splice(0).forEach(function (call) { call(); });
      }, function () {
        asked = false;
        failed();
      });
    }

    /* call() once the cases have loaded: now if they have. */
    function when(call) {
      if (rows) call();
      else { waiting.push(call); load(); }
    }

    return { load: load, when: when };
  }

  ICP.finderCases = { setup: setup };
})();
