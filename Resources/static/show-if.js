// Progressive enhancement for show_if: hides and shows questions while the respondent answers.
// The server decides authoritatively on submit; without this script every question on the page is
// shown and answers to questions whose condition does not hold are ignored.
//
// Each conditional question carries {"e": expression, "t": {question: type}} as JSON, the expression
// being the server's parsed form:
//   {"compare": {"question": q, "_1": op, "_2": literal}}, {"isIn": {"question": q, "_1": [literal]}},
//   {"answered": {"question": q}}, {"unanswered": {"question": q}}, {"not": {"_0": e}},
//   {"and": {"_0": e, "_1": e}}, {"or": {"_0": e, "_1": e}}; literal: {"number": {"_0": n}} | {"text": {"_0": s}}
(function () {
  "use strict";
  var form = document.querySelector("form");
  if (!form) return;
  var conditional = Array.prototype.slice.call(document.querySelectorAll(".question[data-show-if]"));
  if (conditional.length === 0) return;

  function hiddenQuestion(id) {
    var block = document.getElementById("vraag-" + id);
    return block !== null && block.hidden;
  }

  // The answer(s) given to a question, as strings; [] when unanswered or hidden.
  function answers(id) {
    if (hiddenQuestion(id)) return [];
    var values = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name !== id) return;
      if ((element.type === "radio" || element.type === "checkbox") && !element.checked) return;
      var value = (element.value || "").trim();
      if (value !== "") values.push(value);
    });
    return values;
  }

  function literal(l) { return "number" in l ? l.number._0 : l.text._0; }

  function number(text) {
    var normalised = String(text).trim().replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(normalised) ? parseFloat(normalised) : NaN;
  }

  // The server's rules: scale and number compare as numbers, dates as YYYY-MM-DD text (which
  // orders chronologically), everything else only by equality of the stored text.
  function compare(type, given, op, expected) {
    var order;
    if (type === "scale" || type === "number") {
      var a = number(given), b = number(expected);
      if (isNaN(a) || isNaN(b)) return op === "!=" ? String(given) !== String(expected) : (op === "=" ? String(given) === String(expected) : false);
      order = a < b ? -1 : (a > b ? 1 : 0);
    } else if (type === "date") {
      order = String(given) < String(expected) ? -1 : (String(given) > String(expected) ? 1 : 0);
    } else {
      if (op === "=") return String(given) === String(expected);
      if (op === "!=") return String(given) !== String(expected);
      return false;
    }
    switch (op) {
      case "=": return order === 0;
      case "!=": return order !== 0;
      case "<": return order < 0;
      case "<=": return order <= 0;
      case ">": return order > 0;
      case ">=": return order >= 0;
    }
    return false;
  }

  function evaluate(e, types) {
    if (e.compare) {
      var q = e.compare.question, given = answers(q), expected = literal(e.compare._2), op = e.compare._1;
      if (given.length === 0) return false;
      if (types[q] === "multi") {
        var contains = given.indexOf(String(expected)) >= 0;
        return op === "=" ? contains : (op === "!=" ? !contains : false);
      }
      return compare(types[q], given[0], op, expected);
    }
    if (e.isIn) {
      var values = e.isIn._1.map(function (l) { return String(literal(l)); });
      return answers(e.isIn.question).some(function (v) {
        return values.some(function (w) { return compare(types[e.isIn.question], v, "=", w); });
      });
    }
    if (e.answered) return answers(e.answered.question).length > 0;
    if (e.unanswered) return answers(e.unanswered.question).length === 0;
    if (e.not) return !evaluate(e.not._0, types);
    if (e.and) return evaluate(e.and._0, types) && evaluate(e.and._1, types);
    if (e.or) return evaluate(e.or._0, types) || evaluate(e.or._1, types);
    return true;
  }

  function update() {
    // In page order, so a question that depends on a hidden one is hidden too.
    conditional.forEach(function (block) {
      try {
        var condition = JSON.parse(block.getAttribute("data-show-if"));
        block.hidden = !evaluate(condition.e, condition.t || {});
      }
      catch (error) { block.hidden = false; }
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
