/* The sections as the validator reads the body: each rendered by the vendored markdown-it (CommonMark
   and GFM's tables, strikethrough and autolinks, as cmark-gfm renders a body), parsed into an inert
   document (nothing in it loads or runs), and every element and attribute held against the sanitiser's
   allowlist (hooks/icp/body/allowlist.py), worded as hooks/icp/body/convert.py words it. */
(function () {
  "use strict";

  if (!window.markdownit || !window.ICPPropose) return;
  var markdown = window.markdownit({html: true, linkify: true});
  // cmark-gfm (unsafe, as the site runs it) keeps every link's address for the sanitiser to judge.
  markdown.validateLink = function () { return true; };
  var words = window.ICPPropose.data.words;
  var allow = words.allowlist;
  var IMAGE_PATH = new RegExp("^(?:" + allow.imagePath + ")$");
  var SCHEME = /^([A-Za-z][A-Za-z0-9+.\-]*):/;
  var EVENT = /([\s\/"'])on([a-z]*)(?=[\s=\/>])/gi;
  var RENAMED = "data-icp-renamed-on";

  function format(template, blanks) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in blanks ? blanks[name] : whole; });
  }

  function excerpt(text, limit) {
    var chars = Array.from(String(text));
    var short = chars.length <= limit ? chars.join("") : chars.slice(0, limit).join("") + "…";
    // hooks/icp/read/characters.py excerpt: what cannot be seen is shown as an escape (\u200b).
    return short.replace(new RegExp(words.shownEscaped, "gu"), function (found) {
      return "\\u" + found.codePointAt(0).toString(16).padStart(4, "0");
    });
  }

  function scheme(url) {
    var cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x08\x0b\x0c\x0e-\x1f ]+|[\x00-\x08\x0b\x0c\x0e-\x1f ]+$/g, "");
    var match = SCHEME.exec(cleaned);
    return match ? match[1].toLowerCase() : null;
  }

  function isRelative(url) {
    var stripped = url.replace(/[\t\n\r]/g, "").trim();
    return scheme(url) === null && !/^(?:\/\/|\\\\|\/\\|\\\/)/.test(stripped);
  }

  function kept(tag, name, value) {
    if ((allow.attributes[tag] || []).indexOf(name) < 0) return false;
    if (name === "href") return isRelative(value) || allow.schemes.indexOf(scheme(value)) >= 0;
    if (name === "src") return IMAGE_PATH.test(value);
    if (["width", "height", "start", "colspan", "rowspan"].indexOf(name) >= 0) return /^[0-9]{1,4}$/.test(value);
    if (name === "align") return ["left", "center", "right"].indexOf(value) >= 0;
    if (name === "class") return /^language-[A-Za-z0-9_+#.-]{1,40}$/.test(value);
    return true;
  }

  // hooks/icp/body/convert.py _attribute_problem, its templates from the same function.
  function attributeProblem(tag, name, value) {
    var B = words.body, shown = excerpt(value, 60), found = scheme(value);
    if (name.indexOf("on") === 0) return format(B.event, {tag: tag, rest: name.slice(2)});
    if (name === "style") return format(B.style, {tag: tag});
    if (tag === "img" && name === "src") {
      if (isRelative(value)) return format(B.imageRelative, {value: shown});
      if (found !== null && found !== "http" && found !== "https") return format(B.imageScheme, {value: shown, scheme: found});
      return format(B.imageOtherHost, {value: shown});
    }
    if (name === "href") {
      return found !== null ? format(B.linkScheme, {value: shown, scheme: found}) : format(B.linkNoScheme, {value: shown});
    }
    if (["src", "srcset", "poster", "background", "action", "formaction", "data", "ping", "xlink:href"].indexOf(name) >= 0) {
      return format(B.loads, {tag: tag, name: name, value: shown});
    }
    if (["id", "class", "name"].indexOf(name) >= 0) return format(B.identity, {tag: tag, name: name});
    var allowed = (allow.attributes[tag] || []).slice().sort().join(", ") || "none";
    return format(B.attribute, {tag: tag, name: name, value: shown, allowed: allowed});
  }

  function problemsOf(text) {
    // A template's content is inert: nothing in it loads or runs. An event attribute is renamed before
    // parsing (Chromium reports every inline handler it parses to the page's policy, run or not) and
    // told under its own name.
    var holder = document.createElement("template");
    holder.innerHTML = markdown.render(text).replace(EVENT, "$1" + RENAMED + "$2");
    var problems = [];
    Array.prototype.forEach.call(holder.content.querySelectorAll("*"), function (element) {
      var tag = element.localName;
      if (allow.tags.indexOf(tag) < 0) { problems.push(format(words.body.tag, {tag: tag})); return; }
      Array.prototype.forEach.call(element.attributes, function (attribute) {
        var name = attribute.name.indexOf(RENAMED) === 0 ? "on" + attribute.name.slice(RENAMED.length) : attribute.name;
        if (!kept(tag, name, attribute.value)) problems.push(attributeProblem(tag, name, attribute.value));
      });
    });
    return problems;
  }

  // [field, message] for every section: the field is "section:<heading>".
  window.ICPBodyCheck = function (values) {
    var problems = [];
    window.ICPPropose.data.headings.forEach(function (heading) {
      var text = (values.sections[heading] || "").trim();
      if (!text) return;
      problemsOf(text).forEach(function (message) { problems.push(["section:" + heading, message]); });
    });
    var any = window.ICPPropose.data.headings.some(function (heading) { return (values.sections[heading] || "").trim(); });
    if (!any) problems.push(["section:" + window.ICPPropose.data.headings[0], words.body.empty]);
    return problems;
  };
  window.ICPMarkdown = markdown;
}());
