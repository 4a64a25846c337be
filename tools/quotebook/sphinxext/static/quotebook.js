/* Quotebook: the "Copy" button of each quote.
 *
 * Copies the quote's lines, separated by blank lines, then a blank line and
 * "— " with the citation. No inline handlers: everything is wired here. */
(function () {
  "use strict";

  var COPIED_FOR_MS = 1500;

  function quoteText(button) {
    var quote = document.getElementById(button.getAttribute("data-quote-id"));
    if (!quote) {
      quote = button.closest(".quote");
    }
    var lines = Array.prototype.map.call(
      quote.querySelectorAll(".quote-text .quote-line"),
      function (line) { return line.textContent; }
    );
    return lines.join("\n\n") + "\n\n— " + button.getAttribute("data-citation");
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithTextarea(text);
      });
    }
    return copyWithTextarea(text);
  }

  function flash(button, label) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = label;
    window.clearTimeout(button._quotebookTimer);
    button._quotebookTimer = window.setTimeout(function () {
      button.textContent = original;
    }, COPIED_FOR_MS);
  }

  function onClick(event) {
    var button = event.currentTarget;
    copy(quoteText(button)).then(
      function () { flash(button, "Copied"); },
      function () { flash(button, "Copy failed"); }
    );
  }

  function init() {
    var buttons = document.querySelectorAll("button.quote-copy");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", onClick);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
