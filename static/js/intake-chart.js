/* Face and body chart for the consultation form.
 *
 * Progressive enhancement: the form works with the checkboxes alone. When this script runs it loads
 * the drawing named in #body-chart[data-src], shows it, and ties every area of the drawing to that
 * area's checkboxes (name="area-<slug>") and their group (id="area-<slug>"): clicking, or Enter/Space on a
 * focused area, takes the patient to that area's questions and focuses its first checkbox, ticking nothing
 * (an area has several concerns, and only the patient knows which apply). Ticking or unticking a checkbox
 * highlights the area and lists it by name, with a tick, beside the chart (#body-chart-ticked).
 * Plain ES2017, no libraries, nothing inline (the Content-Security-Policy forbids it).
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var PREFIX = "area-";

  function cssString(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, "\\$&");
  }

  function tidy(text) {
    return String(text || "").replace(/\s+/g, " ").trim();
  }

  function checkboxesFor(slug) {
    var selector = 'input[type="checkbox"][name="' + cssString(PREFIX + slug) + '"]';
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (box) {
      return !box.disabled;
    });
  }

  function areaName(shape, boxes) {
    var i;
    for (i = 0; i < shape.children.length; i += 1) {
      if (shape.children[i].localName === "title") {
        var title = tidy(shape.children[i].textContent);
        if (title) return title;
      }
    }
    var fieldset = boxes.length ? boxes[0].closest("fieldset") : null;
    var legend = fieldset ? fieldset.querySelector("legend") : null;
    return tidy(legend ? legend.textContent : "") || shape.getAttribute("data-area");
  }

  // Our own file, but keep anything active out of the page all the same.
  function scrub(root) {
    Array.prototype.forEach.call(root.querySelectorAll("script, foreignObject"), function (node) {
      node.parentNode.removeChild(node);
    });
    [root].concat(Array.prototype.slice.call(root.querySelectorAll("*"))).forEach(function (node) {
      Array.prototype.slice.call(node.attributes).forEach(function (attr) {
        var name = attr.name.toLowerCase();
        var value = attr.value.replace(/\s+/g, "").toLowerCase();
        if (name.indexOf("on") === 0 || name === "style" ||
            (/href$/.test(name) && value.indexOf("#") !== 0)) {
          node.removeAttribute(attr.name);
        }
      });
    });
  }

  function parseSvg(text) {
    var doc = new DOMParser().parseFromString(text, "image/svg+xml");
    var root = doc.documentElement;
    if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg" ||
        doc.getElementsByTagName("parsererror").length) {
      throw new Error("body chart: not an SVG drawing");
    }
    scrub(root);
    return document.importNode(root, true);
  }

  function setup(container, svg) {
    var shapesBySlug = {};
    var tickedList = document.getElementById("body-chart-ticked");
    var noneTicked = document.getElementById("body-chart-none");
    var figure = container.querySelector(".body-chart-figure") || container;

    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", "Face and body chart");
    svg.setAttribute("aria-describedby", "body-chart-help");
    svg.setAttribute("focusable", "false");
    svg.removeAttribute("width");
    svg.removeAttribute("height");

    Array.prototype.forEach.call(svg.querySelectorAll("[data-area]"), function (shape) {
      var slug = shape.getAttribute("data-area");
      var boxes = checkboxesFor(slug);
      if (!boxes.length) {
        shape.classList.add("is-unavailable");
        shape.setAttribute("aria-hidden", "true");
        shape.removeAttribute("tabindex");
        return;
      }
      var name = areaName(shape, boxes);
      var group = document.getElementById(PREFIX + slug);
      shape.setAttribute("tabindex", "0");
      shape.setAttribute("role", "button");
      shape.setAttribute("aria-label", name);
      shape.setAttribute("data-area-name", name);
      if (group) shape.setAttribute("aria-controls", group.id);
      (shapesBySlug[slug] = shapesBySlug[slug] || []).push(shape);
    });

    function sync(slug) {
      var selected = checkboxesFor(slug).some(function (box) { return box.checked; });
      (shapesBySlug[slug] || []).forEach(function (shape) {
        var name = shape.getAttribute("data-area-name");
        shape.classList.toggle("is-selected", selected);
        shape.setAttribute("aria-label", selected ? name + ", ticked" : name);
      });
    }

    // In the chart's order, from top to bottom: "✓ Lips", "✓ Hands (palms)".
    function listTicked() {
      if (!tickedList) return;
      var names = Object.keys(shapesBySlug).filter(function (slug) {
        return shapesBySlug[slug][0].classList.contains("is-selected");
      }).map(function (slug) {
        return shapesBySlug[slug][0].getAttribute("data-area-name");
      });
      while (tickedList.firstChild) tickedList.removeChild(tickedList.firstChild);
      names.forEach(function (name) {
        var item = document.createElement("li");
        var tick = document.createElement("span");
        tick.className = "body-chart-tick";
        tick.setAttribute("aria-hidden", "true");
        tick.textContent = "\u2713 ";
        item.appendChild(tick);
        item.appendChild(document.createTextNode(name));
        tickedList.appendChild(item);
      });
      if (noneTicked) noneTicked.hidden = names.length > 0;
    }

    function syncAll() {
      Object.keys(shapesBySlug).forEach(sync);
      listTicked();
    }

    var revealed = null;

    // Bring the area's questions into view and put focus on its first checkbox, unticked.
    function reveal(shape) {
      var slug = shape.getAttribute("data-area");
      var boxes = checkboxesFor(slug);
      var group = document.getElementById(PREFIX + slug) || (boxes.length ? boxes[0].closest("fieldset") : null);
      if (!boxes.length || !group) return;
      if (revealed && revealed !== group) revealed.classList.remove("is-revealed");
      revealed = group;
      group.classList.add("is-revealed");
      var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      group.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
      boxes[0].focus({ preventScroll: true });
    }

    function shapeFrom(target) {
      var shape = target && target.closest ? target.closest("[data-area]") : null;
      if (!shape || !svg.contains(shape) || shape.classList.contains("is-unavailable")) return null;
      return shape;
    }

    svg.addEventListener("click", function (event) {
      var shape = shapeFrom(event.target);
      if (shape) reveal(shape);
    });

    // As a native button: Enter acts on keydown, Space on keyup (so the keyup cannot reach the checkbox
    // that focus moves to); both are kept from scrolling the page or submitting the form.
    var spaceDownOn = null;
    svg.addEventListener("keydown", function (event) {
      var shape = shapeFrom(event.target);
      if (!shape || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Enter") {
        event.preventDefault();
        if (!event.repeat) reveal(shape);
      } else if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        spaceDownOn = shape;
      }
    });
    svg.addEventListener("keyup", function (event) {
      var shape = shapeFrom(event.target);
      if ((event.key === " " || event.key === "Spacebar") && shape && shape === spaceDownOn) {
        event.preventDefault();
        reveal(shape);
      }
      spaceDownOn = null;
    });

    document.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox" || typeof box.name !== "string" || box.name.indexOf(PREFIX) !== 0) return;
      var slug = box.name.slice(PREFIX.length);
      if (shapesBySlug[slug]) {
        sync(slug);
        listTicked();
      }
    });

    // A form reset, or the browser restoring the form on Back, changes boxes without change events.
    document.addEventListener("reset", function () { window.setTimeout(syncAll, 0); });
    window.addEventListener("pageshow", syncAll);

    syncAll();
    figure.appendChild(svg);
    container.hidden = false;
  }

  function init() {
    var container = document.getElementById("body-chart");
    if (!container) return;
    var src = container.getAttribute("data-src");
    if (!src || !window.fetch || !window.DOMParser) return;
    var url;
    try {
      url = new URL(src, document.baseURI);
    } catch (error) {
      return;
    }
    if (url.origin !== window.location.origin) return;

    fetch(url.href, { credentials: "same-origin", headers: { Accept: "image/svg+xml" } })
      .then(function (response) {
        if (!response.ok) throw new Error("body chart: HTTP " + response.status);
        return response.text();
      })
      .then(function (text) {
        setup(container, parseSvg(text));
      })
      .catch(function () {
        // Leave the chart hidden: the checkboxes below do the same job.
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
