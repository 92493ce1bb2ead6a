/* "Propose a practice" (hooks/icp/proposal.py): the form's values become the case file
   (propose/casefile.js), named as scripts/new_practice.py names it, and leave by Download, Copy or
   GitHub's new-file page. Hooks for the other parts: ICPPropose.checks (the validator's rules),
   ICPPropose.onChange (drafts, preview). */
(function () {
  "use strict";

  var data = window.ICP_PROPOSE;
  var words = window.ICPFields.say;  // the page's words, in its language
  var form = document.getElementById("icp-propose-form");
  if (!data || !form) return;
  // GitHub refuses long addresses: past this many characters of encoded file, the file is copied instead.
  var GITHUB_LIMIT = 6000;
  var status = document.getElementById("icp-send-status");
  var listeners = [];

  // hooks/icp/vocabulary.py slugify and hooks/icp/scaffold.py slug_for.
  function slugify(name) {
    var letters = Array.from(name.toLowerCase()).map(function (ch) { return data.fold[ch] || ch; }).join("");
    var ascii = letters.normalize("NFKD").replace(/[^\x00-\x7F]/g, "");
    return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function slugFor(city, title) {
    var citySlug = slugify(city), titleSlug = slugify(title);
    var slug = titleSlug === citySlug || titleSlug.startsWith(citySlug + "-") ? titleSlug
      : [citySlug, titleSlug].filter(Boolean).join("-");
    if (slug.length <= data.maxSlug) return slug;
    var cut = slug.slice(0, data.maxSlug + 1);
    cut = cut.slice(0, Math.max(0, cut.lastIndexOf("-")));
    return cut || slug.slice(0, data.maxSlug);
  }

  function values() {
    return window.ICPFields.collect(form);
  }

  function slugOf(current) {
    if (form.getAttribute("data-edit")) return form.getAttribute("data-edit");
    var meta = current.meta;
    return slugFor(typeof meta.city === "string" ? meta.city : "", typeof meta.title === "string" ? meta.title : "");
  }

  function fileText(current) {
    current = current || values();
    return window.ICPCaseFile.caseFile(current.meta, current.sections, data.headings, data.order, data.sourceOrder,
      data.writtenHeadings);
  }

  function fileName(current) {
    return (slugOf(current) || "practice") + ".md";
  }

  function say(text) {
    status.textContent = text;
  }

  function download(text, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type: "text/markdown;charset=utf-8"}));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function copy(text) {
    var area = document.getElementById("icp-file-text");
    area.value = text;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return copyBySelection(area); });
    }
    return Promise.resolve(copyBySelection(area));
  }

  function copyBySelection(area) {
    area.select();
    try { return document.execCommand("copy"); } catch (error) { return false; }
  }

  function githubAddress(text, name) {
    var base = data.repository.replace(/\/+$/, "") + "/new/main";
    var filename = "?filename=" + encodeURIComponent("practices/" + name);
    var value = encodeURIComponent(text);
    if (value.length <= GITHUB_LIMIT) return {address: base + filename + "&value=" + value, whole: true};
    return {address: base + filename, whole: false};
  }

  function editAddress(name) {
    return data.repository.replace(/\/+$/, "") + "/edit/main/practices/" + encodeURIComponent(name);
  }

  // Every problem of the form, or none; check.js replaces this with the validator's rules.
  function problems() {
    return window.ICPPropose.checks ? window.ICPPropose.checks.all(values()) : [];
  }

  function ready() {
    var found = problems();
    if (window.ICPPropose.checks) window.ICPPropose.checks.show(found, true);
    return found.length === 0;
  }

  // ``filled``: the page put the values in (a draft, a case to correct), not the editor.
  function changed(filled) {
    var current = values();
    document.getElementById("icp-file-name").textContent = "practices/" + fileName(current);
    listeners.forEach(function (listener) { listener(current, filled === true); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!ready()) return;
    var current = values();
    download(fileText(current), fileName(current));
    say(words("downloaded", {file: fileName(current)}) + " " + words(data.repository ? "proposeOrSend" : "sendAsBelow"));
  });

  document.getElementById("icp-copy").addEventListener("click", function () {
    if (!ready()) return;
    copy(fileText()).then(function (done) {
      say(words(done ? "copied" : "copyFailed"));
    });
  });

  var github = document.getElementById("icp-github");
  if (github) {
    github.addEventListener("click", function () {
      if (!ready()) return;
      var current = values();
      var text = fileText(current);
      var name = fileName(current);
      if (form.getAttribute("data-edit")) {
        copy(text);
        say(words("correctedCopied"));
        window.open(editAddress(name), "_blank", "noopener");
        return;
      }
      var target = githubAddress(text, name);
      if (!target.whole) {
        copy(text);
        say(words("tooLong"));
      } else {
        say(words("githubOpens"));
      }
      window.open(target.address, "_blank", "noopener");
    });
  }

  document.getElementById("icp-start-again").addEventListener("click", function () {
    if (!window.confirm(words("startAgain"))) return;
    var published = form.getAttribute("data-edit") && window.ICPCorrection;
    window.ICPFields.fill(form, published ? {meta: published.meta, sections: published.sections} : {meta: {}, sections: {}});
    if (window.ICPPropose.checks) window.ICPPropose.checks.show([], false);
    listeners.forEach(function (listener) { listener(null, false); });
    changed(true);
    say(words(published ? "published" : "empty"));
  });

  window.ICPFields.wire(form, function () { changed(); });
  form.addEventListener("input", function () { changed(); });
  form.addEventListener("change", function () { changed(); });

  window.ICPPropose = {
    data: data, form: form, values: values, fileText: fileText, fileName: fileName, slugFor: slugFor,
    githubAddress: githubAddress, changed: changed, checks: null,
    onChange: function (listener) { listeners.push(listener); }
  };
  changed(true);
}());
