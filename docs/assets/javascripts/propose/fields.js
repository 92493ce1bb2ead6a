/* The form's fields as values and back: collect() gives the front matter and the sections as the
   file will hold them; fill() puts them into the fields (a draft, a case to correct). A list of
   choices keeps the order they were ticked in (topics: most relevant first; related cases). */
(function () {
  "use strict";

  var LINE_BREAKS = /\s*[\r\n\x85\u2028\u2029]+\s*/g;

  function oneLine(text) {
    return text.replace(LINE_BREAKS, " ").trim();
  }

  // A number as YAML would read the text: a whole number, a decimal, else the text itself.
  function numberValue(text) {
    var trimmed = text.trim();
    if (/^[-+]?[0-9]+$/.test(trimmed)) return {number: Number(trimmed), integer: true, digits: String(BigInt(trimmed))};
    if (/^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?$/.test(trimmed) && isFinite(Number(trimmed))) {
      return {number: Number(trimmed), integer: false};
    }
    return trimmed;
  }

  function numberText(value) {
    if (value && typeof value === "object") return value.integer ? value.digits : String(value.number);
    return value === undefined || value === null ? "" : String(value);
  }

  function chosen(fieldset) {
    var order = (fieldset.getAttribute("data-order") || "").split("\n").filter(Boolean);
    var ticked = Array.prototype.filter.call(fieldset.querySelectorAll("input[type=checkbox]"),
      function (box) { return box.checked; }).map(function (box) { return box.value; });
    var kept = order.filter(function (value) { return ticked.indexOf(value) >= 0; });
    return kept.concat(ticked.filter(function (value) { return kept.indexOf(value) < 0; }));
  }

  function setChosen(fieldset, values) {
    Array.prototype.forEach.call(fieldset.querySelectorAll("input[type=checkbox]"), function (box) {
      box.checked = values.indexOf(box.value) >= 0;
    });
    fieldset.setAttribute("data-order", values.join("\n"));
    showOrder(fieldset);
  }

  function showOrder(fieldset) {
    var shown = fieldset.querySelector(".icp-order");
    if (!shown) return;
    var values = chosen(fieldset);
    var names = values.map(function (value) {
      var box = Array.prototype.find.call(fieldset.querySelectorAll("input[type=checkbox]"),
        function (candidate) { return candidate.value === value; });
      var label = box && fieldset.querySelector("label[for='" + box.id + "']");
      return label ? label.textContent : value;
    });
    shown.textContent = values.length > 1 ? say("inThisOrder", {names: names.join("; ")}) : "";
  }

  function valueOf(element) {
    var control = element.getAttribute("data-control");
    if (control === "checkboxes" || control === "cases") return chosen(element);
    if (control === "checkbox") return element.checked ? true : "";
    if (control === "lines") return element.value.split(/[\r\n]+/).map(oneLine).filter(Boolean);
    if (control === "integer" || control === "number") return numberValue(element.value);
    if (control === "group") {
      return Array.prototype.map.call(element.querySelectorAll(":scope > .icp-group > [data-item]"), function (item) {
        var value = {};
        fieldsIn(item).forEach(function (part) { value[part.getAttribute("data-key")] = valueOf(part); });
        return value;
      }).filter(function (value) {
        return Object.keys(value).some(function (key) { return value[key] !== "" && value[key] !== undefined; });
      });
    }
    return oneLine(element.value);
  }

  // The fields directly inside ``scope`` (a group's own fields are read by the group).
  function fieldsIn(scope) {
    return Array.prototype.filter.call(scope.querySelectorAll("[data-key]"), function (element) {
      var group = element.parentElement.closest("[data-control=group], [data-item]");
      return !group || group === scope;
    });
  }

  function collect(form) {
    var meta = {};
    fieldsIn(form).forEach(function (element) { meta[element.getAttribute("data-key")] = valueOf(element); });
    var sections = {};
    Array.prototype.forEach.call(form.querySelectorAll("[data-section]"), function (area) {
      sections[area.getAttribute("data-section")] = area.value;
    });
    return {meta: meta, sections: sections};
  }

  function setValue(element, value) {
    var control = element.getAttribute("data-control");
    if (control === "checkboxes" || control === "cases") setChosen(element, Array.isArray(value) ? value.map(String) : []);
    else if (control === "checkbox") element.checked = value === true;
    else if (control === "lines") element.value = Array.isArray(value) ? value.join("\n") : "";
    else if (control === "integer" || control === "number") element.value = numberText(value);
    else if (control === "group") {
      var list = element.querySelector(".icp-group");
      list.textContent = "";
      (Array.isArray(value) ? value : []).forEach(function (item) {
        var added = addItem(element);
        fieldsIn(added).forEach(function (part) { setValue(part, item[part.getAttribute("data-key")]); });
      });
    } else element.value = value === undefined || value === null ? "" : String(value);
  }

  function fill(form, values) {
    fieldsIn(form).forEach(function (element) { setValue(element, values.meta[element.getAttribute("data-key")]); });
    Array.prototype.forEach.call(form.querySelectorAll("[data-section]"), function (area) {
      area.value = (values.sections || {})[area.getAttribute("data-section")] || "";
    });
  }

  function addItem(group) {
    var template = group.querySelector("template");
    var list = group.querySelector(".icp-group");
    var number = list.children.length;
    var item = template.content.firstElementChild.cloneNode(true);
    ["id", "for", "aria-describedby", "data-error-for"].forEach(function (name) {
      Array.prototype.forEach.call(item.querySelectorAll("[" + name + "]"), function (element) {
        element.setAttribute(name, element.getAttribute(name).split("__N__").join(String(number)));
      });
    });
    list.appendChild(item);
    renumber(group);
    return item;
  }

  function renumber(group) {
    Array.prototype.forEach.call(group.querySelectorAll(".icp-group > [data-item]"), function (item, index) {
      item.querySelector("[data-number]").textContent = String(index + 1);
    });
  }

  function wire(form, changed) {
    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest("[data-control=checkboxes], [data-control=cases]");
      if (fieldset && event.target.type === "checkbox") {
        var order = chosen(fieldset);
        fieldset.setAttribute("data-order", order.join("\n"));
        showOrder(fieldset);
      }
    });
    form.addEventListener("click", function (event) {
      var add = event.target.closest("[data-add]");
      var remove = event.target.closest("[data-remove]");
      if (add) {
        var item = addItem(add.closest("[data-control=group]"));
        item.querySelector("input, textarea, select").focus();
        changed();
      } else if (remove) {
        var group = remove.closest("[data-control=group]");
        remove.closest("[data-item]").remove();
        renumber(group);
        group.querySelector("[data-add]").focus();
        changed();
      }
    });
  }

  /* The page's words for the scripts, in its language (icp.render.proposetext), their {name}s filled. */
  function say(key, values) {
    var text = window.ICP_PROPOSE.text[key];
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return values && name in values ? values[name] : whole; });
  }

  window.ICPFields = {collect: collect, fill: fill, wire: wire, addItem: addItem, say: say};
}());
