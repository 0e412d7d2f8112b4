/* Charts become interactive (tooltips, an export menu) on demand, where JavaScript runs.
 *
 * Each <figure class="chart"> already shows a static SVG rendered at build time: that is the first
 * render, without JavaScript and in print. The vega-embed bundle (~0.9 MB, assets/vendor/vega-embed.js,
 * global SiteVega; its address is this script's data-bundle) is fetched only after the reader does
 * something: scrolls (then each chart that comes into view), focuses, touches or points at a chart.
 * So a page costs what its HTML and CSS cost until then. The same Vega-Lite spec (the figure's
 * <script type="application/json"> block) is then rendered with Vega's CSP-safe interpreter (option
 * `ast`) into the space the static SVG held, and replaces it only once ready; if anything fails the
 * static SVG stays. Tooltips show on hover, on tap and on keyboard focus (arrow keys move between
 * the points of a chart, Escape hides the tooltip).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var bundleUrl = script && script.getAttribute("data-bundle");
  var figures = document.querySelectorAll("figure.chart[data-chart-spec]");
  if (!bundleUrl || !figures.length || !("Promise" in window)) {
    return;
  }
  var bundle = null;  // a Promise of SiteVega, once asked for

  function loadBundle() {
    if (!bundle) {
      bundle = new Promise(function (resolve, reject) {
        if (window.SiteVega) {
          resolve(window.SiteVega);
          return;
        }
        var tag = document.createElement("script");
        tag.src = bundleUrl;  // same origin: the CSP's script-src 'self' allows it
        tag.onload = function () {
          var vega = window.SiteVega;
          if (vega && typeof vega.embed === "function") {
            resolve(vega);
          } else {
            reject(new Error("no SiteVega in " + bundleUrl));
          }
        };
        tag.onerror = function () {
          reject(new Error("could not load " + bundleUrl));
        };
        document.head.appendChild(tag);
      });
    }
    return bundle;
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
    if (figure.classList.contains("chart-loading") || figure.classList.contains("chart-live") ||
        figure.classList.contains("chart-static")) {
      return;
    }
    var block = specBlock(figure);
    var visual = figure.querySelector(".chart-visual");
    var still = visual && visual.querySelector("svg");
    var data = null;
    try {
      data = block && JSON.parse(block.textContent);
    } catch (err) {
      data = null;
    }
    if (!still || !data || typeof data !== "object" || !data.spec || typeof data.spec !== "object") {
      figure.classList.add("chart-static");
      return;
    }
    // Embed options are ours (data.options) only: vega-embed would also take them from the spec's usermeta.
    delete data.spec.usermeta;
    figure.classList.add("chart-loading");
    var host = document.createElement("div");
    host.className = "chart-interactive";
    host.hidden = true;
    visual.appendChild(host);
    loadBundle().then(function (vega) {
      return vega.embed(host, data.spec, data.options);
    }).then(function (result) {
      var svg = host.querySelector("svg");
      if (!svg) {
        throw new Error("vega-embed drew no SVG");
      }
      swap(figure, still, host, svg, result.view, data.options);
    }).catch(function (err) {
      host.remove();
      figure.classList.remove("chart-loading");
      figure.classList.add("chart-static");
      if (window.console) {
        window.console.warn("chart stays static:", figure.id, err);
      }
    });
  }

  // The live SVG takes the still one's place at the still one's natural size (the same spec, so the
  // same box; CSS scales both alike), so nothing on the page moves when it appears.
  function swap(figure, still, host, svg, view, options) {
    var hadFocus = document.activeElement === still;
    var box = still.viewBox && still.viewBox.baseVal;
    if (box && box.width && box.height) {
      svg.setAttribute("width", String(box.width));
      svg.setAttribute("height", String(box.height));
    }
    // One group named as the still image was; its points are the images, each named by its tooltip.
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", still.getAttribute("aria-label") || "");
    svg.setAttribute("aria-describedby", still.getAttribute("aria-describedby") || "");
    quiet(svg);
    var menu = host.querySelector("details > summary");
    if (menu && options && options.i18n) {
      menu.setAttribute("aria-label", options.i18n.CLICK_TO_VIEW_ACTIONS);  // an icon only (axe: summary-name)
    }
    var points = focusablePoints(svg);
    still.remove();
    host.hidden = false;
    figure.classList.remove("chart-loading");
    figure.classList.add("chart-live");
    tooltipsByTapAndKey(svg, view, points);
    if (hadFocus && points.length) {
      points[0].focus();
    }
  }

  // Vega names its mark containers ("rect mark container", role graphics-symbol) with no text, and does so
  // again whenever it re-renders a mark (a hover, a resize): axe's svg-img-alt. The chart is named as a
  // whole and its points by their tooltips, so those roles go, now and after every re-render.
  function quiet(svg) {
    function strip() {
      Array.prototype.forEach.call(svg.querySelectorAll("[role]"), function (el) {
        if (!el.classList.contains("chart-point")) {
          el.removeAttribute("role");
          el.removeAttribute("aria-roledescription");
        }
      });
    }
    strip();
    if (window.MutationObserver) {
      new window.MutationObserver(strip).observe(svg, {subtree: true, childList: true, attributes: true,
                                                      attributeFilter: ["role", "aria-roledescription"]});
    }
  }

  function tooltipText(value) {
    if (value === null || value === undefined) {
      return "";
    }
    if (typeof value !== "object") {
      return String(value);
    }
    return Object.keys(value).map(function (key) {
      return key + ": " + value[key];
    }).join("; ");
  }

  // One tab stop per chart (roving tabindex): the first point; arrows move to the others. Marks that
  // repeat a tooltip already offered (a goal chart's track and bar) are not offered twice.
  function focusablePoints(svg) {
    var seen = {};
    var points = [];
    Array.prototype.forEach.call(svg.querySelectorAll("path, rect, circle, line, text"), function (el) {
      var item = el.__data__;
      var text = item && item.tooltip !== undefined && item.tooltip !== null ? tooltipText(item.tooltip) : "";
      if (!text || seen[text]) {
        return;
      }
      seen[text] = true;
      el.setAttribute("tabindex", points.length ? "-1" : "0");
      el.setAttribute("role", "img");
      el.setAttribute("aria-label", text);
      el.classList.add("chart-point");
      points.push(el);
    });
    return points;
  }

  function tooltipsByTapAndKey(svg, view, points) {
    var handler = view && typeof view.tooltip === "function" ? view.tooltip() : null;
    if (typeof handler !== "function") {
      return;
    }
    function show(el) {
      var r = el.getBoundingClientRect();
      var at = {clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, type: "focus"};
      handler(view, at, el.__data__, el.__data__.tooltip);
    }
    function hide() {
      handler(view, {clientX: 0, clientY: 0, type: "blur"}, null, null);
    }
    // A tap gives no pointermove, which is what Vega shows tooltips on: show it on the tap itself
    // (the tapped mark may be the unseen larger target laid over a small point: it has the same tooltip).
    svg.addEventListener("click", function (event) {
      var item = event.target && event.target.__data__;
      if (item && item.tooltip !== undefined && item.tooltip !== null) {
        show(event.target);
      } else {
        hide();
      }
    });
    points.forEach(function (el, index) {
      el.addEventListener("focus", function () {
        show(el);
      });
      el.addEventListener("blur", hide);
      el.addEventListener("keydown", function (event) {
        var step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[event.key];
        if (event.key === "Escape") {
          hide();
        } else if (step) {
          event.preventDefault();
          var next = points[(index + step + points.length) % points.length];
          el.setAttribute("tabindex", "-1");
          next.setAttribute("tabindex", "0");
          next.focus();
        }
      });
    });
  }

  // --- when: only after the reader does something --------------------------------------------------

  var watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        watcher.unobserve(entry.target);
        enhance(entry.target);
      }
    });
  }, {rootMargin: "200px 0px"}) : null;

  function onScroll() {
    window.removeEventListener("scroll", onScroll);
    Array.prototype.forEach.call(figures, function (figure) {
      if (watcher) {
        watcher.observe(figure);
      } else {
        enhance(figure);
      }
    });
  }
  window.addEventListener("scroll", onScroll, {passive: true});

  Array.prototype.forEach.call(figures, function (figure) {
    var still = figure.querySelector(".chart-visual svg");
    if (still) {
      still.setAttribute("tabindex", "0");  // a keyboard reader can reach the chart, and so wake it
    }
    function wake() {
      enhance(figure);
    }
    figure.addEventListener("focusin", wake);
    figure.addEventListener("touchstart", wake, {passive: true});
    figure.addEventListener("pointerdown", wake);
    figure.addEventListener("pointerenter", wake);
  });
})();
