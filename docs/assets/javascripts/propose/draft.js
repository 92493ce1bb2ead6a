/* Nothing typed is lost: the form's values are kept in this browser (localStorage) as they are typed,
   and put back when the page is opened again; only "Start again" (after its confirmation) deletes
   them. A correction of a case is kept apart from a new proposal, under the case's name. */
(function () {
  "use strict";

  var P = window.ICPPropose;
  if (!P) return;
  var PREFIX = "icp-propose-draft";
  var status = document.getElementById("icp-draft-status");

  function key() {
    var edit = P.form.getAttribute("data-edit");
    return edit ? PREFIX + ":" + edit : PREFIX;
  }

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function isEmpty(values) {
    var filled = function (value) {
      if (Array.isArray(value)) return value.length > 0;
      if (value && typeof value === "object" && !("number" in value)) return Object.keys(value).some(function (k) { return filled(value[k]); });
      return value !== "" && value !== undefined && value !== null;
    };
    return !Object.keys(values.meta).some(function (k) { return filled(values.meta[k]); }) &&
      !Object.keys(values.sections).some(function (k) { return values.sections[k].trim(); });
  }

  function save(values) {
    var store = storage();
    if (!store) return;
    try {
      if (!values || isEmpty(values)) store.removeItem(key());
      else store.setItem(key(), JSON.stringify({saved: new Date().toISOString(), values: values}));
    } catch (error) {
      if (status) status.textContent = "This browser would not keep the draft (its storage is full or off): download the file to keep it.";
    }
  }

  // The draft kept for this form, if any: {saved, values}.
  function restore() {
    var store = storage();
    var kept = store && store.getItem(key());
    if (!kept) return null;
    try { return JSON.parse(kept); } catch (error) { return null; }
  }

  P.drafts = {save: save, restore: restore, key: key};
  // A correction's draft is restored by correct.js, once the case's published values are loaded.
  var kept = P.form.getAttribute("data-edit") ? null : restore();
  if (kept && kept.values) {
    window.ICPFields.fill(P.form, kept.values);
    if (status) {
      status.textContent = window.ICPFields.say("draftBack", {date: new Date(kept.saved).toLocaleString(document.documentElement.lang)});
    }
    P.changed(true);
  }
  P.onChange(function (values, filled) {
    if (values === null) save(null);
    else if (!filled) save(values);
  });
}());
