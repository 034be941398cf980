(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.closest(".sc-report")) || document.querySelector(".sc-report");
  if (!root) {
    return;
  }
  var form = root.querySelector(".sc-filters");
  var items = Array.prototype.slice.call(root.querySelectorAll(".sc-finding"));
  var count = root.querySelector(".sc-count");
  var none = root.querySelector(".sc-none");

  function checkedValues(name) {
    var chosen = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      if (box.checked) {
        chosen[box.value] = true;
      }
    });
    return chosen;
  }

  function apply() {
    var relations = checkedValues("relation");
    var severities = checkedValues("severity");
    var doc = form.querySelector('select[name="document"]').value;
    var shown = 0;
    items.forEach(function (item) {
      var ok = relations[item.dataset.relation] === true && severities[item.dataset.severity] === true;
      if (ok && doc) {
        ok = Array.prototype.some.call(item.querySelectorAll(".sc-side"), function (side) {
          return side.dataset.document === doc;
        });
      }
      item.hidden = !ok;
      if (ok) {
        shown += 1;
      }
    });
    if (count) {
      count.textContent = shown + " of " + items.length + " findings shown";
    }
    if (none) {
      none.hidden = shown !== 0 || items.length === 0;
    }
  }

  function showAll() {
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = true;
    });
    form.querySelector('select[name="document"]').value = "";
    apply();
  }

  function reveal() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (err) {
      return;
    }
    if (!id) {
      return;
    }
    var target = document.getElementById(id);
    if (!target || !root.contains(target)) {
      return;
    }
    if (form && target.classList.contains("sc-finding") && target.hidden) {
      showAll();
    }
    for (var node = target.parentElement; node && node !== root; node = node.parentElement) {
      if (node.tagName === "DETAILS") {
        node.open = true;
      }
    }
    target.scrollIntoView({ block: "center" });
  }

  if (form) {
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    apply();
  }
  // "Cite": a plain-text citation of the card's sentences, one source a line (the sentence
  // in quotes, the document's title and citation, where in it the sentence stands), built
  // from the card itself when first opened, so the page does not hold every quote twice.
  // Runs of white space in a quote become one space: the characters Python's str.split()
  // splits on, so the text is the one the tests' Python form of it builds.
  var SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  function citeText(item) {
    return Array.prototype.map
      .call(item.querySelectorAll(".sc-side"), function (side) {
        function part(selector) {
          var found = side.querySelector(selector);
          return found ? found.textContent : "";
        }
        var quote = part(".sc-quote").split(SPACE).filter(Boolean).join(" ");
        return ["\u201c" + quote + "\u201d", part(".sc-doc-title"), part(".sc-citation"), part(".sc-para-link")]
          .filter(Boolean)
          .join(" \u2014 ");
      })
      .join("\n");
  }
  function fillCite(cite) {
    var text = cite.querySelector(".sc-cite-text");
    var item = cite.closest(".sc-finding");
    if (text && item && !text.dataset.filled) {
      text.textContent = citeText(item);
      text.dataset.filled = "1";
    }
    return text;
  }
  root.querySelectorAll(".sc-cite").forEach(function (cite) {
    cite.hidden = false;
    var button = cite.querySelector(".sc-cite-copy");
    if (!button || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = fillCite(cite);
      navigator.clipboard.writeText(text ? text.textContent : "").then(
        function () {
          button.textContent = "Copied";
        },
        function () {
          button.textContent = "Select the text above to copy it";
        }
      );
    });
  });
  // A Chinese sentence's gloss names the run of its paragraph's glossed words it shows
  // (data-gloss: the <template> holding them; data-words: "first-last", last excluded);
  // they are copied in when the gloss is first opened, so each paragraph is written once.
  function fillGloss(details) {
    var wait = details.querySelector(".sc-gloss-wait");
    var range = /^(\d+)-(\d+)$/.exec(details.dataset.words || "");
    var template = details.dataset.gloss && document.getElementById(details.dataset.gloss);
    if (!wait || !range || !template || template.tagName !== "TEMPLATE" || !root.contains(template)) {
      return;
    }
    var words = template.content.children;
    var run = document.createDocumentFragment();
    for (var i = Number(range[1]); i < Number(range[2]) && i < words.length; i += 1) {
      run.appendChild(words[i].cloneNode(true));
    }
    wait.replaceWith(run);
  }
  root.addEventListener(
    "toggle",
    function (event) {
      var details = event.target;
      if (details.open && details.classList && details.classList.contains("sc-gloss")) {
        fillGloss(details);
      }
      if (details.open && details.classList && details.classList.contains("sc-cite")) {
        fillCite(details);
      }
    },
    true
  );
  window.addEventListener("hashchange", reveal);
  reveal();
})();
