// The report's filters and its self-check. Everything is local: the
// report loads nothing.
(function () {
  "use strict";
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter=severity]"));
  var ruleSelect = document.getElementById("filter-rule");
  var fileSelect = document.getElementById("filter-file");
  var textInput = document.getElementById("filter-text");
  var shown = document.getElementById("shown-count");

  function apply() {
    var sevs = {};
    sevBoxes.forEach(function (b) { sevs[b.value] = b.checked; });
    var rule = ruleSelect ? ruleSelect.value : "";
    var file = fileSelect ? fileSelect.value : "";
    var text = textInput ? textInput.value.toLowerCase() : "";
    var n = 0;
    findings.forEach(function (f) {
      var ok = sevs[f.getAttribute("data-severity")] !== false &&
        (rule === "" || f.getAttribute("data-rule") === rule) &&
        (file === "" || f.getAttribute("data-file") === file) &&
        (text === "" || f.textContent.toLowerCase().indexOf(text) >= 0);
      f.classList.toggle("hidden", !ok);
      if (ok) { n++; }
    });
    if (shown) { shown.textContent = n + " of " + findings.length + " shown"; }
  }

  sevBoxes.forEach(function (b) { b.addEventListener("change", apply); });
  [ruleSelect, fileSelect].forEach(function (s) { if (s) { s.addEventListener("change", apply); } });
  if (textInput) { textInput.addEventListener("input", apply); }
  apply();

  // The self-check compares what the page shows with what the writer
  // declared, so a test in a browser can tell a broken page from a good
  // one without knowing its layout.
  var problems = [];
  var body = document.body;
  var declared = parseInt(body.getAttribute("data-findings"), 10);
  if (findings.length !== declared) {
    problems.push("findings: " + findings.length + " shown, " + declared + " written");
  }
  var columns = parseInt(body.getAttribute("data-guardrails"), 10);
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.matrix tbody tr"));
  rows.forEach(function (r) {
    var cells = r.querySelectorAll("td.cell").length;
    if (cells !== columns) {
      problems.push("matrix row " + r.getAttribute("data-place") + ": " + cells + " cells, want " + columns);
    }
  });
  var check = document.getElementById("selfcheck");
  check.setAttribute("data-findings", String(findings.length));
  check.setAttribute("data-matrix-rows", String(rows.length));
  check.setAttribute("data-status", problems.length === 0 ? "ok" : "failed");
  check.textContent = problems.length === 0 ? "self-check ok" : "self-check failed: " + problems.join("; ");
})();
