/* Face and body chart for the consultation form.
 *
 * Progressive enhancement: the form works with the checkboxes alone. When this script runs it loads
 * the drawing named in #body-chart[data-src], shows it, and ties every area of the drawing to that
 * area's checkboxes (name="area-<slug>"): clicking, or Space/Enter on a focused area, ticks the
 * area's first checkbox or clears all of them; ticking a checkbox highlights the area.
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

  function labelText(box) {
    var label = box.labels && box.labels.length ? box.labels[0] : null;
    var text = tidy(label ? label.textContent : "") || box.value;
    // "Between the brows selected: lines that show ...", but leave "UV ..." alone.
    if (text.length > 1 && text.charAt(1) === text.charAt(1).toLowerCase()) {
      text = text.charAt(0).toLowerCase() + text.slice(1);
    }
    return text;
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
    var status = document.getElementById("body-chart-status");
    var shapesBySlug = {};

    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", "Face and body chart");
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
      shape.setAttribute("tabindex", "0");
      shape.setAttribute("role", "checkbox");
      shape.setAttribute("aria-label", name);
      shape.setAttribute("data-area-name", name);
      (shapesBySlug[slug] = shapesBySlug[slug] || []).push(shape);
    });

    function sync(slug) {
      var selected = checkboxesFor(slug).some(function (box) { return box.checked; });
      (shapesBySlug[slug] || []).forEach(function (shape) {
        shape.classList.toggle("is-selected", selected);
        shape.setAttribute("aria-checked", selected ? "true" : "false");
      });
    }

    function syncAll() {
      Object.keys(shapesBySlug).forEach(sync);
    }

    function announce(message) {
      if (status) status.textContent = message;
    }

    function setChecked(box, checked) {
      box.checked = checked;
      box.dispatchEvent(new Event("input", { bubbles: true }));
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function toggle(shape) {
      var slug = shape.getAttribute("data-area");
      var boxes = checkboxesFor(slug);
      var name = shape.getAttribute("data-area-name") || slug;
      if (!boxes.length) return;
      var checked = boxes.filter(function (box) { return box.checked; });
      if (checked.length) {
        checked.forEach(function (box) { setChecked(box, false); });
        announce(name + " cleared");
      } else {
        setChecked(boxes[0], true);
        announce(name + " selected: " + labelText(boxes[0]));
      }
      sync(slug); // in case another handler stopped the change event
    }

    function shapeFrom(target) {
      var shape = target && target.closest ? target.closest("[data-area]") : null;
      if (!shape || !svg.contains(shape) || shape.classList.contains("is-unavailable")) return null;
      return shape;
    }

    svg.addEventListener("click", function (event) {
      var shape = shapeFrom(event.target);
      if (shape) toggle(shape);
    });

    svg.addEventListener("keydown", function (event) {
      var shape = shapeFrom(event.target);
      if (!shape || event.altKey || event.ctrlKey || event.metaKey) return;
      var key = event.key;
      if (key === " " || key === "Spacebar" || key === "Enter") {
        event.preventDefault(); // Space would scroll the page, Enter could submit the form
        if (!event.repeat) toggle(shape);
      }
    });

    document.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox" || typeof box.name !== "string" || box.name.indexOf(PREFIX) !== 0) return;
      var slug = box.name.slice(PREFIX.length);
      if (shapesBySlug[slug]) sync(slug);
    });

    // A form reset, or the browser restoring the form on Back, changes boxes without change events.
    document.addEventListener("reset", function () { window.setTimeout(syncAll, 0); });
    window.addEventListener("pageshow", syncAll);

    syncAll();
    container.appendChild(svg);
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
