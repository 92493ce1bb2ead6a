/* The case page as it will look, as it is typed: the heading, the facts and the sections rendered by
   the vendored markdown-it with raw HTML escaped (never run or shown as HTML), then cleaned: only
   the allowlist's elements, links to http(s), mailto: or this site, images only from practices/images/
   (an image from another host is shown as its description: the page never asks another host). */
(function () {
  "use strict";

  var P = window.ICPPropose;
  var panel = document.getElementById("icp-preview-body");
  if (!P || !panel || !window.markdownit) return;
  var markdown = window.markdownit({html: false, linkify: true});
  var allow = P.data.words.allowlist;
  var IMAGE_PATH = new RegExp("^(?:" + allow.imagePath + ")$");
  var timer = null;

  function element(tag, text, className) {
    var made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  function safeHref(href) {
    return /^(?:https?:|mailto:)/i.test(href) || (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !/^\/\//.test(href));
  }

  // markdown-it's HTML (raw HTML escaped), parsed inert and copied element by element into this page.
  function cleaned(html) {
    var source = new DOMParser().parseFromString(html, "text/html").body;
    var out = document.createDocumentFragment();
    function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === 3) { to.appendChild(document.createTextNode(node.nodeValue)); return; }
        if (node.nodeType !== 1) return;
        var tag = node.localName;
        if (tag === "img") {
          var src = node.getAttribute("src") || "";
          if (IMAGE_PATH.test(src)) {
            var image = document.createElement("img");
            image.src = (window.ICP_PROPOSE.root || "") + "practices/" + src;
            image.alt = node.getAttribute("alt") || "";
            to.appendChild(image);
          } else {
            to.appendChild(element("span", "[image: " + (node.getAttribute("alt") || src) + "]", "icp-preview__image"));
          }
          return;
        }
        if (allow.tags.indexOf(tag) < 0 || tag === "h1") { copy(node, to); return; }
        var made = document.createElement(tag);
        if (tag === "a" && safeHref(node.getAttribute("href") || "")) made.setAttribute("href", node.getAttribute("href"));
        if (tag === "ol" && node.getAttribute("start")) made.setAttribute("start", node.getAttribute("start"));
        ["align"].forEach(function (name) { if (node.getAttribute(name)) made.setAttribute(name, node.getAttribute(name)); });
        copy(node, made);
        to.appendChild(made);
      });
    }
    copy(source, out);
    return out;
  }

  function fact(list, label, value) {
    list.appendChild(element("dt", label));
    list.appendChild(element("dd", value === undefined || value === "" || (Array.isArray(value) && !value.length)
      ? window.ICPFields.say("notGiven") : Array.isArray(value) ? value.join("; ") : String(value && value.number !== undefined ? value.number : value)));
  }

  function render(values) {
    values = values || P.values();
    var meta = values.meta;
    panel.textContent = "";
    var header = element("div", undefined, "icp-case-header");
    header.appendChild(element("p", [meta.city, meta.country].filter(Boolean).join(", "), "icp-breadcrumb"));
    header.appendChild(element("h3", meta.title || window.ICPFields.say("nameMissing"), "icp-preview__title"));
    if (meta.subtitle) header.appendChild(element("p", meta.subtitle, "icp-subtitle"));
    var facts = element("dl", undefined, "icp-facts");
    var say = window.ICPFields.say;
    fact(facts, say("yearLabel"), meta.year);
    fact(facts, say("periodLabel"), meta.period);
    fact(facts, say("topicsLabel"), meta.topics);
    fact(facts, say("organisationLabel"), meta.organisation);
    fact(facts, say("evidenceLabel"), meta.evidence);
    header.appendChild(facts);
    if (meta.summary) header.appendChild(element("p", meta.summary, "icp-preview__summary"));
    panel.appendChild(header);
    P.data.headings.forEach(function (heading) {
      var text = (values.sections[heading] || "").trim();
      if (!text && heading !== P.data.sourcesHeading) return;
      if (!text && !(meta.sources || []).length) return;
      panel.appendChild(element("h4", heading));
      if (text) panel.appendChild(cleaned(markdown.render(text)));
      if (heading === P.data.sourcesHeading && Array.isArray(meta.sources) && meta.sources.length) {
        var list = element("ol", undefined, "icp-sources");
        meta.sources.forEach(function (source) {
          var item = element("li");
          if (source.url && /^https?:\/\//i.test(source.url)) {
            var link = element("a", source.title || source.url);
            link.href = source.url;
            item.appendChild(link);
          } else item.textContent = source.title || "";
          [source.publisher, source.date].filter(Boolean).forEach(function (part) { item.appendChild(document.createTextNode(", " + part)); });
          list.appendChild(item);
        });
        panel.appendChild(list);
      }
    });
  }

  P.onChange(function (values) {
    clearTimeout(timer);
    timer = setTimeout(function () { render(values); }, 250);
  });
  P.preview = render;
  render();
}());
