// Programs page: filter by status and goal in place. Without JavaScript the server-rendered
// views (programs/new/ …) and the goal anchors do the same job; this only makes it quicker.
(function () {
  "use strict";
  var form = document.getElementById("quick-filter");
  var shown = document.getElementById("programs-shown");
  if (!form || !shown) return;
  form.hidden = false;
  var template = form.getAttribute("data-shown-template");
  var total = form.getAttribute("data-total");

  function apply() {
    var wanted = {};
    form.querySelectorAll("input[name=status]").forEach(function (box) { wanted[box.value] = box.checked; });
    var goal = form.querySelector("select[name=goal]").value;
    var count = 0;
    document.querySelectorAll("main section[id^=goal-]").forEach(function (section) {
      var sectionVisible = false;
      var goalMatches = !goal || section.id === goal;
      section.querySelectorAll("li[data-status]").forEach(function (item) {
        var match = goalMatches && item.getAttribute("data-status").split(" ").some(function (s) { return wanted[s]; });
        item.hidden = !match;
        if (match) { count += 1; sectionVisible = true; }
      });
      section.querySelectorAll("ul.program-list").forEach(function (list) {
        var any = list.querySelector("li[data-status]:not([hidden])") !== null;
        list.hidden = !any;
        var heading = list.previousElementSibling;
        if (heading && heading.tagName === "H3") heading.hidden = !any;
      });
      section.hidden = !sectionVisible;
    });
    shown.textContent = template.replace("{shown}", count).replace("{total}", total);
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
