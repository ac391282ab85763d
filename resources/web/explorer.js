/* caucasusmap explorer: draws the places of a view on a Leaflet map and, in an
 * exported file, a side panel with the places list and the passages of the
 * selection. All corpus and gazetteer text is inserted as DOM text, never as
 * HTML. The data comes from the JSON script element with id "cm-data".
 *
 * API for a host page or app:  caucasusmap.select(ids, {pan}), .highlight(ids),
 * .clear(), .getView(), .setView(lat, lon, zoom), .onSelect = function(ids) {}.
 */
(function () {
  "use strict";

  var SMALLEST = 8, LARGEST = 46;  // marker diameters in px (area ~ count)
  var REVEAL_ZOOM = 8;             // no clustering from this zoom on

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (err) { console.warn("caucasusmap: bad " + id); return null; }
  }

  var cm = {
    map: null, data: null, markers: [], shapes: [], selected: [], highlighted: [],
    onSelect: null, panel: null, cluster: null
  };

  function diameter(count, max) {
    if (max <= 0) return SMALLEST;
    return Math.max(SMALLEST, LARGEST * Math.sqrt(count / max));
  }

  function colour(kind) { return (cm.data.kinds && cm.data.kinds[kind]) || "#555555"; }

  function tooltipContent(p) {
    var box = el("div", "cm-tip");
    box.appendChild(el("strong", null, p.name));
    box.appendChild(el("span", "cm-tip-kind", " " + p.kind));
    box.appendChild(el("div", "cm-tip-count", p.count + (p.count === 1 ? " mention" : " mentions") +
      " in " + p.docs + (p.docs === 1 ? " document" : " documents")));
    return box;
  }

  function pick(i, ev) {
    // Ctrl/Cmd-click adds or removes a place; a plain click selects it alone.
    var e = ev && ev.originalEvent;
    var ids = [i];
    if (e && (e.ctrlKey || e.metaKey)) {
      ids = cm.selected.slice();
      var at = ids.indexOf(i);
      if (at >= 0) ids.splice(at, 1); else ids.push(i);
    }
    select(ids, {pan: false, source: "map"});
  }

  function makeMarker(p, i, max) {
    var d = Math.round(diameter(p.count, max));
    var icon = L.divIcon({
      className: "cm-marker cm-kind-" + p.kind.replace(/[^a-z-]/g, ""),
      html: '<span class="cm-dot" style="background:' + colour(p.kind) + '"></span>',
      iconSize: [d, d]
    });
    var marker = L.marker([p.lat, p.lon], {icon: icon, title: p.name, alt: p.name, keyboard: true,
                                            riseOnHover: true, zIndexOffset: p.count});
    marker.cmIndex = i;
    marker.on("dragend", function () {
      var ll = marker.getLatLng();
      if (typeof cm.onMove === "function") cm.onMove(p.id, ll.lat, ll.lng);
    });
    marker.bindTooltip(tooltipContent(p), {direction: "top", offset: [0, -d / 2]});
    marker.on("click", function (ev) { pick(i, ev); });
    marker.on("keypress", function (ev) {
      if (ev.originalEvent && ev.originalEvent.key === "Enter") select([i], {pan: false, source: "map"});
    });
    return marker;
  }

  function makeShape(p, i) {
    var c = colour(p.kind);
    var isArea = /Polygon/.test(p.geometry.type);
    var layer = L.geoJSON({type: "Feature", geometry: p.geometry, properties: {}}, {
      style: function () {
        return isArea ? {color: c, weight: 1, opacity: 0.5, fillColor: c, fillOpacity: 0.03, dashArray: "4 3"}
                      : {color: c, weight: 3, opacity: 0.75};
      }
    });
    layer.cmIndex = i;
    layer.cmArea = isArea;
    layer.bindTooltip(tooltipContent(p), {sticky: true});
    layer.on("click", function (ev) { L.DomEvent.stopPropagation(ev); pick(i, ev); });
    return layer;
  }

  function drawBasemap(group) {
    var basemap = readJson("cm-basemap");
    if (!basemap) return;
    var styles = {
      sea: {stroke: false, fillColor: "#c9dcea", fillOpacity: 1},
      lake: {color: "#8fb3cf", weight: 0.6, fillColor: "#c9dcea", fillOpacity: 1},
      country: {stroke: false, fillColor: "#f4f1ea", fillOpacity: 1},
      border: {color: "#9a8f80", weight: 1, dashArray: "5 3"},
      coast: {color: "#8fb3cf", weight: 0.8}
    };
    L.geoJSON(basemap, {
      interactive: false,
      style: function (f) { return styles[f.properties.layer] || {weight: 1}; }
    }).addTo(group);
  }

  function markerElement(i) {
    var m = cm.markers[i];
    return m && m.getElement ? m.getElement() : null;
  }

  function refreshClasses() {
    cm.markers.forEach(function (m, i) {
      var on = cm.selected.indexOf(i) >= 0 || cm.highlighted.indexOf(i) >= 0;
      m.setZIndexOffset(on ? 100000 : cm.data.places[i].count);
      if (cm.selected.length === 1 && cm.selected[0] === i && m._map && !m.isTooltipOpen()) m.openTooltip();
      var e = markerElement(i);
      if (!e) return;
      e.classList.toggle("cm-selected", cm.selected.indexOf(i) >= 0);
      e.classList.toggle("cm-highlighted", cm.highlighted.indexOf(i) >= 0);
    });
    cm.shapes.forEach(function (s) {
      var on = cm.selected.indexOf(s.cmIndex) >= 0, lit = cm.highlighted.indexOf(s.cmIndex) >= 0;
      s.setStyle(on || lit ? {weight: s.cmArea ? 3 : 6, opacity: 1, fillOpacity: s.cmArea ? 0.15 : 0}
                           : {weight: s.cmArea ? 1 : 3, opacity: s.cmArea ? 0.5 : 0.75, fillOpacity: s.cmArea ? 0.03 : 0});
    });
  }

  function indicesOf(ids) {
    var out = [];
    (ids || []).forEach(function (id) {
      var i = typeof id === "number" ? id : cm.byId[id];
      if (i !== undefined && i >= 0 && i < cm.data.places.length && out.indexOf(i) < 0) out.push(i);
    });
    return out;
  }

  function panTo(indices) {
    if (!indices.length) return;
    var pts = indices.map(function (i) { var p = cm.data.places[i]; return L.latLng(p.lat, p.lon); });
    var bounds = L.latLngBounds(pts);
    if (indices.length === 1) {
      var m = cm.markers[indices[0]];
      var hidden = cm.cluster && m && cm.cluster.hasLayer(m) && cm.cluster.getVisibleParent(m) !== m;
      if (hidden) {
        // Clustering stops at REVEAL_ZOOM, so zooming there shows the marker.
        cm.map.once("moveend", refreshClasses);
        cm.map.setView(bounds.getCenter(), Math.max(cm.map.getZoom(), REVEAL_ZOOM));
      } else if (!cm.map.getBounds().contains(bounds)) {
        cm.map.panTo(bounds.getCenter());
      }
    } else if (!cm.map.getBounds().contains(bounds)) {
      cm.map.fitBounds(bounds.pad(0.3), {maxZoom: 9});
    }
  }

  function select(ids, opts) {
    opts = opts || {};
    cm.selected = indicesOf(ids);
    cm.highlighted = [];
    refreshClasses();
    if (opts.pan !== false) panTo(cm.selected);
    renderPanel();
    if (typeof cm.onSelect === "function" && opts.source !== "host") {
      cm.onSelect(cm.selected.map(function (i) { return cm.data.places[i].id; }));
    }
  }

  // Points of the given places without far outliers (a country's point far
  // away should not zoom the map out of the region the passage is about).
  function nearCore(indices) {
    var pts = indices.map(function (i) { var p = cm.data.places[i]; return [p.lat, p.lon]; });
    var med = function (k) { var v = pts.map(function (p) { return p[k]; }).sort(function (a, b) { return a - b; });
                             return v[Math.floor(v.length / 2)]; };
    var centre = L.latLng(med(0), med(1));
    var near = pts.filter(function (p) { return centre.distanceTo(L.latLng(p[0], p[1])) <= 900000; });
    return near.length ? near : pts;
  }

  function highlight(ids, opts) {
    cm.highlighted = indicesOf(ids);
    refreshClasses();
    if (!opts || opts.fit !== false) {
      if (cm.highlighted.length === 1) panTo(cm.highlighted);
      else if (cm.highlighted.length > 1) {
        cm.map.fitBounds(L.latLngBounds(nearCore(cm.highlighted)).pad(0.3), {maxZoom: 9});
      }
    }
  }

  /* ---- side panel (exported explorer) ---- */

  function passageNode(ps, selectedSet) {
    var item = el("article", "cm-passage" + (ps.ref ? " cm-ref" : ""));
    var doc = cm.data.meta.documents[ps.doc];
    var head = el("header", "cm-passage-head");
    head.appendChild(el("span", "cm-doc", doc.title + (doc.year ? " (" + doc.year + ")" : "")));
    var where = "¶" + ps.n + (ps.section ? " · " + ps.section : "") + (ps.ref ? " · references" : "");
    head.appendChild(el("span", "cm-where", where));
    item.appendChild(head);
    var body = el("p", "cm-text");
    var pos = 0;
    ps.marks.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (mk) {
      if (mk[0] < pos) return;
      body.appendChild(document.createTextNode(ps.text.slice(pos, mk[0])));
      var surface = ps.text.slice(mk[0], mk[1]);
      var node;
      if (selectedSet[mk[2]]) {
        node = el("mark", "cm-mark", surface);
      } else {
        node = el("a", "cm-place-link", surface);
        node.href = "#";
        node.title = cm.data.places[mk[2]].name;
        (function (k) {
          node.addEventListener("click", function (ev) { ev.preventDefault(); select([k], {pan: true}); });
        })(mk[2]);
      }
      body.appendChild(node);
      pos = mk[1];
    });
    body.appendChild(document.createTextNode(ps.text.slice(pos)));
    item.appendChild(body);
    item.addEventListener("mouseenter", function () {
      var ks = [];
      ps.marks.forEach(function (mk) { if (ks.indexOf(mk[2]) < 0) ks.push(mk[2]); });
      cm.highlighted = ks; refreshClasses();
    });
    item.addEventListener("mouseleave", function () { cm.highlighted = []; refreshClasses(); });
    return item;
  }

  function placesList() {
    var box = el("section", "cm-places");
    box.appendChild(el("h2", null, "Places (" + cm.data.places.length + ")"));
    var filter = el("input", "cm-filter");
    filter.type = "search";
    filter.placeholder = "Filter places…";
    filter.setAttribute("aria-label", "Filter places");
    box.appendChild(filter);
    var list = el("ol", "cm-place-list");
    cm.data.places.forEach(function (p, i) {
      var li = el("li");
      var a = el("a", "cm-place-item");
      a.href = "#";
      a.dataset.search = (p.name + " " + p.aliases.join(" ")).toLowerCase();
      var dot = el("span", "cm-swatch");
      dot.style.background = colour(p.kind);
      a.appendChild(dot);
      a.appendChild(el("span", "cm-place-name", p.name));
      a.appendChild(el("span", "cm-place-count", String(p.count)));
      a.addEventListener("click", function (ev) { ev.preventDefault(); select([i], {pan: true}); });
      li.appendChild(a);
      list.appendChild(li);
    });
    filter.addEventListener("input", function () {
      var q = filter.value.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      Array.prototype.forEach.call(list.querySelectorAll("a"), function (a) {
        var s = a.dataset.search.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
        a.parentNode.style.display = !q || s.indexOf(q) >= 0 ? "" : "none";
      });
    });
    box.appendChild(list);
    return box;
  }

  function aboutBox() {
    var meta = cm.data.meta;
    var box = el("details", "cm-about");
    box.appendChild(el("summary", null, "About this map"));
    box.appendChild(el("p", null, meta.mentions + " mentions of " + cm.data.places.length + " places. Gazetteer: " +
      meta.gazetteer.file + " (" + meta.gazetteer.places + " places). Exported " + meta.exported + " by " +
      meta.generator + "."));
    var list = el("ul", "cm-docs");
    meta.documents.forEach(function (d) {
      if (!d.shown) return;
      var li = el("li");
      li.appendChild(el("span", "cm-doc", d.title));
      var by = [d.authors.join(", "), d.year, d.venue].filter(function (x) { return x; }).join(" · ");
      if (by) li.appendChild(el("span", "cm-by", " — " + by));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function legend() {
    var box = el("div", "cm-legend");
    Object.keys(cm.data.kinds).forEach(function (k) {
      var row = el("div", "cm-legend-row");
      var dot = el("span", "cm-swatch");
      dot.style.background = cm.data.kinds[k];
      row.appendChild(dot);
      row.appendChild(el("span", null, k));
      box.appendChild(row);
    });
    box.appendChild(el("div", "cm-legend-note", "circle area ∝ mentions"));
    return box;
  }

  function renderPanel() {
    var panel = cm.panel;
    if (!panel) return;
    panel.textContent = "";
    var top = el("header", "cm-panel-head");
    top.appendChild(el("h1", null, cm.data.meta.title));
    panel.appendChild(top);
    if (!cm.selected.length) {
      panel.appendChild(placesList());
      panel.appendChild(aboutBox());
      return;
    }
    var back = el("button", "cm-back", "← All places");
    back.type = "button";
    back.addEventListener("click", function () { select([], {pan: false}); });
    panel.appendChild(back);
    var set = {};
    cm.selected.forEach(function (i) { set[i] = true; });
    cm.selected.forEach(function (i) {
      var p = cm.data.places[i];
      var h = el("section", "cm-selection");
      h.appendChild(el("h2", null, p.name));
      h.appendChild(el("div", "cm-sub", p.kind + " · " + p.count + " mentions in " + p.docs + " documents"));
      if (p.aliases.length) h.appendChild(el("div", "cm-aliases", "Also: " + p.aliases.join(", ")));
      if (p.note) h.appendChild(el("p", "cm-note", p.note));
      panel.appendChild(h);
    });
    // Passages mentioning every selected place (co-occurrence when several).
    var lists = cm.selected.map(function (i) { return cm.data.placePassages[i]; });
    var shown = lists[0].filter(function (n) { return lists.every(function (l) { return l.indexOf(n) >= 0; }); });
    panel.appendChild(el("h3", "cm-count", shown.length + (shown.length === 1 ? " passage" : " passages")));
    var list = el("div", "cm-passages");
    shown.forEach(function (n) { list.appendChild(passageNode(cm.data.passages[n], set)); });
    panel.appendChild(list);
  }

  /* ---- init ---- */

  function init(map, layers, options) {
    cm.map = map;
    cm.data = readJson("cm-data");
    if (!cm.data) return;
    cm.byId = {};
    cm.data.places.forEach(function (p, i) { cm.byId[p.id] = i; });
    drawBasemap(layers.base);
    var max = 0;
    cm.data.places.forEach(function (p) { if (p.count > max) max = p.count; });
    cm.cluster = L.markerClusterGroup ? L.markerClusterGroup({
      maxClusterRadius: 28, showCoverageOnHover: false, spiderfyOnMaxZoom: true, chunkedLoading: true,
      disableClusteringAtZoom: REVEAL_ZOOM
    }) : null;
    var target = cm.cluster || layers.places;
    var labels = L.layerGroup().addTo(layers.places);
    cm.data.places.forEach(function (p, i) {
      var m = makeMarker(p, i, max);
      cm.markers.push(m);
      target.addLayer(m);
      if (p.label) {
        // A standalone tooltip: visible whether or not the marker sits in a cluster.
        L.tooltip({permanent: true, direction: "right", className: "cm-label", interactive: false,
                   offset: [diameter(p.count, max) / 2 + 2, 0]})
          .setLatLng([p.lat, p.lon]).setContent(el("span", "cm-label-text", p.name)).addTo(labels);
      }
      if (p.geometry && p.geometry.type !== "Point") {
        var s = makeShape(p, i);
        cm.shapes.push(s);
        layers.shapes.addLayer(s);
      }
    });
    if (cm.cluster) layers.places.addLayer(cm.cluster);
    cm.cluster && cm.cluster.on("animationend", refreshClasses);
    map.on("zoomend moveend layeradd", refreshClasses);
    var legendCtl = L.control({position: "bottomleft"});
    legendCtl.onAdd = legend;
    legendCtl.addTo(map);
    if (options.explorer) {
      cm.panel = document.getElementById("cm-panel");
      document.body.classList.add("cm-with-panel");
      map.invalidateSize();
    }
    if (cm.data.center && cm.data.zoom !== null) map.setView(cm.data.center, cm.data.zoom);
    else if (cm.data.fit) map.fitBounds(cm.data.fit, {padding: [24, 24]});
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && cm.selected.length) select([], {pan: false});
    });
    select(cm.data.selected, {pan: false, source: "host"});
    if (cm.data.highlight && cm.data.highlight.length) highlight(cm.data.highlight, {fit: false});
    document.documentElement.dataset.cmReady = "1";
  }

  window.caucasusmap = {
    init: init,
    select: function (ids, opts) { select(ids, Object.assign({source: "host"}, opts || {})); },
    highlight: highlight,
    clear: function () { select([], {pan: false, source: "host"}); },
    getView: function () {
      var c = cm.map.getCenter();
      return JSON.stringify({center: [c.lat, c.lng], zoom: cm.map.getZoom()});
    },
    setView: function (lat, lon, zoom) { cm.map.setView([lat, lon], zoom); },
    setEditable: function (on) {
      // Let the user drag markers to correct positions (the host saves them).
      // Markers inside a cluster get their drag handler when shown, from the option.
      cm.markers.forEach(function (m) {
        m.options.draggable = !!on;
        if (m.dragging) { if (on) m.dragging.enable(); else m.dragging.disable(); }
      });
      return on;
    },
    showPicks: function (picks) {
      // Temporary markers (e.g. geocoder answers) the user can click to choose.
      if (cm.picks) cm.picks.remove();
      cm.picks = L.layerGroup().addTo(cm.map);
      (picks || []).forEach(function (p) {
        var m = L.circleMarker([p.lat, p.lon], {radius: 9, color: "#c2410c", weight: 3, fillOpacity: 0.2})
          .addTo(cm.picks);
        m.bindTooltip(el("span", null, p.label || ""), {direction: "top"});
        m.on("click", function (e) {
          L.DomEvent.stopPropagation(e);
          if (typeof cm.onPick === "function") cm.onPick(p.lat, p.lon);
        });
      });
      if (picks && picks.length) {
        cm.map.fitBounds(L.latLngBounds(picks.map(function (p) { return [p.lat, p.lon]; })).pad(0.5),
                         {maxZoom: 10});
      }
      return (picks || []).length;
    },
    setBaseLayer: function (name) {
      // Choose a base layer by its name in the layer control.
      var labels = document.querySelectorAll(".leaflet-control-layers-base label");
      for (var k = 0; k < labels.length; k++) {
        var input = labels[k].querySelector("input");
        if (labels[k].textContent.trim() === name && input && !input.checked) { input.click(); return true; }
      }
      return false;
    },
    selected: function () { return JSON.stringify(cm.selected.map(function (i) { return cm.data.places[i].id; })); },
    _state: cm
  };
  Object.defineProperty(window.caucasusmap, "onSelect", {
    get: function () { return cm.onSelect; }, set: function (f) { cm.onSelect = f; }
  });
  Object.defineProperty(window.caucasusmap, "onPick", {
    get: function () { return cm.onPick; }, set: function (f) { cm.onPick = f; }
  });
  Object.defineProperty(window.caucasusmap, "onMove", {
    get: function () { return cm.onMove; }, set: function (f) { cm.onMove = f; }
  });
})();
