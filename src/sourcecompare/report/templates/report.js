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
  // every card gets its (closed) "Cite" here: without the script it would be of no use
  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (text) {
      made.textContent = text;
    }
    return made;
  }
  items.forEach(function (item) {
    var cite = element("details", "sc-cite");
    cite.appendChild(element("summary", "", "Cite"));
    cite.appendChild(element("pre", "sc-cite-text"));
    item.appendChild(cite);
    if (!navigator.clipboard) {
      return;
    }
    var button = element("button", "sc-cite-copy", "Copy citation");
    button.type = "button";
    cite.appendChild(button);
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
  // A Chinese source's box names the run of its paragraph's glossed words its sentence
  // shows (data-gloss: the <template> holding them, whose data-label is the gloss's label;
  // data-words: "first-last", last excluded): its closed gloss is added under the quote here,
  // and the words are copied in when it is first opened, so each paragraph is written once.
  function templateOf(side) {
    var template = side.dataset.gloss && document.getElementById(side.dataset.gloss);
    return template && template.tagName === "TEMPLATE" && root.contains(template) ? template : null;
  }
  root.querySelectorAll(".sc-side[data-gloss]").forEach(function (side) {
    var template = templateOf(side);
    var quote = side.querySelector(".sc-quote");
    if (!template || !quote) {
      return;
    }
    var details = element("details", "sc-gloss");
    details.appendChild(element("summary", "", template.dataset.label || "Gloss"));
    details.appendChild(element("div", "sc-gloss-words"));
    quote.after(details);
  });
  function fillGloss(details) {
    var side = details.closest(".sc-side");
    var words = details.querySelector(".sc-gloss-words");
    var range = side && /^(\d+)-(\d+)$/.exec(side.dataset.words || "");
    var template = side && templateOf(side);
    if (!words || !range || !template || words.dataset.filled) {
      return;
    }
    var all = template.content.children;
    var run = document.createDocumentFragment();
    for (var i = Number(range[1]); i < Number(range[2]) && i < all.length; i += 1) {
      run.appendChild(all[i].cloneNode(true));
    }
    words.appendChild(run);
    words.dataset.filled = "1";
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
