/* "Download CSV" and "Download JSON": every practice that matches, not only those on screen, as a file
   made in the browser. The rows come from practices/records.js, written by the site's build with the
   same code as practices.csv and practices.json, so this only picks rows and joins them. The script is
   large at scale and loads on the first download asked for. */
(function () {
  "use strict";
  var ICP = (window.ICP = window.ICP || {});
  var TYPES = { csv: "text/csv;charset=utf-8", json: "application/json;charset=utf-8" };
  var SLUG = 0, LINE = 1, RECORD = 2;

  /* The records, once their script has run; failed() if it could not be loaded or set no records. */
  function loadRecords(src, done, failed) {
    ICP.loadScript(src, function () {
      if (window.ICP_RECORDS) done(window.ICP_RECORDS);
      else failed();
    }, failed);
  }

  /* The file's text for the rows (the finder's row numbers) in `format`; null if the records are not
     those of the page (a half-updated copy of the site). */
  function fileText(records, rows, slugs, format) {
    var picked = [];
    for (var i = 0; i < rows.length; i++) {
      var row = records.rows[rows[i]];
      if (!row || row[SLUG] !== slugs[i]) return null;
      picked.push(row);
    }
    if (format === "csv") return records.csvHead + picked.map(function (row) { return row[LINE]; }).join("");
    var document = { name: records.name, licence: records.licence,
      practices: picked.map(function (row) { return row[RECORD]; }) };
    return JSON.stringify(document, null, 1) + "\n";
  }

  function save(text, format) {
    var url = URL.createObjectURL(new Blob([text], { type: TYPES[format] }));
    var link = document.createElement("a");
    link.href = url;
    link.download = "practices-selection." + format;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  /* buttons: the download buttons (data-format="csv" or "json"); status: where to say what happens;
     src: the records script; current(): the matching rows and their slugs, as { rows, slugs }. */
  function setup(buttons, status, src, current) {
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var format = button.getAttribute("data-format");
        var asked = current();
        status.textContent = ICP.finderView.say("preparing");
        loadRecords(src, function (records) {
          var text = fileText(records, asked.rows, asked.slugs, format);
          if (text === null) {
            status.textContent = ICP.finderView.say("downloadStale");
            return;
          }
          save(text, format);
          status.textContent = ICP.finderView.say("saved", { practices: ICP.finderView.practices(asked.rows.length),
            format: format.toUpperCase() });
        }, function () {
          status.textContent = ICP.finderView.say("recordsFailed");
        });
      });
    });
  }

  ICP.finderDownload = { setup: setup, fileText: fileText };
})();
