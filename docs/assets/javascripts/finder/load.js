/* The one way the site's scripts load another script: a classic <script> added to the page (so it
   works from file://, where fetch does not), loaded once however often it is asked for. done() runs
   once it has run, failed() if it could not be loaded; a script that failed is tried again when next
   asked for. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var scripts = {}; /* src -> { loaded, waiting: [[done, failed]] } */

  function loadScript(src, done, failed) {
    var entry = scripts[src];
    if (entry && entry.loaded) { done(); return; }
    if (entry) { entry.waiting.push([done, failed]); return; }
    entry = scripts[src] = { loaded: false, waiting: [[done, failed]] };
    var script = document.createElement("script");
    script.src = src;
    function finish(ok) {
      var callbacks = entry.waiting;
      entry.waiting = [];
      entry.loaded = ok;
      if (!ok) {
        delete scripts[src];
        script.remove();
      }
      callbacks.forEach(function (pair) {
        if (ok) pair[0]();
        else if (pair[1]) pair[1]();
      });
    }
    script.onload = function () { finish(true); };
    script.onerror = function () { finish(false); };
    document.body.appendChild(script);
  }

  ICP.loadScript = loadScript;
})();
