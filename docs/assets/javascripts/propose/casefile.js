/* A case file from the form's values, byte for byte as hooks/icp/scaffold.py's case_file writes it:
   each key by PyYAML's safe_dump (allow_unicode, width 10000, block style), in the schema's order.
   The scalar rules below are PyYAML's emitter (analyze_scalar, choose_scalar_style) and resolver
   (a plain scalar only when YAML would read it back as text), for the values a form gives. */
(function () {
  "use strict";

  var BREAKS = "\n\x85\u2028\u2029";
  var SPACE_OR_BREAK = "\0 \t\r\n\x85\u2028\u2029";
  // PyYAML's implicit resolvers (yaml/resolver.py), by the first character they apply to.
  var RESOLVERS = [
    ["yYnNtTfFoO", /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
    ["-+0123456789.", /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/],
    ["-+0123456789", /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/],
    ["<", /^(?:<<)$/],
    ["~nN", /^(?:~|null|Null|NULL|)$/],
    ["0123456789", /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/],
    ["=", /^(?:=)$/],
    ["!&*", /^(?:!|&|\*)$/]
  ];
  var ESCAPES = {"\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0A": "n", "\x0B": "v", "\x0C": "f",
    "\x0D": "r", "\x1B": "e", "\"": "\"", "\\": "\\", "\x85": "N", "\xA0": "_", "\u2028": "L", "\u2029": "P"};

  function readsAsText(value) {
    if (value === "") return false;  // the null resolver's '' entry
    // Python's re.match with $ also matches before one final line break.
    var probe = value.charAt(value.length - 1) === "\n" ? value.slice(0, -1) : value;
    return !RESOLVERS.some(function (resolver) {
      return resolver[0].indexOf(value.charAt(0)) >= 0 && resolver[1].test(probe);
    });
  }

  function isPrintableUnicode(code) {
    return code === 0x85 || (code >= 0xA0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD) ||
      (code >= 0x10000 && code < 0x10FFFF);
  }

  // yaml/emitter.py analyze_scalar, for a value in block context (never a key), allow_unicode on.
  function analyse(text) {
    var chars = Array.from(text);
    if (!chars.length) return {plain: true, single: true};
    var block = false, lineBreaks = false, special = false;
    var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
    var breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
    if (text.startsWith("---") || text.startsWith("...")) block = true;
    var precededByWhitespace = true;
    var followedByWhitespace = chars.length === 1 || SPACE_OR_BREAK.indexOf(chars[1]) >= 0;
    for (var index = 0; index < chars.length; index += 1) {
      var ch = chars[index];
      if (index === 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) block = true;
        if ("?:".indexOf(ch) >= 0 && followedByWhitespace) block = true;
        if (ch === "-" && followedByWhitespace) block = true;
      } else {
        if (ch === ":" && followedByWhitespace) block = true;
        if (ch === "#" && precededByWhitespace) block = true;
      }
      if (BREAKS.indexOf(ch) >= 0) lineBreaks = true;
      var code = ch.codePointAt(0);
      if (!(ch === "\n" || (code >= 0x20 && code <= 0x7E))) {
        if (!(isPrintableUnicode(code) && code !== 0xFEFF)) special = true;
      }
      if (ch === " ") {
        if (index === 0) leadingSpace = true;
        if (index === chars.length - 1) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true;
        previousBreak = false;
      } else if (BREAKS.indexOf(ch) >= 0) {
        if (index === 0) leadingBreak = true;
        if (index === chars.length - 1) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = SPACE_OR_BREAK.indexOf(ch) >= 0;
      followedByWhitespace = index + 2 >= chars.length || SPACE_OR_BREAK.indexOf(chars[index + 2]) >= 0;
    }
    var plain = true, single = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plain = false;
    if (breakSpace) plain = single = false;
    if (spaceBreak || special) plain = single = false;
    if (lineBreaks) plain = false;
    if (block) plain = false;
    return {plain: plain, single: single};
  }

  function singleQuoted(text) {
    // A value with a line break is never written: the form makes every front-matter value one line.
    return "'" + text.replace(/'/g, "''") + "'";
  }

  function doubleQuoted(text) {
    var out = "\"";
    Array.from(text).forEach(function (ch) {
      var code = ch.codePointAt(0);
      var plainChar = "\"\\\x85\u2028\u2029\uFEFF".indexOf(ch) < 0 &&
        ((code >= 0x20 && code <= 0x7E) || (code >= 0xA0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD));
      if (plainChar) { out += ch; return; }
      if (ESCAPES[ch] !== undefined) out += "\\" + ESCAPES[ch];
      else if (code <= 0xFF) out += "\\x" + hex(code, 2);
      else if (code <= 0xFFFF) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    });
    return out + "\"";
  }

  function hex(code, width) {
    var text = code.toString(16).toUpperCase();
    while (text.length < width) text = "0" + text;
    return text;
  }

  function scalarText(text) {
    var analysis = analyse(text);
    if (readsAsText(text) && analysis.plain) return text;
    if (analysis.single) return singleQuoted(text);
    return doubleQuoted(text);
  }

  // Python's repr of a float, then PyYAML's represent_float.
  function floatText(value) {
    if (value !== value) return ".nan";
    if (value === Infinity) return ".inf";
    if (value === -Infinity) return "-.inf";
    var parts = value.toExponential().split("e");
    var digits = parts[0].replace("-", "").replace(".", "");
    var exponent = parseInt(parts[1], 10);
    var sign = value < 0 ? "-" : "";
    var text;
    if (exponent >= -4 && exponent < 16) {
      if (exponent < 0) text = "0." + "0".repeat(-exponent - 1) + digits;
      else if (digits.length <= exponent + 1) text = digits + "0".repeat(exponent + 1 - digits.length) + ".0";
      else text = digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
      text = sign + text;
    } else {
      var mantissa = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
      var power = Math.abs(exponent) < 10 ? "0" + Math.abs(exponent) : String(Math.abs(exponent));
      text = sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + power;
    }
    text = text.toLowerCase();
    if (text.indexOf(".") < 0 && text.indexOf("e") >= 0) text = text.replace("e", ".0e");
    return text;
  }

  // A number the form read: {integer: true} for what YAML reads as int, else a float.
  function valueText(value) {
    if (value === true) return "true";
    if (value === false) return "false";
    if (value && typeof value === "object" && "number" in value) {
      return value.integer ? String(value.number) : floatText(value.number);
    }
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : floatText(value);
    return scalarText(String(value));
  }

  function given(value) {
    if (value === "" || value === null || value === undefined) return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === "object" && !("number" in value)) return Object.keys(value).length > 0;
    return true;
  }

  function ordered(keys, order) {
    var rank = {};
    order.forEach(function (key, index) { rank[key] = index; });
    return keys.slice().sort(function (a, b) {
      var ra = a in rank ? rank[a] : order.length, rb = b in rank ? rank[b] : order.length;
      return ra - rb;
    });
  }

  function mappingLines(item, order, indent) {
    var keys = ordered(Object.keys(item).filter(function (key) { return given(item[key]); }), order);
    return keys.map(function (key, index) {
      return (index === 0 ? "" : indent) + key + ": " + valueText(item[key]) + "\n";
    }).join("");
  }

  function keyText(key, value, sourceOrder) {
    if (!Array.isArray(value)) return key + ": " + valueText(value) + "\n";
    return key + ":\n" + value.map(function (item) {
      if (item && typeof item === "object" && !("number" in item) && !Array.isArray(item)) {
        return "- " + mappingLines(item, key === "sources" ? sourceOrder : [], "  ");
      }
      return "- " + valueText(item) + "\n";
    }).join("");
  }

  /* meta: key -> value (text, {number, integer}, true/false, a list of those or of mappings);
     sections: heading -> text; headings: the body's headings in order; order, sourceOrder: the schema's;
     written: the headings as a case in another language writes them, by its code (icp.scaffold.headings_in). */
  function caseFile(meta, sections, headings, order, sourceOrder, written) {
    var names = (written && typeof meta.language === "string" && written[meta.language]) || headings;
    var keys = ordered(Object.keys(meta).filter(function (key) { return given(meta[key]); }), order);
    var front = "# yaml-language-server: $schema=practice.schema.json\n" + keys.map(function (key) {
      return keyText(key, meta[key], sourceOrder);
    }).join("");
    var body = headings.filter(function (heading) { return (sections[heading] || "").trim(); })
      .map(function (heading) {
        return "## " + names[headings.indexOf(heading)] + "\n\n" + sections[heading].trim() + "\n";
      }).join("\n");
    return "---\n" + front + "---\n\n" + body;
  }

  window.ICPCaseFile = {caseFile: caseFile, scalarText: scalarText, floatText: floatText};
}());
