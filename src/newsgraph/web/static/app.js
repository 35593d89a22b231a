/* The article page: click (or Enter/Space on) any fact to scroll to and highlight its sentence.
 *
 * The text is a run of <span class="t" data-o=START data-e=END> pieces, so any stretch of the
 * article is highlighted by its offsets alone. Quotes also highlight their speaker.
 */
"use strict";
(function () {
  var text = document.getElementById("article-text");
  if (!text) return;
  var pieces = Array.prototype.slice.call(text.querySelectorAll(".t"));
  var status = document.getElementById("fact-status");
  var CLASSES = ["hl", "hl-speaker", "hl-actor", "hl-trigger"];

  function clear() {
    CLASSES.forEach(function (cls) {
      document.querySelectorAll("." + cls).forEach(function (el) { el.classList.remove(cls); });
    });
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  }

  function mark(start, end, cls) {
    var first = null;
    pieces.forEach(function (p) {
      if (+p.dataset.o >= start && +p.dataset.e <= end) {
        p.classList.add(cls);
        if (!first) first = p;
      }
    });
    return first;
  }

  function show(el) {
    if (!el) return;
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
  }

  function say(message) { if (status) status.textContent = message; }

  function activateQuote(index) {
    var quote = document.getElementById("quote-" + index);
    var button = document.querySelector('.fact-btn[data-quote="' + index + '"]');
    if (!quote && !button) return;
    clear();
    var source = quote || button;
    var first = mark(+source.dataset.start, +source.dataset.end, "hl");
    if (quote) {
      quote.classList.add("active");
      if (quote.dataset.spStart) mark(+quote.dataset.spStart, +quote.dataset.spEnd, "hl-speaker");
      var name = quote.dataset.speaker;
      document.querySelectorAll(".speaker").forEach(function (sp) {
        if (sp.dataset.speaker === name) sp.classList.add("hl-speaker");
      });
      say("Quote by " + name);
    }
    if (button) button.classList.add("active");
    show(first || quote);
  }

  function activateEvent(index) {
    var button = document.querySelector('.fact-btn[data-event="' + index + '"]');
    if (!button) return;
    clear();
    button.classList.add("active");
    var first = mark(+button.dataset.start, +button.dataset.end, "hl");
    text.querySelectorAll('.trig[data-event="' + index + '"]').forEach(function (p) {
      p.classList.add("hl-trigger");
    });
    say("Event: " + button.textContent.replace(/\s+/g, " ").trim());
    show(first);
  }

  function activateActor(id) {
    clear();
    var first = null;
    text.querySelectorAll(".m").forEach(function (p) {
      if (p.dataset.actor === id) {
        p.classList.add("hl-actor");
        if (!first) first = p;
      }
    });
    document.querySelectorAll('.fact-btn[data-actor]').forEach(function (b) {
      if (b.dataset.actor === id) b.classList.add("active");
    });
    say("Mentions of " + id);
    show(first);
  }

  function activate(target) {
    // The most specific fact wins: a trigger or a speaker, then the quote around a mention.
    var button = target.closest(".fact-btn");
    if (button) {
      if (button.dataset.kind === "quote") activateQuote(button.dataset.quote);
      else if (button.dataset.kind === "event") activateEvent(button.dataset.event);
      else activateActor(button.dataset.actor);
      return true;
    }
    if (!text.contains(target)) return false;
    var el;
    if ((el = target.closest(".trig"))) activateEvent(el.dataset.event);
    else if ((el = target.closest(".spk"))) activateQuote(el.dataset.quote);
    else if ((el = target.closest(".quote"))) activateQuote(el.dataset.quote);
    else if ((el = target.closest(".m"))) activateActor(el.dataset.actor);
    return Boolean(el);
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("a")) return;
    activate(event.target);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    var el = event.target;
    if (el.tagName === "BUTTON" || el.tagName === "A" || el.tagName === "INPUT") return;
    if (el.matches && el.matches(".fact") && activate(el)) event.preventDefault();
  });

  // A link to #oSTART-END (from the actor, dyad and search pages) highlights that stretch.
  var hash = /^#o(\d+)-(\d+)$/.exec(window.location.hash);
  if (hash) {
    var quote = Array.prototype.find.call(text.querySelectorAll(".quote"), function (q) {
      return q.dataset.start === hash[1] && q.dataset.end === hash[2];
    });
    if (quote) activateQuote(quote.dataset.quote);
    else show(mark(+hash[1], +hash[2], "hl"));
  }
})();
