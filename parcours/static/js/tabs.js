// Tabs over anchored cards (WAI-ARIA tabs pattern, progressive enhancement): without this
// script every section is a card on one page and the links are a table of contents. With it,
// one section shows at a time; the address's #section chooses it, arrows move between tabs,
// and the last tab chosen on the page comes back after a form returns to it.
(function () {
  "use strict";
  function setUp(nav) {
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
    var pairs = links.map(function (link) {
      return { tab: link, panel: document.getElementById(link.getAttribute("href").slice(1)) };
    }).filter(function (pair) { return pair.panel; });
    if (!pairs.length) { return; }
    var key = "tabs:" + window.location.pathname;
    var list = nav.querySelector("ul");
    list.setAttribute("role", "tablist");
    nav.classList.add("tabs-on");
    pairs.forEach(function (pair) {
      var id = pair.panel.id;
      pair.tab.parentNode.setAttribute("role", "presentation");
      pair.tab.setAttribute("role", "tab");
      pair.tab.id = "tab-" + id;
      pair.tab.setAttribute("aria-controls", id);
      pair.panel.setAttribute("role", "tabpanel");
      pair.panel.setAttribute("aria-labelledby", "tab-" + id);
      pair.panel.setAttribute("tabindex", "-1");
    });
    function find(id) {
      return pairs.filter(function (pair) { return pair.panel.id === id; })[0];
    }
    function select(chosen, focus) {
      pairs.forEach(function (pair) {
        var on = pair === chosen;
        pair.tab.setAttribute("aria-selected", on ? "true" : "false");
        pair.tab.setAttribute("tabindex", on ? "0" : "-1");
        pair.panel.hidden = !on;
      });
      try { window.sessionStorage.setItem(key, chosen.panel.id); } catch (e) { /* private mode */ }
      if (focus) { chosen.tab.focus(); }
    }
    function fromHash() {
      var id = window.location.hash.slice(1);
      var pair = id && find(id);
      if (!pair && id) {  // an element inside a panel: its panel
        var inner = document.getElementById(id);
        var holder = inner && inner.closest("[data-tab-panel]");
        pair = holder && find(holder.id);
      }
      return pair;
    }
    var stored = null;
    try { stored = window.sessionStorage.getItem(key); } catch (e) { stored = null; }
    select(fromHash() || (stored && find(stored)) || pairs[0], false);
    nav.addEventListener("click", function (event) {
      var tab = event.target.closest("[role=tab]");
      if (!tab) { return; }
      event.preventDefault();
      var pair = find(tab.getAttribute("aria-controls"));
      select(pair, false);
      window.history.replaceState(null, "", "#" + pair.panel.id);
    });
    nav.addEventListener("keydown", function (event) {
      var index = pairs.map(function (p) { return p.tab; }).indexOf(document.activeElement);
      if (index < 0) { return; }
      var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: pairs.length - 1 };
      if (!(event.key in next)) { return; }
      event.preventDefault();
      var rtl = document.documentElement.dir === "rtl";
      var to = next[event.key];
      if (rtl && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
        to = event.key === "ArrowRight" ? index - 1 : index + 1;
      }
      select(pairs[(to + pairs.length) % pairs.length], true);
    });
    window.addEventListener("hashchange", function () {
      var pair = fromHash();
      if (pair) { select(pair, false); pair.panel.focus(); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("nav[data-tabs]"), setUp);
  });
})();
