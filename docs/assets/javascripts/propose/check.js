/* The validator's rules in the browser, in its words: practice.schema.json applied by the vendored
   @cfworker/json-schema, each error worded with the templates of hooks/icp/check/messages.py (WORDING,
   the hints), values.py (how a value is named) and the other rules with hooks/icp/check/wording.py's,
   all written into propose-data.js at build time in the page's language (hooks/icp/render/proposalwords.py):
   this script holds no words. A problem is [field, message]: the field as the validator names it (title,
   sources[0].url, related[1], body), the body's problems by section (propose/body.js). */
(function () {
  "use strict";

  var P = window.ICPPropose;
  if (!P || !window.CfworkerJsonSchema) return;
  var data = P.data, words = data.words, W = words.wording;
  var validator = new window.CfworkerJsonSchema.Validator(data.schema, "2020-12", false);
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function format(template, blanks) {
    return template.replace(/\{\{|\}\}|\{(\w+)(:,)?\}/g, function (whole, name, comma) {
      if (!name) return whole.charAt(0);
      var value = typeof blanks[name] === "function" ? blanks[name]() : blanks[name];
      if (value === undefined) return whole;
      return comma ? Number(value).toLocaleString("en-US") : String(value);
    });
  }

  function excerpt(text, limit) {
    var chars = Array.from(String(text));
    limit = limit || 40;
    var short = chars.length <= limit ? chars.join("") : chars.slice(0, limit).join("") + "…";
    // hooks/icp/read/characters.py excerpt: what cannot be seen is shown as an escape (\u200b).
    return short.replace(new RegExp(words.shownEscaped, "gu"), function (found) {
      return "\\u" + found.codePointAt(0).toString(16).padStart(4, "0");
    });
  }

  function pyNumber(value) {
    return Number.isInteger(value) && !value.isFloat ? String(value) : window.ICPCaseFile.floatText(value).replace(".0e", "e");
  }

  // hooks/icp/check/values.py kind_of, with its templates (FOUND); a boolean as Python writes it (True).
  function kindOf(value) {
    var F = words.found;
    if (value === null || value === undefined) return F.nothing;
    if (typeof value === "boolean") return format(F.boolean, {value: String(value).charAt(0).toUpperCase() + String(value).slice(1)});
    if (typeof value === "number") return format(F.number, {value: pyNumber(value)});
    if (typeof value === "string") {
      var length = Array.from(value).length;
      return length > 40 ? format(F.longText, {text: excerpt(value), length: length.toLocaleString("en-US")})
        : format(F.text, {text: excerpt(value)});
    }
    if (Array.isArray(value)) return value.length ? F.list : F.emptyList;
    return Object.keys(value).length ? F.mapping : F.emptyMapping;
  }

  // difflib.get_close_matches(word, possibilities, n=1, cutoff=0.6): SequenceMatcher's ratio (no junk).
  function matchingCount(a, b) {
    function longest(alo, ahi, blo, bhi) {
      var best = [alo, blo, 0], lengths = {};
      for (var i = alo; i < ahi; i += 1) {
        var next = {};
        for (var j = blo; j < bhi; j += 1) {
          if (a[i] !== b[j]) continue;
          var k = (lengths[j - 1] || 0) + 1;
          next[j] = k;
          if (k > best[2]) best = [i - k + 1, j - k + 1, k];
        }
        lengths = next;
      }
      return best;
    }
    var queue = [[0, a.length, 0, b.length]], total = 0;
    while (queue.length) {
      var span = queue.pop(), found = longest(span[0], span[1], span[2], span[3]);
      if (!found[2]) continue;
      total += found[2];
      if (span[0] < found[0] && span[2] < found[1]) queue.push([span[0], found[0], span[2], found[1]]);
      if (found[0] + found[2] < span[1] && found[1] + found[2] < span[3]) {
        queue.push([found[0] + found[2], span[1], found[1] + found[2], span[3]]);
      }
    }
    return total;
  }

  function closeMatch(word, choices) {
    var b = Array.from(word), best = null;
    choices.forEach(function (choice) {
      var a = Array.from(choice);
      if (!a.length && !b.length) return;
      var ratio = 2 * matchingCount(a, b) / (a.length + b.length);
      if (ratio >= 0.6 && (!best || ratio > best[0] || (ratio === best[0] && choice > best[1]))) best = [ratio, choice];
    });
    return best ? best[1] : null;
  }

  function didYouMean(value, choices) {
    var folded = {};
    choices.forEach(function (choice) { folded[choice.toLowerCase()] = choice; });
    var match = closeMatch(value.toLowerCase(), Object.keys(folded));
    return match === null ? "" : format(words.didYouMean, {match: folded[match]});
  }

  function fieldName(location) {
    return location.reduce(function (name, part) {
      return name + (typeof part === "number" ? "[" + part + "]" : (name ? "." + part : part));
    }, "");
  }

  function generic(location) {
    return fieldName(location).replace(/\[\d+\]/g, "[]");
  }

  function isRequired(location) {
    if (location.length === 1) return Object.prototype.hasOwnProperty.call(words.requiredHints, location[0]);
    return location.length === 3 && location[0] === "sources" && location[2] === "title";
  }

  function valueAt(meta, location) {
    return location.reduce(function (value, part) { return value === undefined || value === null ? undefined : value[part]; }, meta);
  }

  function schemaAt(location) {
    return location.reduce(function (spec, part) {
      if (!spec) return undefined;
      return typeof part === "number" ? spec.items : (spec.properties || {})[part];
    }, data.schema);
  }

  function yearRange(lastYear) {
    return format(words.yearRange, {first: words.firstYear, last: lastYear || new Date().getFullYear()});
  }

  function typeHint(facts) {
    var hints = words.typeHints, value = facts.raw, text = facts.text, type = facts.expectedType;
    if (type === "integer" && /^[0-9]{1,15}$/.test(text)) return format(hints[0], facts);
    var span = /^(\d{4})\s*[-–—/]\s*(\d{2,4})$/.exec(text);
    if (type === "integer" && facts.isYear && span) {
      return format(hints[1], Object.assign({span_from: span[1], span_to: span[2]}, facts));
    }
    if (type === "integer" && typeof value === "string") {
      return format(hints[3], Object.assign({integer_example: facts.isYear ? 2010 : 1}, facts));
    }
    if (type === "number" && typeof value === "string") return format(hints[4], facts);
    if (type === "integer" && typeof value === "number" && facts.isYear) {
      return format(hints[14], {year_example: value >= words.firstYear && value <= 9999 ? Math.trunc(value) : 2010});
    }
    return facts.example ? format(hints[15], facts) : format(hints[16], facts);
  }

  var PRIORITY = ["type", "required", "additionalProperties", "dependentRequired", "enum", "minItems", "maxItems",
    "minLength", "maxLength", "uniqueItems", "pattern", "minimum", "maximum"];

  // One schema error as the validator words it: [field, message, rank].
  function told(error, meta, closingLine) {
    var location = error.instanceLocation.replace(/^#\/?/, "").split("/").filter(Boolean).map(function (part) {
      part = decodeURIComponent(part.replace(/~1/g, "/").replace(/~0/g, "~"));
      return /^\d+$/.test(part) ? Number(part) : part;
    });
    var kind = error.keyword, value = valueAt(meta, location), spec = schemaAt(location) || {};
    var key = null, about = location.slice();
    var named = /"([^"]*)"/.exec(error.error);
    if (kind === "required" || kind === "dependentRequired") { key = named && named[1]; about = location.concat([key]); }
    var repeat = 0;
    if (kind === "uniqueItems") {
      repeat = value.findIndex(function (item, index) { return value.indexOf(item) < index; });
      about = location.concat([repeat]);
    }
    var name = location.filter(function (part) { return typeof part === "string"; }).pop() || "value";
    var facts = {
      raw: value, value: typeof value === "number" ? pyNumber(value) : value,
      text: typeof value === "string" ? value.trim() : "",
      name: name, key: key, isYear: location.length === 1 && location[0] === "year",
      expectedType: spec.type, expected: words.kinds[spec.type] || spec.type, example: words.examples[generic(location)] || "",
      quoted: typeof value === "string" ? "'" + excerpt(value, 80) + "'" : kindOf(value),
      closing_line: closingLine, required_hint: words.requiredHints[key] || "",
      length: typeof value === "string" ? Array.from(value).length : value && value.length, rule: spec[kind] !== undefined ? spec[kind] : (spec.items || {})[kind],
      years: function () { return yearRange(); },
      or_remove: isRequired(location) ? "" : words.orRemove[/\[\]$/.test(generic(location)) ? "item" : "key"],
      other: function () { return (data.schema.dependentRequired[key] || ["?"])[0]; },
      repeated: function () { return typeof value[repeat] === "string" ? "'" + excerpt(value[repeat], 80) + "'" : kindOf(value[repeat]); },
      enum_hint: words.enumHints[generic(location)] || "",
      allowed_values: function () { return (spec.enum || []).slice(0, 30).map(function (item) { return "'" + excerpt(String(item)) + "'"; }).join(", "); },
      did_you_mean: function () {
        var choices = location[0] === "topics" ? data.schema.properties.topics.items.enum
          : location[0] === "country" ? data.schema.properties.country.enum : [];
        return typeof value === "string" ? didYouMean(value, choices) : "";
      },
      enum_found: function () {
        if (value === "") return words.isEmpty;
        var close = typeof value === "string" ? didYouMean(value, (spec.enum || []).map(String)) : "";
        return format(words.notAllowed, {quoted: facts.quoted, close: close});
      },
      bounds: function () {
        var low = spec.minimum, high = spec.maximum, B = words.bounds;
        if (low !== undefined && high !== undefined) return format(B.between, {low: low, high: high});
        return low !== undefined ? format(B.low, {low: low}) : format(B.high, {high: high});
      }
    };
    facts.found = kindOf(value);
    facts.type_hint = function () { return typeHint(facts); };
    var template = W[kind + " " + generic(about)] || W[kind + " " + generic(location)] || W[kind];
    if (kind === "minimum" || kind === "maximum") template = W[kind + " " + generic(location)] || W[kind];
    if (!template) return null;
    var message = format(template, facts);
    var shown = kind === "required" && !location.length ? key : fieldName(about);
    var rank = PRIORITY.indexOf(kind);
    return [shown, message, rank < 0 ? PRIORITY.length : rank];
  }

  // The front matter as YAML reads the file: numbers as numbers.
  function asRead(meta) {
    var read = {};
    Object.keys(meta).forEach(function (key) {
      var value = meta[key];
      if (value === "" || value === undefined || (Array.isArray(value) && !value.length)) return;
      read[key] = plain(value);
    });
    return read;
  }

  function plain(value) {
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object" && "number" in value) return value.number;
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) { if (value[key] !== "" && value[key] !== undefined) out[key] = plain(value[key]); });
      return out;
    }
    return value;
  }

  function schemaProblems(meta, closingLine) {
    var best = {};
    validator.validate(meta).errors.forEach(function (error) {
      if (["properties", "items", "additionalProperties"].indexOf(error.keyword) >= 0 && /match/.test(error.error)) return;
      var found = told(error, meta, closingLine);
      if (found && (!best[found[0]] || found[2] < best[found[0]][2])) best[found[0]] = found;
    });
    return Object.keys(best).map(function (field) { return [field, best[field][1]]; });
  }

  function valueProblems(meta) {
    var R = words.rules, problems = [];
    var year = meta.year;
    if (typeof year === "number" && Number.isInteger(year) && year > data.buildYear) {
      problems.push(["year", format(R.YEAR_AFTER_BUILD, {year: year, last_year: data.buildYear, years: yearRange(data.buildYear)})]);
    }
    textFields(meta).forEach(function (entry) {
      var location = entry[0], value = entry[1], field = fieldName(location);
      if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(value)) {
        problems.push([field, format(R.NOTHING_VISIBLE, {or_remove: isRequired(location) ? "" : R.OR_REMOVE_KEY})]);
      } else if (location[location.length - 1] === "url" && !/^https?:\/\/[^\s/?#@:]/i.test(value)) {
        problems.push([field, format(words.webAddress, {value: excerpt(value, 80)})]);
      } else if (location[location.length - 1] === "url" && /\s/.test(value)) {
        problems.push([field, R.ADDRESS_WITH_SPACE]);
      }
    });
    var summary = meta.summary;
    if (typeof summary === "string" && Array.from(summary).length <= 300 &&
        (new RegExp(words.htmlTag).test(summary) || new RegExp(words.markdown, "m").test(summary))) {
      problems.push(["summary", R.SUMMARY_NOT_PLAIN]);
    }
    var sources = Array.isArray(meta.sources) ? meta.sources : [];
    var evaluations = sources.map(function (source, index) { return source.evaluation === true ? index : -1; })
      .filter(function (index) { return index >= 0; });
    if (meta.evidence === "evaluated" && !evaluations.length) problems.push(["evidence", R.EVALUATED_WITHOUT_EVALUATION]);
    if (meta.evidence !== "evaluated" && data.schema.properties.evidence.enum.indexOf(meta.evidence) >= 0) {
      evaluations.forEach(function (index) {
        problems.push(["sources[" + index + "].evaluation", format(R.EVALUATION_WITHOUT_EVALUATED, {evidence: meta.evidence})]);
      });
    }
    return problems;
  }

  function textFields(meta) {
    var fields = [];
    Object.keys(meta).forEach(function (key) {
      if (typeof meta[key] === "string" && meta[key]) fields.push([[key], meta[key]]);
    });
    (Array.isArray(meta.sources) ? meta.sources : []).forEach(function (source, index) {
      Object.keys(source).forEach(function (key) {
        if (typeof source[key] === "string" && source[key]) fields.push([["sources", index, key], source[key]]);
      });
    });
    return fields;
  }

  function relatedProblems(meta, slug) {
    var related = meta.related, known = data.cases.map(function (entry) { return entry[0]; });
    if (!Array.isArray(related) || related.length > 20) return [];
    var problems = [];
    related.forEach(function (item, index) {
      if (typeof item !== "string" || !SLUG.test(item) || related.indexOf(item) < index) return;
      if (item === slug) problems.push(["related[" + index + "]", format(words.rules.RELATED_ITSELF, {slug: item})]);
      else if (known.indexOf(item) < 0) {
        var others = known.filter(function (other) { return other !== slug; });
        problems.push(["related[" + index + "]", format(words.rules.RELATED_MISSING,
          {slug: excerpt(item, 80), fix: didYouMean(item, others) || words.rules.RELATED_MISSING_FIX})]);
      }
    });
    return problems;
  }

  // Every problem of the form's values, one per field (the first, as the validator keeps it), the body's after.
  function all(values) {
    var text = P.fileText(values);
    var lines = text.split("\n"), closingLine = lines.indexOf("---", 1) + 1;
    var meta = asRead(values.meta), slug = P.fileName(values).replace(/\.md$/, "");
    var problems = schemaProblems(meta, closingLine).concat(valueProblems(meta));
    var kept = {}, result = [];
    problems.forEach(function (problem) {
      if (!kept[problem[0]]) { kept[problem[0]] = true; result.push(problem); }
    });
    if (!P.form.getAttribute("data-edit") && data.cases.some(function (entry) { return entry[0] === slug; })) {
      result.push([data.fileNameField, format(words.rules.FILE_TAKEN, {name: slug + ".md"})]);
    }
    result = result.concat(relatedProblems(meta, slug));
    return window.ICPBodyCheck ? result.concat(window.ICPBodyCheck(values, words)) : result;
  }

  P.checks = {all: all, didYouMean: didYouMean, show: function (problems, summary) { window.ICPShowProblems(problems, summary); }};
}());
