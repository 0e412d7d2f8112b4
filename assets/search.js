// Site search as an enhancement. Loaded on every page from a file (the CSP allows no inline script).
// Without JavaScript the header search box stays hidden and the search page explains itself.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form.site-search");
  for (var i = 0; i < forms.length; i++) forms[i].hidden = false;

  var mount = document.getElementById("search");
  if (!mount) return;
  var status = document.getElementById("search-status");
  // Pagefind fetches its index files, which a browser refuses for pages opened from disk.
  if (location.protocol === "file:") {
    document.getElementById("search-nojs").hidden = true;
    document.getElementById("search-file").hidden = false;
    return;
  }
  if (typeof window.PagefindUI !== "function") {  // the bundle did not load: say so, keep the lists
    document.getElementById("search-nojs").hidden = true;
    status.textContent = mount.getAttribute("data-failed") || "";
    status.hidden = !status.textContent;
    return;
  }
  // The bundle's path is given relative to this page, so the site works under any folder; the
  // bundle sits in the site's root folder, which result URLs are relative to.
  var bundle = new URL(".", new URL(mount.getAttribute("data-bundle"), location.href));
  document.getElementById("search-fallback").hidden = true;
  var ui = new window.PagefindUI({
    element: "#search",
    bundlePath: bundle.pathname,
    baseUrl: new URL("..", bundle).pathname,
    showImages: false,
    showSubResults: true,
    autofocus: false
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);

  // Announce the result count once it settles (WCAG 4.1.3 status messages).
  var live = document.getElementById("search-live");
  var timer = null;
  new MutationObserver(function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var message = mount.querySelector(".pagefind-ui__message");
      live.textContent = message ? message.textContent : "";
    }, 600);
  }).observe(mount, {childList: true, subtree: true, characterData: true});
})();
