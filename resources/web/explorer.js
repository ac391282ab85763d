/* caucasusmap explorer: draws the offline basemap and the places of a view on a
 * Leaflet map and, in an exported file, a side panel with the places list and
 * the passages of the selection. All corpus and gazetteer text is inserted as
 * DOM text, never as HTML. The data comes from the JSON script elements with
 * ids "cm-data" (the view) and "cm-basemap" (the background).
 *
 * API for a host page or app:  caucasusmap.select(ids, {pan}), .highlight(ids),
 * .clear(), .getView(), .setView(lat, lon, zoom), .setTimeRange(from, to),
 * .setPickMode(on), .setLegend(open), .onSelect = function(ids) {},
 * .onTimeRange = function(from, to) {}, .onLegend = function(open) {}.
 */
(function () {
  "use strict";

  var SMALLEST = 8, LARGEST = 46;  // marker diameters in px (area ~ count)
  var MANY = 400;                  // views of this many places draw their markers on one canvas
  var PLACE_LABEL_TRIES = 1500;    // a large view tries names for its most mentioned places only
  var SEA = "#c5d9e6", LAND = "#f3efe6", LAND_WORLD = "#eeeae0";
  var STORE = "caucasusmap.";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // A place's record in the page leaves out the fields that have their default
  // value (maps.PLACE_DEFAULTS; "english" when it is the name shown): put back,
  // shared and frozen (nothing changes a place's record).
  var NONE = Object.freeze([]), NO_LINKS = Object.freeze({});
  function withDefaults(p) {
    if (p.aliases === undefined) p.aliases = NONE;
    if (p.names === undefined) p.names = NONE;
    if (p.note === undefined) p.note = "";
    if (p.geometry === undefined) p.geometry = null;
    if (p.links === undefined) p.links = NO_LINKS;
    if (p.origin === undefined) p.origin = "curated";
    if (p.label === undefined) p.label = false;
    if (p.english === undefined) p.english = p.name;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (err) { console.warn("caucasusmap: bad " + id); return null; }
  }

  function remembered(key, fallback) {
    try { var v = window.localStorage.getItem(STORE + key); return v === null ? fallback : v; }
    catch (err) { return fallback; }
  }
  function remember(key, value) {
    try { window.localStorage.setItem(STORE + key, value); } catch (err) { /* storage off: not remembered */ }
  }

  var cm = {
    map: null, data: null, markers: [], shapes: [], selected: [], highlighted: [],
    onSelect: null, onTimeRange: null, panel: null, canvas: null, pickMode: false,
    counts: null, docCounts: null, visible: null, range: null, basemapLayers: 0, lit: {}
  };

  // Markers sit at 2D translates. Leaflet's translate3d gives every marker
  // icon a compositing layer of its own, which for a view of thousands of
  // places made the first paint slower than everything else put together.
  function setPosition2d(node, pos) {
    node._leaflet_pos = pos;
    node.style.transform = "translate(" + pos.x + "px," + pos.y + "px)";
  }
  if (window.L && L.Marker) {
    L.Marker.include({
      _setPos: function (pos) {
        if (this._icon) setPosition2d(this._icon, pos);
        if (this._shadow) setPosition2d(this._shadow, pos);
        this._zIndex = pos.y + this.options.zIndexOffset;
        this._resetZIndex();
      }
    });
  }

  function diameter(count, max) {
    if (max <= 0) return SMALLEST;
    return Math.max(SMALLEST, LARGEST * Math.sqrt(count / max));
  }

  function colour(kind) { return (cm.data.kinds && cm.data.kinds[kind]) || "#555555"; }

  function countOf(i) { return cm.counts ? cm.counts[i] : cm.data.places[i].count; }
  function docsOf(i) { return cm.docCounts ? cm.docCounts[i] : cm.data.places[i].docs; }

  function tooltipContent(i) {
    var p = cm.data.places[i], n = countOf(i), d = docsOf(i);
    var box = el("div", "cm-tip");
    box.appendChild(el("strong", null, p.name));
    box.appendChild(el("span", "cm-tip-kind", " " + p.kind + (p.origin === "reference" ? " · reference" : "")));
    box.appendChild(el("div", "cm-tip-count", n + (n === 1 ? " mention" : " mentions") +
      " in " + d + (d === 1 ? " document" : " documents")));
    return box;
  }

  // The tooltips shown since the last close (no walk over every layer).
  var openTips = [];
  function closeTooltips() {
    if (!cm.map) return;
    openTips.forEach(function (t) { t.close(); });
    openTips = [];
    if (cm.dots) cm.dots._tipFor = -1;
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

  function markerIcon(i, max) {
    var p = cm.data.places[i];
    var d = Math.round(diameter(countOf(i), max));
    return L.divIcon({
      className: "cm-marker cm-kind-" + p.kind.replace(/[^a-z-]/g, "") +
        (p.origin === "reference" ? " cm-origin-reference" : ""),
      html: '<span class="cm-dot" style="background:' + colour(p.kind) + '"></span>',
      iconSize: [d, d]
    });
  }

  // Views of many places: every place's dot on one canvas that this layer
  // draws and hit-tests itself (DotLayer), from typed arrays — no Leaflet
  // layer, element or listener per place — in the payload's order (most
  // mentioned first, so the small dots lie on top), the selected and
  // highlighted ones over all.
  var DOT_STYLE = {weight: 1, color: "#3c3228", opacity: 0.55, fillOpacity: 0.78};
  var DOT_ON = {s: {weight: 3, color: "#c2410c", opacity: 1, fillOpacity: 1},
                h: {weight: 3, color: "#2563eb", opacity: 1, fillOpacity: 1}};
  var DOT_TOLERANCE = 2;  // px round a dot that still take its click
  var CELL = 64;          // px: the side of a cell of the dots' grid (larger than any dot's reach)
  function dotStyle(i) {
    var p = cm.data.places[i], ref = p.origin === "reference", on = DOT_ON[cm.lit[i]] || null;
    return Object.assign({fillColor: colour(p.kind), dashArray: ref && !on ? "2 2" : null},
                         DOT_STYLE, ref ? {color: "#222222", opacity: 0.8, fillOpacity: 0.6} : {}, on || {});
  }

  // One small canvas per look of a dot (kind, size, state): drawing a dot is
  // then one drawImage of it, the same pixels as filling its circle and its
  // ring one after the other. The ring is filled as a ring (the stroke's width
  // about the circle); a dashed outline is stroked.
  function dotSprite(st, r, scale) {
    var h = st.weight / 2, e = Math.ceil(r + h + 1), c = document.createElement("canvas");
    c.width = c.height = 2 * e * scale;
    var ctx = c.getContext("2d"), full = Math.PI * 2;
    ctx.scale(scale, scale);
    ctx.globalAlpha = st.fillOpacity;
    ctx.fillStyle = st.fillColor;
    ctx.beginPath();
    ctx.arc(e, e, r, 0, full, false);
    ctx.fill();
    ctx.globalAlpha = st.opacity;
    if (st.dashArray) {
      ctx.setLineDash(st.dashArray.split(/[ ,]+/).map(Number));
      ctx.lineWidth = st.weight;
      ctx.strokeStyle = st.color;
      ctx.lineCap = ctx.lineJoin = "round";
      ctx.beginPath();
      ctx.arc(e, e, r, 0, full, false);
      ctx.stroke();
    } else {
      ctx.fillStyle = st.color;
      ctx.beginPath();
      ctx.arc(e, e, r + h, 0, full, false);
      ctx.moveTo(e + Math.max(r - h, 0), e);
      ctx.arc(e, e, Math.max(r - h, 0), full, 0, true);
      ctx.fill("nonzero");
    }
    return {canvas: c, half: e};
  }

  // The layer is a Leaflet canvas renderer (its canvas follows the map: size,
  // position, zoom animation) that draws no Leaflet paths: on each new view it
  // draws every dot in it, and on a change of a few dots (a selection, a move)
  // it repaints those dots' own squares only, with whatever dots overlap them.
  // Its pane takes no pointer events: the map's container hears every press,
  // click and move first (capture) and looks the point up in a grid of the
  // dots' pixels, so the areas, lines and labels under and over it keep theirs.
  var DotLayer = L.Canvas.extend({
    initialize: function (n, options) {
      L.Canvas.prototype.initialize.call(this, options);
      this._n = n;
      this._mx = new Float64Array(n);  // Web Mercator, 0..1 across the world
      this._my = new Float64Array(n);
      this._ax = new Float64Array(n);  // pixels at the projected zoom (as Leaflet's latLngToLayerPoint rounds them)
      this._ay = new Float64Array(n);
      this._r = new Float32Array(n);   // radius, px
      this._front = [];                // lit dots, drawn last, the most recent on top
      this._sprites = {};
      this._patches = null;
      this._full = false;
      this._projZoom = null;
    },
    setPosition: function (i, lat, lon) {
      if (this._map && this._map.options.crs !== L.CRS.EPSG3857) {
        var pt = this._map.options.crs.latLngToPoint(L.latLng(lat, lon), 0);
        this._mx[i] = pt.x / 256; this._my[i] = pt.y / 256;
        return;
      }
      var s = Math.sin(Math.max(Math.min(85.0511287798, lat), -85.0511287798) * Math.PI / 180);
      this._mx[i] = 0.5 + lon / 360;
      this._my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    },
    setRadius: function (i, r) { this._r[i] = r; },
    radius: function (i) { return this._r[i]; },
    latLng: function (i) {
      return L.CRS.EPSG3857.pointToLatLng(L.point(this._mx[i] * 256, this._my[i] * 256), 0);
    },
    style: function (i) { return dotStyle(i); },
    // How many dots are drawn (shown by the time filter, the layer on the map).
    shown: function () {
      if (!this._map) return 0;
      var k = 0;
      for (var i = 0; i < this._n; i++) if (cm.visible[i]) k++;
      return k;
    },

    onAdd: function () {
      L.Renderer.prototype.onAdd.call(this);
      this._updatePaths();
    },
    onRemove: function () {
      this.closeTooltip();
      L.Canvas.prototype.onRemove.call(this);
      this._redrawRequest = null;
      this._patches = null;
    },
    _initContainer: function () {
      var c = this._container = document.createElement("canvas");
      c.className = "cm-dots-canvas";
      this._ctx = c.getContext("2d");
    },
    _onZoomEnd: function () {},
    _updatePaths: function () {
      if (this._postponeUpdatePaths || !this._map) return;
      this._project();
      this._full = true;
      this._redraw();
    },
    // Pixels and grid cells of every dot for the map's zoom (once a zoom).
    _project: function () {
      var z = this._map.getZoom();
      if (z === this._projZoom && this._grid) return;
      var crs = this._map.options.crs, size = 256 * crs.scale(z) / crs.scale(0);
      var ax = this._ax, ay = this._ay, mx = this._mx, my = this._my;
      var grid = new Map();
      for (var i = 0; i < this._n; i++) {
        ax[i] = Math.round(mx[i] * size); ay[i] = Math.round(my[i] * size);
        var key = this._cell(ax[i], ay[i]), list = grid.get(key);
        if (list) list.push(i); else grid.set(key, [i]);
      }
      this._grid = grid;
      this._projZoom = z;
    },
    _cell: function (x, y) { return Math.floor(x / CELL) * 2097152 + Math.floor(y / CELL); },
    // Dots whose centres lie in the cells a box (absolute pixels) touches, widened by the largest reach.
    _near: function (x0, y0, x1, y1) {
      var reach = LARGEST / 2 + 3 + DOT_TOLERANCE, out = [];
      var gx0 = Math.floor((x0 - reach) / CELL), gx1 = Math.floor((x1 + reach) / CELL);
      var gy0 = Math.floor((y0 - reach) / CELL), gy1 = Math.floor((y1 + reach) / CELL);
      for (var gx = gx0; gx <= gx1; gx++) {
        for (var gy = gy0; gy <= gy1; gy++) {
          var list = this._grid.get(gx * 2097152 + gy);
          if (list) for (var k = 0; k < list.length; k++) out.push(list[k]);
        }
      }
      return out;
    },
    _rank: function (i) {
      var at = cm.lit[i] ? this._front.indexOf(i) : -1;
      return at < 0 ? i : this._n + at;
    },
    // The dot on top at a container point, or -1.
    hitAt: function (point) {
      if (!this._map || !this._grid) return -1;
      var po = this._map.getPixelOrigin(), lp = this._map.containerPointToLayerPoint(point);
      var x = lp.x + po.x, y = lp.y + po.y, best = -1, bestRank = -1;
      var near = this._near(x, y, x, y);
      for (var k = 0; k < near.length; k++) {
        var i = near[k];
        if (!cm.visible[i]) continue;
        var dx = this._ax[i] - x, dy = this._ay[i] - y, w = DOT_ON[cm.lit[i]] ? DOT_ON.s.weight : DOT_STYLE.weight;
        var reach = this._r[i] + w / 2 + DOT_TOLERANCE;
        if (dx * dx + dy * dy <= reach * reach) {
          var rank = this._rank(i);
          if (rank > bestRank) { best = i; bestRank = rank; }
        }
      }
      return best;
    },
    // A dot's square (absolute pixels) as it is drawn now.
    _square: function (i) {
      var e = Math.ceil(Math.max(Math.round(this._r[i]), 1) + DOT_ON.s.weight / 2 + 1) + 1;
      return [this._ax[i] - e, this._ay[i] - e, this._ax[i] + e, this._ay[i] + e];
    },
    // Dot i is about to change (its state, size or place): repaint its square now and after.
    touch: function (i) {
      if (!this._map || !this._grid) return;
      var b = this._square(i), list = this._patches = this._patches || [];
      for (var k = 0; k < list.length; k++) {
        var o = list[k];
        if (o[0] <= b[2] && b[0] <= o[2] && o[1] <= b[3] && b[1] <= o[3]) {
          o[0] = Math.min(o[0], b[0]); o[1] = Math.min(o[1], b[1]);
          o[2] = Math.max(o[2], b[2]); o[3] = Math.max(o[3], b[3]);
          b = null;
          break;
        }
      }
      if (b) list.push(b);
      if (list.length > PATCHES) this._full = true;
      this._request();
    },
    // The state of dot i changed (cm.lit): lit dots go on top.
    restyle: function (i) {
      this.touch(i);
      var at = this._front.indexOf(i);
      if (at >= 0) this._front.splice(at, 1);
      if (cm.lit[i]) this._front.push(i);
    },
    moveTo: function (i, lat, lon) {
      this.touch(i);
      var list = this._grid && this._grid.get(this._cell(this._ax[i], this._ay[i]));
      if (list && list.indexOf(i) >= 0) list.splice(list.indexOf(i), 1);
      this.setPosition(i, lat, lon);
      if (this._grid) {
        var size = 256 * this._map.options.crs.scale(this._projZoom) / this._map.options.crs.scale(0);
        this._ax[i] = Math.round(this._mx[i] * size); this._ay[i] = Math.round(this._my[i] * size);
        var key = this._cell(this._ax[i], this._ay[i]);
        (this._grid.get(key) || this._grid.set(key, []).get(key)).push(i);
      }
      this.touch(i);
    },
    // Everything changed (sizes, what is shown): draw all again on the next frame.
    redrawAll: function () { this._full = true; this._request(); },
    _request: function () {
      if (!this._redrawRequest && this._map) this._redrawRequest = L.Util.requestAnimFrame(this._redraw, this);
    },
    _sprite: function (i) {
      var st = dotStyle(i), r = Math.max(Math.round(this._r[i]), 1);
      var key = st.fillColor + "|" + st.color + "|" + st.weight + "|" + st.opacity + "|" + st.fillOpacity + "|" +
                (st.dashArray || "") + "|" + r;
      var s = this._sprites[key];
      if (!s) s = this._sprites[key] = dotSprite(st, r, L.Browser.retina ? 2 : 1);
      return s;
    },
    _drawDot: function (i, po) {
      var s = this._sprite(i), size = 2 * s.half;
      this._ctx.drawImage(s.canvas, this._ax[i] - po.x - s.half, this._ay[i] - po.y - s.half, size, size);
    },
    _redraw: function () {
      if (this._redrawRequest) { L.Util.cancelAnimFrame(this._redrawRequest); this._redrawRequest = null; }
      if (!this._map || !this._grid) return;
      var full = this._full, patches = this._patches, po = this._map.getPixelOrigin();
      this._full = false;
      this._patches = null;
      if (full) this._drawBox(null, po);
      else if (patches) patches.forEach(function (b) { this._drawBox(b, po); }, this);
    },
    // Draws the dots in a box of absolute pixels (null: the whole canvas).
    _drawBox: function (b, po) {
      var ctx = this._ctx, todo, k, i, front = this._front, lit = {};
      if (this.onDraw) this.onDraw(b ? [b[2] - b[0], b[3] - b[1]] : null);
      front.forEach(function (f) { lit[f] = true; });
      if (b) {
        var x0 = Math.floor(b[0]), y0 = Math.floor(b[1]), x1 = Math.ceil(b[2]), y1 = Math.ceil(b[3]);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0 - po.x, y0 - po.y, x1 - x0, y1 - y0);
        ctx.clip();
        ctx.clearRect(x0 - po.x, y0 - po.y, x1 - x0, y1 - y0);
        todo = this._near(x0, y0, x1, y1).filter(function (n) { return !lit[n]; }).sort(function (a, c) { return a - c; });
      } else {
        ctx.save();
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, this._container.width, this._container.height);
        ctx.restore();
        ctx.save();
        todo = null;
      }
      var vb = this._bounds, reach = LARGEST / 2 + 3;
      var minX = vb.min.x + po.x - reach, minY = vb.min.y + po.y - reach;
      var maxX = vb.max.x + po.x + reach, maxY = vb.max.y + po.y + reach;
      var ax = this._ax, ay = this._ay, rr = this._r, vis = cm.visible;
      var n = todo ? todo.length : this._n;
      for (k = 0; k < n; k++) {
        i = todo ? todo[k] : k;
        if (!vis[i] || (!todo && lit[i])) continue;
        if (ax[i] < minX || ax[i] > maxX || ay[i] < minY || ay[i] > maxY) continue;
        // In a patch, only the dots whose squares reach into it.
        if (todo && (ax[i] + rr[i] + 3 < b[0] || ax[i] - rr[i] - 3 > b[2] || ay[i] + rr[i] + 3 < b[1] ||
                     ay[i] - rr[i] - 3 > b[3])) continue;
        this._drawDot(i, po);
      }
      for (k = 0; k < front.length; k++) if (vis[front[k]]) this._drawDot(front[k], po);
      ctx.restore();
    },

    // The one tooltip of the dots, moved to the dot under the mouse and filled when shown.
    openTooltip: function (i) {
      var map = this._map;
      if (!map) return;
      if (!this._tip) this._tip = L.tooltip({direction: "top", className: "cm-dot-tip"});
      this._tip.options.offset = L.point(0, -Math.max(Math.round(this._r[i]), 1) - 1);
      this._tip.setLatLng(this.latLng(i)).setContent(tooltipContent(i));
      this._tipFor = i;
      if (!map.hasLayer(this._tip)) map.openTooltip(this._tip); else this._tip.update();
    },
    tooltipOpen: function () { return !!(this._tip && this._map && this._map.hasLayer(this._tip)); },
    closeTooltip: function () {
      if (this._tip && this._map && this._map.hasLayer(this._tip)) this._map.closeTooltip(this._tip);
      this._tipFor = -1;
    }
  });

  // What a mouse event over the map means for the dots: the dot under it, or
  // -1 when it is over something drawn over the dots that takes its own
  // events (a label, a control, a tooltip, a pick's circle) or over no dot.
  // (Lines and areas lie under the dots: a dot over an area takes the click.)
  var OVER_DOTS = ["cm-label", "leaflet-tooltip", "leaflet-popup", "leaflet-control", "leaflet-cm-picks-pane",
                   "leaflet-marker-icon"];
  function dotUnder(ev) {
    var dots = cm.dots, map = cm.map, box = map.getContainer();
    if (!dots || !dots._map) return -1;
    for (var e = ev.target; e && e !== box; e = e.parentNode) {
      if (e._leaflet_disable_click) return -1;
      for (var k = 0; e.classList && k < OVER_DOTS.length; k++) if (e.classList.contains(OVER_DOTS[k])) return -1;
    }
    return dots.hitAt(map.mouseEventToContainerPoint(ev));
  }

  function dotEvents(map) {
    var box = map.getContainer();
    function stop(ev) { ev.stopImmediatePropagation(); ev.stopPropagation(); }
    box.addEventListener("click", function (ev) {
      if (map.dragging && map.dragging.moved()) return;  // the end of a drag of the map
      var i = dotUnder(ev);
      if (i < 0) return;
      stop(ev);
      pick(i, {originalEvent: ev});
    }, true);
    // A double click or the context menu on a dot is the dot's, not the map's (no zoom, no "add place here").
    box.addEventListener("dblclick", function (ev) { if (dotUnder(ev) >= 0) stop(ev); }, true);
    box.addEventListener("contextmenu", function (ev) { if (dotUnder(ev) >= 0) { stop(ev); ev.preventDefault(); } }, true);
    box.addEventListener("mousedown", function (ev) {
      if (!cm.editable || ev.button) return;
      var i = dotUnder(ev);
      if (i < 0) return;
      stop(ev);
      ev.preventDefault();
      dragDot(i, ev);
    }, true);
    box.addEventListener("mousemove", function (ev) {
      if (cm.dragging || (map.dragging && map.dragging.moving()) || map._animatingZoom) return;
      var i = dotUnder(ev);
      box.classList.toggle("cm-over-dot", i >= 0);
      if (i >= 0 && i !== cm.dots._tipFor) cm.dots.openTooltip(i);
      else if (i < 0 && cm.dots._tipFor >= 0) cm.dots.closeTooltip();
    }, true);
    box.addEventListener("mouseleave", function () {
      box.classList.remove("cm-over-dot");
      if (cm.dots._tipFor >= 0) cm.dots.closeTooltip();
    });
  }

  // Correcting a position in a canvas view: press on the dot and drag it.
  function dragDot(i, ev) {
    var map = cm.map, dots = cm.dots, p = cm.data.places[i];
    cm.dragging = true;
    map.dragging.disable();
    dots.closeTooltip();
    var at = dots.latLng(i);
    function move(e) {
      at = map.mouseEventToLatLng(e);
      dots.moveTo(i, at.lat, at.lng);
      markersMoved();
    }
    function up(e) {
      document.removeEventListener("mousemove", move, true);
      document.removeEventListener("mouseup", up, true);
      if (e) move(e);
      cm.dragging = false;
      map.dragging.enable();
      if (typeof cm.onMove === "function") cm.onMove(p.id, at.lat, at.lng);
    }
    document.addEventListener("mousemove", move, true);
    document.addEventListener("mouseup", up, true);
  }

  var PATCHES = 16;  // more changed squares than this: the whole canvas is drawn again

  function makeMarker(p, i, max) {
    var marker = L.marker([p.lat, p.lon], {icon: markerIcon(i, max), title: p.name, alt: p.name, keyboard: true,
                                            riseOnHover: true, zIndexOffset: p.count});
    marker.cmIndex = i;
    marker.on("dragend", function () {
      markersMoved();
      var ll = marker.getLatLng();
      if (typeof cm.onMove === "function") cm.onMove(p.id, ll.lat, ll.lng);
    });
    marker.bindTooltip(function () { return tooltipContent(i); },
                       {direction: "top", offset: [0, -diameter(p.count, max) / 2]});
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
    layer.bindTooltip(function () { return tooltipContent(i); }, {sticky: true});
    layer.on("click", function (ev) {
      // In "pick coordinates" mode a click on an area or line takes the point.
      if (cm.pickMode) return;
      L.DomEvent.stopPropagation(ev);
      pick(i, ev);
    });
    return layer;
  }

  /* ---- offline basemap ---- */

  // Encoded-polyline strings of (lon, lat) at `decimals` decimals (see
  // scripts/build_basemap.py encode_line) -> Leaflet [lat, lon] arrays.
  function decodeLine(s, decimals) {
    var out = [], scale = Math.pow(10, decimals), x = 0, y = 0, k = 0, n = s.length, first = true;
    while (k < n) {
      var v = 0, shift = 0, b;
      do { b = s.charCodeAt(k++) - 63; v |= (b & 0x1f) << shift; shift += 5; } while (b >= 0x20);
      v = (v & 1) ? ~(v >> 1) : (v >> 1);
      if (first) { x += v; first = false; }
      else { y += v; first = true; out.push([y / scale, x / scale]); }
    }
    return out;
  }

  function decodeParts(g, decimals, areas) {
    return g.map(function (part) {
      return areas ? part.map(function (r) { return decodeLine(r, decimals); }) : decodeLine(part, decimals);
    });
  }

  var BASE_STYLE = {
    "world-land": {stroke: false, fill: true, fillColor: LAND_WORLD, fillOpacity: 1},
    "world-border": {color: "#b3a999", weight: 0.7, opacity: 0.9, fill: false},
    "land": {stroke: false, fill: true, fillColor: LAND, fillOpacity: 1},
    "lake": {color: "#94b8d0", weight: 0.6, fill: true, fillColor: SEA, fillOpacity: 1},
    "river": {color: "#6d9fc6", weight: 1.3, opacity: 0.95, fill: false, lineJoin: "round"},
    "province": {color: "#b8aa96", weight: 0.6, opacity: 0.9, dashArray: "3 3", fill: false},
    "border": {color: "#8d7f6c", weight: 1.3, opacity: 0.95, fill: false},
    "coast": {color: "#8fb0c8", weight: 0.7, opacity: 1, fill: false}
  };
  var AREAS = {"world-land": true, "land": true, "lake": true};

  function drawBasemap(group) {
    var basemap = readJson("cm-basemap");
    if (!basemap || !basemap.layers) return null;
    var map = cm.map;
    [["cm-base", 200], ["cm-relief", 210], ["cm-water", 220], ["cm-lines", 230], ["cm-labels", 450]]
      .forEach(function (pz) {
        var pane = map.getPane(pz[0]) || map.createPane(pz[0]);
        pane.style.zIndex = pz[1];
        if (pz[0] !== "cm-relief") pane.style.pointerEvents = "none";
      });
    // Leaflet's default padding: each canvas is 1.2 times the map each way (0.3 made them 1.6 times).
    var renderers = {
      base: L.canvas({pane: "cm-base", padding: 0.1}),
      water: L.canvas({pane: "cm-water", padding: 0.1}),
      lines: L.canvas({pane: "cm-lines", padding: 0.1})
    };
    // [{layer or make(), minzoom, maxzoom}]: a band's layers are decoded when first shown.
    var bands = [];
    function add(layer, minzoom, maxzoom, make) {
      bands.push({layer: layer, make: make, minzoom: minzoom, maxzoom: maxzoom});
    }
    var b = basemap.bbox;
    // The sea under the detail box hides the coarse world land inside it.
    var frame = L.rectangle([[b[1], b[0]], [b[3], b[2]]], {renderer: renderers.base, stroke: false,
                            fillColor: SEA, fillOpacity: 1, interactive: false});
    var worldDone = false;
    basemap.layers.forEach(function (lay) {
      var areas = !!AREAS[lay.id];
      var style = BASE_STYLE[lay.id] || {weight: 1};
      var renderer = lay.id === "lake" ? renderers.water : /land/.test(lay.id) ? renderers.base : renderers.lines;
      add(null, lay.minzoom, lay.maxzoom, function () {
        var layers = [];
        lay.features.forEach(function (f) {
          var parts = decodeParts(f.g, lay.decimals, areas);
          if (!parts.length) return;
          var opts = Object.assign({renderer: renderer, interactive: false, smoothFactor: 1.2}, style);
          layers.push(areas ? L.polygon(parts, opts) : L.polyline(parts, opts));
        });
        cm.basemapLayers += layers.length;
        return L.layerGroup(layers);
      });
      if (lay.id === "world-border" && !worldDone) { worldDone = true; add(frame, 0, 99); }
    });
    if (basemap.relief && basemap.relief.image) {
      var relief = L.imageOverlay(basemap.relief.image, basemap.relief.bounds,
                                  {pane: "cm-relief", interactive: false, className: "cm-relief"});
      add(relief, 0, 99);
    }
    if (basemap.attribution && map.attributionControl) map.attributionControl.addAttribution(basemap.attribution);
    // Keep the draw order: world, frame, land; relief, water and lines sit in their own panes.
    function update() {
      var z = map.getZoom();
      if (!map.hasLayer(group)) return;
      bands.forEach(function (bd) {
        var on = z >= bd.minzoom && z <= bd.maxzoom;
        if (on && !bd.layer) bd.layer = bd.make();
        if (!bd.layer) return;
        if (on && !group.hasLayer(bd.layer)) group.addLayer(bd.layer);
        else if (!on && group.hasLayer(bd.layer)) group.removeLayer(bd.layer);
      });
    }
    map.on("zoomend", update);
    group.on("add", update);
    update();
    return basemap;
  }

  /* ---- labels: places first, then the basemap's, never overlapping ---- */

  // Label sizes: each label class's computed style is read once (font,
  // letter-spacing, capitals, padding, a town's dot), then every text is
  // measured with a canvas's measureText, which needs no layout of the page
  // (measuring real elements forced layouts of the whole page, the markers and
  // the places list included, several times while the map was set up).
  var sizeCache = {}, classMetrics = {}, measureCtx = null;
  function metricsOf(cls, dot) {
    var key = cls + (dot ? "|dot" : "");
    if (!classMetrics[key]) primeMetrics([[cls, dot]]);
    return classMetrics[key];
  }
  // Computed styles only (a style pass, no layout), read for all the label
  // classes together, before the markers and the places list exist.
  function primeMetrics(list) {
    var box = el("div");
    box.style.cssText = "position:absolute;left:-10000px;top:0;visibility:hidden";
    var probes = list.map(function (cd) {
      var e = el("div", cd[0]), d = el("span", "cm-town-dot");
      e.appendChild(d);
      box.appendChild(e);
      return [cd, e, d];
    });
    document.body.appendChild(box);
    var px = function (v) { return parseFloat(v) || 0; };
    probes.forEach(function (pr) {
      var cls = pr[0][0], dot = pr[0][1], cs = window.getComputedStyle(pr[1]), ds = window.getComputedStyle(pr[2]);
      var line = cs.lineHeight === "normal" ? 1.2 * px(cs.fontSize) : px(cs.lineHeight);
      classMetrics[cls + (dot ? "|dot" : "")] = {
        font: cs.fontStyle + " " + cs.fontWeight + " " + cs.fontSize + " " + cs.fontFamily,
        upper: cs.textTransform === "uppercase", spacing: px(cs.letterSpacing),
        extra: px(cs.paddingLeft) + px(cs.paddingRight) +
          (dot ? px(ds.width) + px(ds.marginLeft) + px(ds.marginRight) : 0),
        height: Math.ceil(Math.max(line, dot ? px(ds.height) : 0) + px(cs.paddingTop) + px(cs.paddingBottom))
      };
    });
    box.remove();
  }
  function labelSizes(items) {
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    return items.map(function (it) {
      var key = it.cls + "|" + (it.dot ? "1" : "") + it.text;
      var size = sizeCache[key];
      if (size) return size;
      var m = metricsOf(it.cls, it.dot), text = m.upper ? it.text.toUpperCase() : it.text;
      measureCtx.font = m.font;
      size = [Math.ceil(measureCtx.measureText(text).width + m.spacing * text.length + m.extra), m.height];
      sizeCache[key] = size;
      return size;
    });
  }

  function Boxes() { this.cells = {}; }
  Boxes.prototype.hits = function (b) {
    for (var gx = Math.floor(b[0] / 64); gx <= Math.floor(b[2] / 64); gx++) {
      for (var gy = Math.floor(b[1] / 64); gy <= Math.floor(b[3] / 64); gy++) {
        var list = this.cells[gx + ":" + gy];
        if (!list) continue;
        for (var k = 0; k < list.length; k++) {
          var o = list[k];
          if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1] && o[4] !== b[4]) return true;
        }
      }
    }
    return false;
  };
  Boxes.prototype.add = function (b) {
    for (var gx = Math.floor(b[0] / 64); gx <= Math.floor(b[2] / 64); gx++) {
      for (var gy = Math.floor(b[1] / 64); gy <= Math.floor(b[3] / 64); gy++) {
        (this.cells[gx + ":" + gy] = this.cells[gx + ":" + gy] || []).push(b);
      }
    }
  };

  var Labels = L.Layer.extend({
    onAdd: function (map) {
      this._box = el("div", "cm-label-layer");
      this._els = {};
      map.getPane("cm-labels").appendChild(this._box);
      map.on("zoomend moveend resize", this.update, this);
      map.on("zoomstart", this._hide, this);
      this.update();
    },
    onRemove: function (map) {
      if (this._frame) { clearTimeout(this._frame); this._frame = null; }
      map.off("zoomend moveend resize", this.update, this);
      map.off("zoomstart", this._hide, this);
      this._box.remove();
    },
    _hide: function () { this._box.style.display = "none"; },
    // Many things ask for new labels at once (a zoom ends, the selection
    // changes, a cluster animation ends): they are drawn once, after the current task.
    update: function () {
      if (this._frame) return;
      var self = this;
      this._frame = setTimeout(function () { self._frame = null; self._draw(); }, 0);
    },
    flush: function () {
      if (this._frame) { clearTimeout(this._frame); this._frame = null; }
      this._draw();
    },
    _draw: function () {
      var map = this._map;
      if (!map) return;
      var box = this._box;
      box.style.display = "";
      var z = map.getZoom(), size = map.getSize(), boxes = new Boxes();
      var pad = 40, view = [-pad, -pad, size.x + pad, size.y + pad];
      function screen(lat, lon) { return map.latLngToContainerPoint([lat, lon]); }
      function inView(pt) { return pt.x >= view[0] && pt.x <= view[2] && pt.y >= view[1] && pt.y <= view[3]; }
      var placeLabels = [], baseLabels = [];
      // A label is drawn whole or not at all: inside the map, off its controls
      // (legend, time filter, zoom and layer buttons, scale, attribution).
      function whole(b) { return b[0] >= 2 && b[1] >= 2 && b[2] <= size.x - 2 && b[3] <= size.y - 2; }
      var frame = map.getContainer().getBoundingClientRect();
      Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (c) {
        var r = c.getBoundingClientRect();
        if (r.width && r.height) {
          boxes.add([r.left - frame.left - 3, r.top - frame.top - 3, r.right - frame.left + 3,
                     r.bottom - frame.top + 3, "control"]);
        }
      });
      // Visible markers are obstacles for every label but their own: their
      // boxes, and their order by mentions, are kept while the view and the
      // markers stay as they are (a new selection draws its labels without
      // going over every marker of a view of thousands again).
      var seen = this._markersFor(size, view, screen, inView), markerBoxes = seen.boxes;
      // Selected and highlighted first, then by mentions (the payload's order).
      var first = cm.selected.concat(cm.highlighted), lit = {};
      first.forEach(function (i) { lit[i] = true; });
      var order = seen.order.filter(function (o) { return lit[o.i]; });
      order.sort(function (a, b) { return first.indexOf(a.i) - first.indexOf(b.i); });
      for (var n = 0; n < seen.order.length && order.length < PLACE_LABEL_TRIES; n++) {
        if (!lit[seen.order[n].i]) order.push(seen.order[n]);
      }
      // Names for what can fit: the most mentioned (selected first) until
      // PLACE_LABEL_TRIES have been tried; every marker stays an obstacle.
      // A place's spots that are inside the map and clear of every marker are
      // kept with this view's markers (seen): a new selection tries them
      // against the labels and controls only.
      order.forEach(function (o) {
        var free = o.free;
        if (!free) {
          var sz = labelSizes([{cls: "cm-label", text: cm.data.places[o.i].name}])[0], w = sz[0], h = sz[1];
          var gap = o.r + 1;
          free = o.free = [[gap, -h / 2], [-gap - w, -h / 2], [-w / 2, -gap - h], [-w / 2, gap]].map(function (sp) {
            var x = o.pt.x + sp[0], y = o.pt.y + sp[1];
            return [x, y, x + w, y + h, "m" + o.i];
          }).filter(function (b) { return whole(b) && !markerBoxes.hits(b); });
        }
        for (var k = 0; k < free.length; k++) {
          var b = free[k];
          if (boxes.hits(b)) continue;
          boxes.add(b);
          placeLabels.push({i: o.i, x: b[0], y: b[1]});
          break;
        }
      });
      var base = cm.basemap && cm.basemap.labels;
      var onBase = cm.basemap && map.hasLayer(cm.baseGroup);
      if (base && onBase) {
        // The basemap's names in view that are clear of the markers, kept with them (seen).
        if (!seen.base) {
          var kinds = cm.basemap.labelKinds, cands = [];
          for (var n = 0; n < base.length; n++) {
            var row = base[n];
            if (row[4] > z) break;  // rows are sorted by zoom, then rank
            var pt = screen(row[2], row[1]);
            if (inView(pt)) cands.push({row: row, n: n, pt: pt, kind: kinds[row[3]]});
            if (cands.length > 1500) break;
          }
          var sizes = labelSizes(cands.map(function (c) {
            return {cls: "cm-base-label cm-base-" + c.kind, text: c.row[0], dot: c.kind === "settlement"}; }));
          seen.base = [];
          for (var k = 0; k < cands.length; k++) {
            var c = cands[k], w = sizes[k][0], h = sizes[k][1], bx;
            // A settlement's dot sits on its point, the text to its right.
            if (c.kind === "settlement") bx = [c.pt.x - 4, c.pt.y - h / 2, c.pt.x - 4 + w, c.pt.y + h / 2, "b" + c.n];
            else bx = [c.pt.x - w / 2, c.pt.y - h / 2, c.pt.x + w / 2, c.pt.y + h / 2, "b" + c.n];
            if (whole(bx) && !markerBoxes.hits(bx)) seen.base.push({c: c, bx: bx});
          }
        }
        for (var k = 0; k < seen.base.length; k++) {
          var c = seen.base[k].c, bx = seen.base[k].bx;
          if (boxes.hits(bx)) continue;
          boxes.add(bx);
          baseLabels.push({row: c.row, n: c.n, kind: c.kind, x: bx[0], y: bx[1]});
          if (baseLabels.length > 400) break;
        }
      }
      // The labels drawn last time that are drawn again keep their elements
      // (a new selection changes a few labels, not the page's hundreds).
      // Labels never overlap, so their order in the layer does not matter.
      var frag = document.createDocumentFragment();
      var origin = map.containerPointToLayerPoint([0, 0]), old = this._els || {}, now = {};
      function place(key, make, x, y) {
        var e = old[key];
        if (e) delete old[key]; else { e = make(); frag.appendChild(e); }
        var at = "translate(" + Math.round(x + origin.x) + "px," + Math.round(y + origin.y) + "px)";
        if (e.cmAt !== at) { e.style.transform = at; e.cmAt = at; }
        now[key] = e;
      }
      baseLabels.forEach(function (b) {
        place("b" + b.n, function () {
          var e = el("div", "cm-base-label cm-base-" + b.kind);
          if (b.kind === "settlement") e.appendChild(el("span", "cm-town-dot"));
          e.appendChild(el("span", null, b.row[0]));
          return e;
        }, b.x, b.y);
      });
      placeLabels.forEach(function (l) {
        var on = first.indexOf(l.i) >= 0, name = cm.data.places[l.i].name;
        place("m" + l.i + (on ? "+" : "-") + name, function () {
          var e = el("div", "cm-label" + (on ? " cm-label-on" : ""), name);
          e.addEventListener("click", function (ev) { pick(l.i, {originalEvent: ev}); });
          return e;
        }, l.x, l.y);
      });
      Object.keys(old).forEach(function (key) { old[key].remove(); });
      this._els = now;
      box.appendChild(frag);
      document.documentElement.dataset.cmLabels = String(z);
    },
    // The visible markers' boxes and their order by mentions, for this view
    // of the map and this state of the markers (markersMoved() says it changed).
    _markersFor: function (size, view, screen, inView) {
      var map = this._map, o = map.containerPointToLayerPoint([0, 0]), po = map.getPixelOrigin();
      var key = [map.getZoom(), o.x, o.y, po.x, po.y, size.x, size.y, markerState].join();
      if (this._seen && this._seen.key === key) return this._seen;
      var boxes = new Boxes(), order = [], max = cm.maxCount, dots = cm.dots;
      function seenAt(i, pt) {
        if (!inView(pt)) return;
        var r = diameter(countOf(i), max) / 2;
        boxes.add([pt.x - r, pt.y - r, pt.x + r, pt.y + r, "m" + i]);
        order.push({i: i, pt: pt, r: r});
      }
      if (dots && dots._map) dots._project();  // (once a zoom; the labels may ask before the dots' moveend)
      if (dots && dots._map && dots._grid) {
        // The dots' own pixels: container point = absolute pixel - pixel origin + the map pane's offset.
        var dx = o.x + po.x, dy = o.y + po.y;
        for (var i = 0; i < dots._n; i++) {
          if (cm.visible[i]) seenAt(i, {x: dots._ax[i] - dx, y: dots._ay[i] - dy});
        }
      } else if (!dots) {
        cm.markers.forEach(function (m, i) {
          if (!cm.visible[i] || !m._map) return;
          var p = cm.data.places[i];
          seenAt(i, screen(p.lat, p.lon));
        });
      }
      order.sort(function (a, b) { return countOf(b.i) - countOf(a.i) || a.i - b.i; });
      this._seen = {key: key, boxes: boxes, order: order};
      return this._seen;
    }
  });

  // Bumped whenever markers are shown or hidden, resized or moved.
  var markerState = 0;
  function markersMoved() { markerState += 1; }

  /* ---- selection ---- */

  function markerElement(i) {
    var m = cm.markers[i];
    return m && m.getElement ? m.getElement() : null;
  }

  // Restyles only the places whose state changed since the last call (the
  // selected and highlighted ones, before and now), never every marker.
  // again: restyle the lit ones too (their elements were made anew).
  function refreshClasses(again) {
    var now = {}, todo = {};
    if (again === true) Object.keys(cm.lit).forEach(function (k) { todo[k] = true; });
    cm.selected.forEach(function (i) { now[i] = "s"; });
    cm.highlighted.forEach(function (i) { if (!now[i]) now[i] = "h"; });
    Object.keys(now).forEach(function (k) { if (cm.lit[k] !== now[k]) todo[k] = true; });
    Object.keys(cm.lit).forEach(function (k) { if (!now[k]) todo[k] = true; });
    cm.lit = now;
    Object.keys(todo).map(Number).forEach(function (i) {
      var m = cm.markers[i], state = now[i];
      if (cm.dots) {
        if (i < cm.dots._n) cm.dots.restyle(i);
      } else if (!m) {
        return;
      } else {
        var z = state ? 100000 : countOf(i);
        if (m.options.zIndexOffset !== z) m.setZIndexOffset(z);
        var e = markerElement(i);
        if (e) {
          e.classList.toggle("cm-selected", state === "s");
          e.classList.toggle("cm-highlighted", state === "h");
        }
      }
      (cm.shapesOf[i] || []).forEach(function (s) {
        s.setStyle(state ? {weight: s.cmArea ? 3 : 6, opacity: 1, fillOpacity: s.cmArea ? 0.15 : 0}
                         : {weight: s.cmArea ? 1 : 3, opacity: s.cmArea ? 0.5 : 0.75, fillOpacity: s.cmArea ? 0.03 : 0});
      });
    });
    if (cm.labels) cm.labels.update();
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
      if (!cm.map.getBounds().contains(bounds)) cm.map.panTo(bounds.getCenter());
    } else if (!cm.map.getBounds().contains(bounds)) {
      cm.map.fitBounds(bounds.pad(0.3), {maxZoom: 9});
    }
  }

  function select(ids, opts) {
    opts = opts || {};
    cm.selected = indicesOf(ids);
    cm.highlighted = [];
    if (!cm.selected.length) closeTooltips();
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

  /* ---- time: a range over the documents' dates ---- */

  function docDate(d) { return d.date || (d.year ? String(d.year) : null); }

  function inRange(d) {
    if (!cm.range) return true;
    var v = docDate(d);
    if (!v) return false;  // undated documents are outside any chosen range
    // Compared at each bound's precision, as maps.date_in_range does.
    return v.slice(0, cm.range[0].length) >= cm.range[0].slice(0, v.length) &&
           v.slice(0, cm.range[1].length) <= cm.range[1];
  }

  function applyRange() {
    // Counts per place from the passages of the documents in range.
    var docs = cm.data.meta.documents, counts = [], docSets = [];
    cm.data.places.forEach(function () { counts.push(0); docSets.push({}); });
    if (cm.data.placeDocs) {
      // The page carries only some passages (or none): recount from mentions per place and document.
      // Each place's list is flat: [document, mentions, document, mentions, …].
      var docIn = docs.map(inRange);
      cm.data.placeDocs.forEach(function (pairs, i) {
        for (var k = 0; k < pairs.length; k += 2) {
          if (!docIn[pairs[k]]) continue;
          counts[i] += pairs[k + 1]; docSets[i][pairs[k]] = true;
        }
      });
    } else {
      cm.data.passages.forEach(function (ps) {
        if (!inRange(docs[ps.doc])) return;
        ps.marks.forEach(function (mk) { counts[mk[2]] += 1; docSets[mk[2]][ps.doc] = true; });
      });
    }
    cm.counts = cm.range ? counts : null;
    cm.docCounts = cm.range ? docSets.map(function (s) { return Object.keys(s).length; }) : null;
    var max = 0;
    cm.data.places.forEach(function (p, i) { if (countOf(i) > max) max = countOf(i); });
    cm.maxCount = max;
    markersMoved();
    var target = cm.layers.places, dots = cm.dots;
    cm.data.places.forEach(function (p, i) {
      var show = countOf(i) > 0 || cm.selected.indexOf(i) >= 0 || p.count === 0, m = cm.markers[i];
      if (show !== cm.visible[i]) {
        cm.visible[i] = show;
        if (m) { if (show) target.addLayer(m); else target.removeLayer(m); }
      }
      if (!show) return;
      if (dots) {
        dots.setRadius(i, diameter(countOf(i), max) / 2);
      } else {
        m.setIcon(markerIcon(i, max));
        if (!cm.lit[i]) m.setZIndexOffset(countOf(i));
      }
    });
    if (dots) dots.redrawAll();
    cm.shapes.forEach(function (s) {
      var show = cm.visible[s.cmIndex];
      if (show && !cm.layers.shapes.hasLayer(s)) cm.layers.shapes.addLayer(s);
      if (!show && cm.layers.shapes.hasLayer(s)) cm.layers.shapes.removeLayer(s);
    });
    refreshClasses(true);
    renderPanel();
    if (cm.timeBox) cm.timeBox.sync();
  }

  function setTimeRange(from, to, source) {
    cm.range = (from || to) ? [String(from || "0000"), String(to || "9999")] : null;
    applyRange();
    if (source !== "host" && typeof cm.onTimeRange === "function") {
      cm.onTimeRange(cm.range ? cm.range[0] : null, cm.range ? cm.range[1] : null);
    }
  }

  function timeControl() {
    var years = {};
    cm.data.meta.documents.forEach(function (d) { var v = docDate(d); if (v && d.shown) years[v.slice(0, 4)] = 1; });
    var list = Object.keys(years).sort();
    if (list.length < 2) return null;
    var ctl = L.control({position: "topright"});
    ctl.onAdd = function () {
      var box = el("div", "cm-time leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      box.appendChild(el("span", "cm-time-title", "Documents dated"));
      var from = el("select"), to = el("select");
      from.setAttribute("aria-label", "from year");
      to.setAttribute("aria-label", "to year");
      list.forEach(function (y) { from.appendChild(new Option(y, y)); to.appendChild(new Option(y, y)); });
      var info = el("span", "cm-time-info");
      box.appendChild(from); box.appendChild(el("span", null, "–")); box.appendChild(to); box.appendChild(info);
      function changed() {
        if (from.value > to.value) { if (this === from) to.value = from.value; else from.value = to.value; }
        var all = from.value === list[0] && to.value === list[list.length - 1];
        setTimeRange(all ? null : from.value, all ? null : to.value);
      }
      from.addEventListener("change", changed);
      to.addEventListener("change", changed);
      cm.timeBox = {sync: function () {
        from.value = cm.range ? (list.filter(function (y) { return y >= cm.range[0].slice(0, 4); })[0] || list[0]) : list[0];
        to.value = cm.range ? (list.filter(function (y) { return y <= cm.range[1].slice(0, 4); }).pop() || list[list.length - 1])
                            : list[list.length - 1];
        var docs = cm.data.meta.documents.filter(function (d) { return d.shown; });
        var n = docs.filter(inRange).length;
        info.textContent = n + " of " + docs.length + " documents" +
          (cm.range ? "" : (docs.some(function (d) { return !docDate(d); }) ? " (some undated)" : ""));
      }};
      cm.timeBox.sync();
      return box;
    };
    return ctl;
  }

  /* ---- side panel (exported explorer) ---- */

  function passageNode(ps, selectedSet) {
    var item = el("article", "cm-passage" + (ps.ref ? " cm-ref" : ""));
    var doc = cm.data.meta.documents[ps.doc];
    var head = el("header", "cm-passage-head");
    head.appendChild(el("span", "cm-doc", doc.title + (docDate(doc) ? " (" + docDate(doc) + ")" : "")));
    var where = "¶" + ps.n + (ps.page ? " · p. " + ps.page : "") + (ps.section ? " · " + ps.section : "") +
      (ps.ref ? " · references" : "");
    head.appendChild(el("span", "cm-where", where));
    item.appendChild(head);
    var body = el("p", "cm-text");
    var pos = 0;
    ps.marks.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (mk) {
      if (mk[0] < pos) return;
      body.appendChild(document.createTextNode(ps.text.slice(pos, mk[0])));
      var surface = ps.text.slice(mk[0], mk[1]);
      var node, checked = mk[3] > 0;  // a reviewer confirmed, corrected or added it
      if (selectedSet[mk[2]]) {
        node = el("mark", "cm-mark" + (checked ? " cm-checked" : ""), surface);
        if (checked) node.title = "checked by a reviewer";
      } else {
        node = el("a", "cm-place-link" + (checked ? " cm-checked" : ""), surface);
        node.href = "#";
        node.title = cm.data.places[mk[2]].name + (checked ? " (checked by a reviewer)" : "");
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

  var LIST_BATCH = 400;  // places list items made at a time (more as the list is scrolled)
  var PASSAGE_PAGE = 50;  // passages drawn at a time (more on demand, or as the list is scrolled)

  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  // A long list drawn a batch at a time into `list`: the next batch is made
  // when the "more" row at its end comes into sight or its button is pressed
  // (it stays in place, so the keyboard focus stays on it). `make(item)`
  // gives an item's node, `moreText(made, total)` the row's text.
  function pagedList(list, items, make, batch, moreText) {
    var made = 0;
    var more = el(list.tagName === "OL" || list.tagName === "UL" ? "li" : "div", "cm-more");
    var button = el("button", "cm-more-button");
    button.type = "button";
    more.appendChild(button);
    function fill() {
      var frag = document.createDocumentFragment();
      var end = Math.min(items.length, made + batch);
      for (; made < end; made++) frag.appendChild(make(items[made]));
      list.insertBefore(frag, more.parentNode === list ? more : null);
      if (made < items.length) {
        button.textContent = moreText(made, items.length);
        if (more.parentNode !== list) list.appendChild(more);
      } else if (more.parentNode === list) {
        var focused = more.contains(document.activeElement);
        list.removeChild(more);
        if (focused) { list.tabIndex = -1; list.focus(); }
      }
    }
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        if (more.parentNode === list && entries.some(function (e) { return e.isIntersecting; })) fill();
      }).observe(more);
    }
    button.addEventListener("click", fill);
    fill();
    return {
      more: fill,
      made: function () { return made; },
      reset: function (next) { items = next; made = 0; list.textContent = ""; fill(); }
    };
  }

  // The passages (indices into data.passages) that mention every selected
  // place, in the time range, in corpus order: the shortest place's list
  // walked once, the others looked up in sets, each document's date checked once.
  function selectionPassages(selected) {
    var data = cm.data, docs = data.meta.documents, lists = selected.map(function (i) { return data.placePassages[i]; });
    if (!lists.length) return [];
    var shortest = 0;
    lists.forEach(function (l, k) { if (l.length < lists[shortest].length) shortest = k; });
    var others = [];
    lists.forEach(function (l, k) { if (k !== shortest) others.push(new Set(l)); });
    var docIn = new Map();
    return lists[shortest].filter(function (n) {
      var d = data.passages[n].doc, ok = docIn.get(d);
      if (ok === undefined) { ok = inRange(docs[d]); docIn.set(d, ok); }
      if (!ok) return false;
      for (var k = 0; k < others.length; k++) if (!others[k].has(n)) return false;
      return true;
    });
  }

  function folded(text) { return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }

  function placesList() {
    var box = el("section", "cm-places");
    var shown = [];
    cm.data.places.forEach(function (p, i) { if (cm.visible[i]) shown.push(i); });
    shown.sort(function (a, b) { return countOf(b) - countOf(a) || a - b; });
    box.appendChild(el("h2", null, "Places (" + shown.length + ")"));
    var filter = el("input", "cm-filter");
    filter.type = "search";
    filter.placeholder = "Filter places…";
    filter.setAttribute("aria-label", "Filter places");
    box.appendChild(filter);
    var list = el("ol", "cm-place-list");
    function item(i) {
      var p = cm.data.places[i];
      var li = el("li");
      var a = el("a", "cm-place-item");
      a.href = "#";
      var dot = el("span", "cm-swatch");
      dot.style.background = colour(p.kind);
      a.appendChild(dot);
      a.appendChild(el("span", "cm-place-name", p.name));
      a.appendChild(el("span", "cm-place-count", String(countOf(i))));
      a.addEventListener("click", function (ev) { ev.preventDefault(); select([i], {pan: true}); });
      li.appendChild(a);
      return li;
    }
    // A view of thousands of places lists them in batches, the next one made
    // when the end of the list comes into sight (the filter searches them all).
    var pages = pagedList(list, shown, item, LIST_BATCH, function (made, total) { return (total - made) + " more…"; });
    var search = null;
    filter.addEventListener("input", function () {
      var q = folded(filter.value);
      if (!search) {
        search = {};
        shown.forEach(function (i) {
          var p = cm.data.places[i];
          search[i] = folded(p.name + " " + p.aliases.join(" "));
        });
      }
      pages.reset(q ? shown.filter(function (i) { return search[i].indexOf(q) >= 0; }) : shown);
    });
    box.appendChild(list);
    return box;
  }

  function aboutBox() {
    var meta = cm.data.meta;
    var box = el("details", "cm-about");
    box.appendChild(el("summary", null, "About this map"));
    var total = 0;
    cm.data.places.forEach(function (p, i) { total += countOf(i); });
    box.appendChild(el("p", null, total + " mentions of " + cm.data.places.filter(function (p, i) { return cm.visible[i]; }).length +
      " places. Gazetteer: " + meta.gazetteer.file + " (" + meta.gazetteer.places + " places). Exported " + meta.exported +
      " by " + meta.generator + "."));
    var list = el("ul", "cm-docs");
    meta.documents.forEach(function (d) {
      if (!d.shown) return;
      var li = el("li");
      if (!inRange(d)) li.className = "cm-out-of-range";
      li.appendChild(el("span", "cm-doc", d.title));
      var by = [d.authors.join(", "), docDate(d), d.venue].filter(function (x) { return x; }).join(" · ");
      if (by) li.appendChild(el("span", "cm-by", " — " + by));
      list.appendChild(li);
    });
    box.appendChild(list);
    if (cm.basemap && cm.basemap.sources) {
      box.appendChild(el("p", "cm-sources", "Basemap: " + Object.keys(cm.basemap.sources).map(function (k) {
        return cm.basemap.sources[k]; }).filter(function (v, k, a) { return a.indexOf(v) === k; }).join("; ") + "."));
    }
    return box;
  }

  function legend() {
    var box = el("div", "cm-legend");
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    var head = el("button", "cm-legend-toggle", "Legend");
    head.type = "button";
    var body = el("div", "cm-legend-body");
    Object.keys(cm.data.kinds).forEach(function (k) {
      var row = el("div", "cm-legend-row");
      var dot = el("span", "cm-swatch");
      dot.style.background = cm.data.kinds[k];
      row.appendChild(dot);
      row.appendChild(el("span", null, k));
      body.appendChild(row);
    });
    body.appendChild(el("div", "cm-legend-note", "circle area ∝ mentions"));
    if (cm.basemap) {
      [["cm-key-border", "international border"], ["cm-key-province", "province boundary"],
       ["cm-key-river", "river"]].forEach(function (kv) {
        var row = el("div", "cm-legend-line");
        row.appendChild(el("span", "cm-key " + kv[0]));
        row.appendChild(el("span", null, kv[1]));
        body.appendChild(row);
      });
    }
    box.appendChild(head);
    box.appendChild(body);
    // Open by default where there is room; the user's choice is remembered.
    var size = cm.map.getSize(), roomy = size.y >= 620 && size.x >= 640;
    var open = remembered("legend", roomy ? "open" : "closed") === "open";
    function show(on) {
      box.classList.toggle("cm-collapsed", !on);
      head.setAttribute("aria-expanded", on ? "true" : "false");
      head.title = on ? "Hide the legend" : "Show the legend";
    }
    show(open);
    // The user's choice is kept in the page's storage and told to the host
    // (the app keeps it in its settings: its pages have no lasting storage).
    cm.setLegend = function (on, fromUser) {
      open = !!on; show(open); remember("legend", open ? "open" : "closed");
      if (fromUser && typeof cm.onLegend === "function") cm.onLegend(open);
      if (cm.labels) cm.labels.update();  // labels keep off the legend
      return open;
    };
    head.addEventListener("click", function () { cm.setLegend(!open, true); });
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
      h.appendChild(el("div", "cm-sub", p.kind + (p.origin === "reference" ? " (reference gazetteer)" : "") +
        " · " + countOf(i) + " mentions in " + docsOf(i) + " documents"));
      if (p.aliases.length) h.appendChild(el("div", "cm-aliases", "Also: " + p.aliases.join(", ")));
      if (p.note) h.appendChild(el("p", "cm-note", p.note));
      panel.appendChild(h);
    });
    // Passages mentioning every selected place (co-occurrence when several), in
    // the time range, drawn a page at a time.
    var shown = selectionPassages(cm.selected);
    cm.shownPassages = shown;
    panel.appendChild(el("h3", "cm-count", thousands(shown.length) + (shown.length === 1 ? " passage" : " passages")));
    var totals = cm.data.passageTotals;
    var capped = totals && cm.selected.some(function (i) { return totals[i] > cm.data.placePassages[i].length; });
    if (capped) {
      // A large corpus: the file carries each place's first passages only.
      var most = Math.max.apply(null, cm.selected.map(function (i) { return totals[i]; }));
      var each = cm.data.passagesPerPlace ? "the first " + thousands(cm.data.passagesPerPlace) : "the first";
      panel.appendChild(el("p", "cm-note", "This file carries " + each + " passages of each place only (" +
        thousands(most) + " in all): the caucasusmap app or 'caucasusmap passages' lists every one."));
    }
    var list = el("div", "cm-passages");
    panel.appendChild(list);
    pagedList(list, shown, function (n) { return passageNode(cm.data.passages[n], set); }, PASSAGE_PAGE,
              function (made, total) { return thousands(made) + " of " + thousands(total) + " — show more"; });
  }

  /* ---- init ---- */

  function init(map, layers, options) {
    cm.map = map;
    cm.layers = layers;
    cm.data = readJson("cm-data");
    if (!cm.data) return;
    cm.data.places.forEach(withDefaults);
    cm.byId = {};
    cm.data.places.forEach(function (p, i) { cm.byId[p.id] = i; });
    cm.baseGroup = layers.base;
    if (options.explorer) {
      cm.panel = document.getElementById("cm-panel");
      document.body.classList.add("cm-with-panel");
      map.invalidateSize();
    }
    // The view first, without animation: the basemap band, the clusters and
    // the labels are then made once, for the zoom the user will see.
    if (cm.data.center && cm.data.zoom !== null) map.setView(cm.data.center, cm.data.zoom, {animate: false});
    else if (cm.data.fit) map.fitBounds(cm.data.fit, {padding: [24, 24], animate: false});
    cm.basemap = drawBasemap(layers.base);
    primeMetrics([["cm-label", false]].concat(((cm.basemap && cm.basemap.labelKinds) || []).map(function (k) {
      return ["cm-base-label cm-base-" + k, k === "settlement"]; })));
    var max = 0;
    cm.data.places.forEach(function (p) { if (p.count > max) max = p.count; });
    cm.maxCount = max;
    // No place is ever hidden in a cluster. A large view draws its markers on
    // one canvas (in a pane under the labels), a small one as elements (keyboard focus, CSS rings).
    var many = cm.data.places.length >= MANY;
    map.getContainer().classList.toggle("cm-many", many);
    if (many) {
      var pane = map.getPane("cm-dots") || map.createPane("cm-dots");
      pane.style.zIndex = 440;
      pane.style.pointerEvents = "none";  // the map's container hears the dots' events (dotEvents)
      cm.dots = new DotLayer(cm.data.places.length, {pane: "cm-dots", padding: 0.1});
      dotEvents(map);
    }
    cm.visible = [];
    cm.shapesOf = {};
    cm.data.places.forEach(function (p, i) {
      if (p.geometry && p.geometry.type !== "Point") {
        var s = makeShape(p, i);
        cm.shapes.push(s);
        (cm.shapesOf[i] = cm.shapesOf[i] || []).push(s);
        layers.shapes.addLayer(s);
      }
    });
    if (cm.dots) {
      var dotLayer = cm.dots;
      cm.data.places.forEach(function (p, i) {
        dotLayer.setPosition(i, p.lat, p.lon);
        dotLayer.setRadius(i, diameter(p.count, max) / 2);
        cm.visible.push(true);
      });
      layers.places.addLayer(dotLayer);
    } else {
      cm.data.places.forEach(function (p, i) {
        var m = makeMarker(p, i, max);
        cm.markers.push(m);
        cm.visible.push(true);
        layers.places.addLayer(m);
      });
    }
    cm.labels = new Labels();
    layers.places.addLayer(cm.labels);
    map.on("baselayerchange", function () { if (cm.labels) cm.labels.update(); });
    // Shown again from the layer control: marker elements are made anew.
    layers.places.on("add", function () { markersMoved(); refreshClasses(true); });
    layers.places.on("remove", markersMoved);
    var legendCtl = L.control({position: "bottomleft"});
    legendCtl.onAdd = legend;
    legendCtl.addTo(map);
    var time = timeControl();
    if (time) time.addTo(map);
    // Narrow maps (the app's map dock) get compact controls.
    function narrow() { map.getContainer().classList.toggle("cm-narrow", map.getSize().x < 640); }
    map.on("resize", narrow);
    narrow();
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { closeTooltips(); if (cm.selected.length) select([], {pan: false}); }
    });
    map.on("click", closeTooltips);
    map.on("layeradd", function (e) {
      if (e.layer instanceof L.Tooltip && openTips.indexOf(e.layer) < 0) openTips.push(e.layer);
    });
    if (cm.data.timeRange) setTimeRange(cm.data.timeRange[0], cm.data.timeRange[1], "host");
    select(cm.data.selected, {pan: false, source: "host"});
    if (cm.data.highlight && cm.data.highlight.length) highlight(cm.data.highlight, {fit: false});
    cm.labels.flush();  // the labels asked for while setting up, drawn once
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
    setView: function (lat, lon, zoom) { cm.map.setView([lat, lon], zoom, {animate: false}); },
    setTimeRange: function (from, to) { setTimeRange(from, to, "host"); return JSON.stringify(cm.range); },
    setPickMode: function (on) {
      // While the host picks coordinates, clicks on areas and lines reach the map.
      cm.pickMode = !!on;
      document.documentElement.classList.toggle("cm-picking", cm.pickMode);
      return cm.pickMode;
    },
    setEditable: function (on) {
      // Let the user drag markers to correct positions (the host saves them).
      cm.editable = !!on;
      if (cm.dots) return on;  // canvas dots: dragDot, on a press
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
      if (cm.dots && !cm.picksRenderer) {
        // Over the dots, in a pane of their own that takes no events but on the circles.
        var pane = cm.map.createPane("cm-picks");
        pane.style.zIndex = 445;
        pane.style.pointerEvents = "none";
        cm.picksRenderer = L.svg({pane: "cm-picks"});
      }
      (picks || []).forEach(function (p) {
        var m = L.circleMarker([p.lat, p.lon], Object.assign({radius: 9, color: "#c2410c", weight: 3, fillOpacity: 0.2},
                                                             cm.picksRenderer ? {renderer: cm.picksRenderer} : {}))
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
    setLegend: function (open) { return cm.setLegend ? cm.setLegend(open, false) : null; },
    _state: cm
  };
  ["onSelect", "onPick", "onMove", "onTimeRange", "onLegend"].forEach(function (name) {
    Object.defineProperty(window.caucasusmap, name, {
      get: function () { return cm[name]; }, set: function (f) { cm[name] = f; }
    });
  });
})();
