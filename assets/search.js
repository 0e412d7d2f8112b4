// Site search as an enhancement. Loaded on every page from a file (the CSP allows no inline script).
// Without JavaScript the header search box stays hidden and the search page explains itself.
//
// The search page asks Pagefind (pagefind/pagefind.js) and lists items, not pages: a program is the
// heading of its own on its goal page (id "program-…-name"), an indicator has a page of its own. Each
// result shows the item's name, then the page it is on. The ranking part (siteSearch.find) touches no
// DOM, so tests/test_search_quality.py runs this very file in Node against the built index.
(function (root) {
  "use strict";

  var ITEM_ANCHOR = /-name$/;   // headings that name an item: program-<id>-name (goal pages)
  var PER_PAGE = 3;             // items shown per page, as Pagefind UI shows sub-results

  function score(sub) {
    var total = 0;
    for (var i = 0; i < sub.weighted_locations.length; i++) total += sub.weighted_locations[i].balanced_score;
    return total;
  }

  // The indexer repeats a name written only in kanji inside a phrase between two U+2060 marks, for
  // Pagefind's segmenter (site_builder/render/search.py): not text of the page, so not in an excerpt.
  function clean(excerpt) {
    var parts = String(excerpt || "").split("\u2060");
    if (parts.length % 2 === 0) {  // the excerpt cuts a phrase: at its start when a phrase's end comes first
      if (/について$/.test(parts[0].replace(/<\/?mark>/g, ""))) parts.shift(); else parts.pop();
    }
    return parts.filter(function (part, i) { return i % 2 === 0; }).join("").replace(/\s{2,}/g, " ").trim();
  }

  // One page's results → its items (program headings, at most PER_PAGE) and the page itself, each scored
  // by the matches it holds (Pagefind's score of each matched word). An item links to its place on the
  // page (#program-<id>, the id the other pages link to as well); the page row holds the other matches.
  function rows(data, order) {
    var items = [], rest = 0, restMarked = "";
    var subs = data.sub_results || [];
    for (var i = 0; i < subs.length; i++) {
      var sub = subs[i];
      var anchor = sub.anchor && sub.anchor.id;
      if (anchor && ITEM_ANCHOR.test(anchor)) {
        items.push({title: sub.title, url: sub.url.replace(ITEM_ANCHOR, ""), page: data.meta.title, pageUrl: data.url,
                    excerpt: clean(sub.excerpt), marked: sub.excerpt, score: score(sub), order: order});
      } else {
        var s = score(sub);
        if (s > rest) { rest = s; restMarked = sub.excerpt; }
      }
    }
    items.sort(function (a, b) { return b.score - a.score; });
    items = items.slice(0, PER_PAGE);
    if (rest > 0 || !items.length) {
      restMarked = restMarked || data.excerpt;
      items.push({title: data.meta.title, url: data.url, page: "", pageUrl: data.url, excerpt: clean(restMarked), marked: restMarked,
                  score: rest, order: order});
    }
    return items;
  }

  // The words of a query as the browser cuts them (Pagefind cuts Japanese queries the same way).
  function terms(query, lang) {
    var cut = new Intl.Segmenter(lang || "en", {granularity: "word"}).segment(query.toLowerCase());
    var found = [];
    for (var part of cut) if (part.isWordLike) found.push(part.segment);
    return found;
  }

  // How many of the query's words a row's excerpt marks: a word counts when a marked word begins with it
  // (or its first four letters: "community" → "communities"), or it begins with a marked word (保育園 → 保育).
  function coverage(words, excerpt) {
    var marked = (excerpt.match(/<mark>[^<]*<\/mark>/g) || []).map(function (m) { return m.slice(6, -7).toLowerCase(); });
    return words.filter(function (word) {
      var stem = word.slice(0, 4);
      return marked.some(function (m) { return m.indexOf(stem) === 0 || word.indexOf(m) === 0; });
    }).length;
  }

  // query → [{title, url, page, pageUrl, excerpt}], best first: every item and page of every page found,
  // ranked by how many of the query's words they hold, then by the matches' scores, so that a program
  // named by the query comes before a long page that merely holds the words somewhere.
  async function find(pagefind, query, limit, lang) {
    var answer = await pagefind.search(String(query || "").trim());
    var pages = (answer && answer.results) || [];
    var words = terms(String(query || ""), lang);
    var found = [];
    for (var p = 0; p < pages.length; p++) found = found.concat(rows(await pages[p].data(), p));
    found.forEach(function (row) { row.covered = coverage(words, row.marked || ""); });
    found.sort(function (a, b) { return b.covered - a.covered || b.score - a.score || a.order - b.order; });
    return found.slice(0, limit || 20).map(function (row) {
      return {title: row.title, url: row.url, page: row.page, pageUrl: row.pageUrl, excerpt: row.excerpt};
    });
  }

  root.siteSearch = {find: find};
  if (typeof document === "undefined" || !document.getElementById) return;  // loaded by a test

  var forms = document.querySelectorAll("form.site-search");
  for (var i = 0; i < forms.length; i++) forms[i].hidden = false;

  var mount = document.getElementById("search");
  if (!mount) return;
  var status = document.getElementById("search-status");
  // Pagefind fetches its index files, which a browser refuses for pages opened from disk.
  if (location.protocol === "file:") {
    document.documentElement.setAttribute("data-search", "off");  // style.css: show the fallback, not the form
    document.getElementById("search-nojs").hidden = true;
    document.getElementById("search-file").hidden = false;
    return;
  }
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  // The bundle's path is given relative to this page, so the site works under any folder; result URLs
  // are relative to the site's root folder, where the bundle sits.
  var bundle = new URL(mount.getAttribute("data-bundle"), location.href);
  var failed = function () {
    document.documentElement.setAttribute("data-search", "off");
    document.getElementById("search-nojs").hidden = true;
    document.getElementById("search-fallback").hidden = false;
    form.hidden = true;
    status.textContent = mount.getAttribute("data-failed") || "";
  };
  var pagefind = import(bundle.href).then(function (pf) {
    return pf.options({baseUrl: new URL("..", bundle).pathname}).then(function () { return pf; });
  });
  pagefind.catch(failed);

  // An excerpt is Pagefind's text with <mark> around the matched words: only those two are kept.
  function excerptNodes(html, into) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function show(query, found) {
    list.textContent = "";
    found.forEach(function (row) {
      var li = document.createElement("li");
      li.className = "search-result";
      var title = document.createElement("p");
      title.className = "search-result-title";
      var link = document.createElement("a");
      link.href = row.url;
      link.textContent = row.title;
      title.appendChild(link);
      li.appendChild(title);
      if (row.page) {
        var on = document.createElement("p");
        on.className = "search-result-page";
        var label = mount.getAttribute("data-on-page") || "";
        var cut = label.indexOf("{page}");
        on.appendChild(document.createTextNode(cut < 0 ? label + " " : label.slice(0, cut)));
        var pageLink = document.createElement("a");
        pageLink.href = row.pageUrl;
        pageLink.textContent = row.page;
        on.appendChild(pageLink);
        if (cut >= 0) on.appendChild(document.createTextNode(label.slice(cut + 6)));
        li.appendChild(on);
      }
      if (row.excerpt) {
        var excerpt = document.createElement("p");
        excerpt.className = "search-result-excerpt";
        excerptNodes(row.excerpt, excerpt);
        li.appendChild(excerpt);
      }
      list.appendChild(li);
    });
    var template = mount.getAttribute(found.length ? "data-found" : "data-none") || "";
    status.textContent = template.replace("{n}", found.length).replace("{query}", query);
  }

  var asked = 0;
  function run(query) {
    var mine = ++asked;
    query = query.trim();
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    pagefind.then(function (pf) { return find(pf, query, 20, document.documentElement.lang); }).then(function (found) {
      if (mine === asked) show(query, found);  // a later query has overtaken this one: drop it
    }, failed);
  }

  document.getElementById("search-fallback").hidden = true;
  form.hidden = false;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    run(input.value);
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) { input.value = query; run(query); }
})(this);
