/* Charts become interactive (tooltips, an export menu) where JavaScript runs.
 *
 * Each <figure class="chart"> already shows a static SVG rendered at build time, so the chart is
 * there without JavaScript and in print. This script renders the same Vega-Lite spec (from the
 * figure's <script type="application/json"> block) with vega-embed, from the site's own bundle
 * (assets/vendor/vega-embed.js, global: SiteVega). Expressions go through Vega's interpreter
 * (option `ast`), so the page's Content-Security-Policy needs no 'unsafe-eval'. The static SVG is
 * replaced only once the interactive chart is ready, and stays if anything fails.
 */
(function () {
  "use strict";
  var vega = window.SiteVega;
  if (!vega || typeof vega.embed !== "function") {
    return;
  }

  // The figure's own spec: a <script type="application/json"> that is its direct child and carries the
  // id it names. Never looked up by id in the whole page, where the text of a page could hold a lookalike.
  function specBlock(figure) {
    var id = figure.getAttribute("data-chart-spec");
    for (var i = 0; i < figure.children.length; i++) {
      var child = figure.children[i];
      if (child.tagName === "SCRIPT" && child.getAttribute("type") === "application/json" && child.id === id) {
        return child;
      }
    }
    return null;
  }

  function enhance(figure) {
    var block = specBlock(figure);
    var visual = figure.querySelector(".chart-visual");
    var still = visual && visual.querySelector("svg");
    if (!block || !visual || !still) {
      return;
    }
    var data;
    try {
      data = JSON.parse(block.textContent);
    } catch (err) {
      return;
    }
    if (!data || typeof data !== "object" || !data.spec || typeof data.spec !== "object") {
      return;
    }
    // Embed options are ours (data.options) only: vega-embed would also take them from the spec's usermeta.
    delete data.spec.usermeta;
    var host = document.createElement("div");
    host.className = "chart-interactive";
    host.hidden = true;
    visual.appendChild(host);
    vega.embed(host, data.spec, data.options).then(function () {
      var svg = host.querySelector("svg");
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", still.getAttribute("aria-label") || "");
        svg.setAttribute("aria-describedby", still.getAttribute("aria-describedby") || "");
        svg.setAttribute("focusable", "false");
        // One labelled image: its marks are not images of their own (axe: svg-img-alt).
        Array.prototype.forEach.call(svg.querySelectorAll("[role]"), function (el) {
          el.removeAttribute("role");
          el.removeAttribute("aria-roledescription");
        });
      }
      var menu = host.querySelector("details > summary");
      if (menu && data.options && data.options.i18n) {
        menu.setAttribute("aria-label", data.options.i18n.CLICK_TO_VIEW_ACTIONS);  // an icon only (axe: summary-name)
      }
      still.remove();
      host.hidden = false;
      figure.classList.add("chart-live");
    }).catch(function (err) {
      host.remove();
      if (window.console) {
        window.console.warn("chart stays static:", figure.id, err);
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("figure.chart[data-chart-spec]"), enhance);
})();
