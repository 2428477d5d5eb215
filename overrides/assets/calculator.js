/* Contribution calculator (docs/calculator.md). Everything it shows is in the page: the
   figures of each period in data-calculator (written at build time from docs/_data, see
   mdbabel/figures/calculator.py), every word in the HTML from the reader's catalog. This
   script only computes: insured salary = min(salary, cap) (not for a scheme marked
   uncapped), amount = insured x rate, rates as integers per 100,000, rounded half
   up to the dong, in exact integers (BigInt). No request, no eval, no inline script. */
(function () {
  "use strict";
  var RATE_UNIT = 100000n;

  function setup(root) {
    var data = JSON.parse(root.getAttribute("data-calculator"));
    var form = root.querySelector("[data-calculator-form]");
    var salaryInput = form.querySelector("input[name=salary]");
    var period = form.querySelector("select[name=period]");
    var status = root.querySelector("[data-calculator-status]");
    var error = status.querySelector("[data-error]");
    var lang = document.documentElement.getAttribute("lang") || undefined;
    var numbers = new Intl.NumberFormat(lang, {maximumFractionDigits: 0});
    var shown = false;

    function money(amount) {
      return data.prefix + numbers.format(amount) + data.suffix;
    }

    function fill(element, values) {
      var text = element.getAttribute("data-template");
      Object.keys(values).forEach(function (key) {
        text = text.split("%(" + key + ")s").join(values[key]);
      });
      element.textContent = text;
      element.hidden = false;
    }

    function currentPeriod() {
      for (var i = 0; i < data.periods.length; i++) {
        if (data.periods[i].from === period.value) { return data.periods[i]; }
      }
      return data.periods[0];
    }

    function employee() {
      var checked = form.querySelector("input[name=employee]:checked");
      return checked ? checked.value : "foreign";
    }

    function amountOf(base, units) {
      // round half up: floor((2 x base x units + unit) / (2 x unit))
      return (2n * base * BigInt(units) + RATE_UNIT) / (2n * RATE_UNIT);
    }

    function showRates(figures, kind) {
      root.querySelectorAll("tr[data-scheme]").forEach(function (row) {
        var key = row.getAttribute("data-scheme");
        var texts = figures.rateText[key];
        var foreignOnlyOut = data.schemes[key].vietnameseOnly && kind === "foreign";
        row.querySelectorAll("td[data-cell]").forEach(function (cell, index) {
          var rate = cell.querySelector("[data-rate]");
          if (rate && texts[index] !== null) { rate.textContent = texts[index]; }
          var applies = cell.querySelector("[data-applies]");
          var na = cell.querySelector("[data-na]");
          if (applies && na) { applies.hidden = foreignOnlyOut; na.hidden = !foreignOnlyOut; }
        });
      });
      root.querySelector('[data-note="foreign"]').hidden = kind !== "foreign";
      root.querySelector('[data-note="vietnamese"]').hidden = kind !== "vietnamese";
      var checks = root.querySelector("[data-checks]");
      var list = checks.querySelector("ul");
      list.textContent = "";
      figures.checks.forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line.text;
        if (line.lang) { item.setAttribute("lang", line.lang); }
        list.appendChild(item);
      });
      checks.hidden = figures.checks.length === 0;
    }

    function parseSalary() {
      var raw = salaryInput.value.replace(/[\s.,\u00a0\u202f]/g, "");
      if (!/^[0-9]{1,15}$/.test(raw)) { return null; }
      var value = BigInt(raw);
      return value > 0n ? value : null;
    }

    function clearAmounts() {
      root.querySelectorAll("[data-amount]").forEach(function (el) { el.textContent = "—"; });
      root.querySelector("[data-total-worker]").textContent = "—";
      root.querySelector("[data-total-employer]").textContent = "—";
      status.querySelectorAll("[data-template]").forEach(function (el) { el.hidden = true; });
    }

    function compute() {
      var figures = currentPeriod();
      var kind = employee();
      showRates(figures, kind);
      var salary = parseSalary();
      if (salary === null) {
        clearAmounts();
        error.hidden = false;
        salaryInput.setAttribute("aria-invalid", "true");
        salaryInput.focus();
        return;
      }
      error.hidden = true;
      salaryInput.removeAttribute("aria-invalid");
      var cap = BigInt(figures.cap);
      var insured = salary < cap ? salary : cap;
      var totals = [0n, 0n];
      root.querySelectorAll("tr[data-scheme]").forEach(function (row) {
        var key = row.getAttribute("data-scheme");
        var rates = figures.rates[key];
        var scheme = data.schemes[key];
        var outside = scheme.vietnameseOnly && kind === "foreign";
        var base = scheme.capped ? insured : salary;
        row.querySelectorAll("td[data-cell]").forEach(function (cell, index) {
          var target = cell.querySelector("[data-amount]");
          if (!target || rates[index] === null) { return; }
          if (outside) { target.textContent = "—"; return; }
          var amount = amountOf(base, rates[index]);
          target.textContent = money(amount);
          if (scheme.inTotal) { totals[index] += amount; }
        });
      });
      root.querySelector("[data-total-worker]").textContent = money(totals[0]);
      root.querySelector("[data-total-employer]").textContent = money(totals[1]);
      fill(status.querySelector("[data-insured]"), {amount: money(insured)});
      var capped = status.querySelector("[data-capped]");
      if (salary > cap) { fill(capped, {cap: figures.capText}); } else { capped.hidden = true; }
      fill(status.querySelector("[data-date]"), {date: figures.date});
      shown = true;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      compute();
    });
    form.addEventListener("change", function (event) {
      if (event.target === salaryInput) { return; }
      if (shown) { compute(); } else { showRates(currentPeriod(), employee()); }
    });
    showRates(currentPeriod(), employee());
  }

  document.querySelectorAll("[data-calculator]").forEach(setup);
})();
