// Ceasefire Monitor dashboard. Every view reads the JSON API; filters live in the URL so a view
// can be shared. Report text is untrusted: it only ever reaches the page through textContent.
"use strict";

const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9",
  "Riots": "#16a085",
};
const FILTER_NAMES = ["since", "until", "country", "type", "actor"];
const MAP_LIMIT = 1000;  // the newest incidents with coordinates that the map draws
const PLACE_LABELS_UP_TO = 40;  // with more markers than this, places are named in tooltips only
const MARKER_COLOURS = { agreement: "#1b7f3b", extension: "#0f766e", end: "#b3261e", talks: "#2563eb" };
const SORT_COLUMNS = [["date", "Date"], ["type", "What"], ["place", "Where"], [null, "Who"],
                      ["killed", "Killed"], ["sources", "Sources"]];

const state = {
  map: null, markers: null, borders: null, chart: null,
  table: { sort: "-date", offset: 0, size: 25, unmappedOnly: false },
};

// Words for people, never raw codes: "in_force" is "in force", a missing value a dash.
function human(value) {
  if (value === null || value === undefined || value === "") return "–";
  return String(value).replace(/_/g, " ");
}

function currentFilters() {
  const params = new URLSearchParams(window.location.search);
  const out = {};
  for (const name of FILTER_NAMES) if (params.get(name)) out[name] = params.get(name);
  return out;
}

async function api(path, params = {}) {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`/api/${path}${query ? "?" + query : ""}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function fatalitiesText(f) {
  if (!f || f.best === null || f.best === undefined) return "";
  return f.low === f.high ? `${f.best}` : `${f.best} (${f.low}–${f.high})`;
}

function placeText(location) {
  if (!location) return "place unknown";
  return [location.name, location.admin1, location.country].filter((p, i, all) => p && all.indexOf(p) === i).join(", ");
}

function actorsText(incident) {
  return [incident.actor1, incident.actor2].filter(Boolean).join(" vs ") || "actors unknown";
}

function incidentTitle(incident) {
  return `${incident.date || "undated"} · ${incident.sub_event_type || incident.event_type} · ${placeText(incident.location)}`;
}

// ---------------------------------------------------------------- filters

async function setUpFilters() {
  const options = await api("filters");
  const form = document.getElementById("filters");
  const lists = { country: options.countries, type: options.event_types, actor: options.actors };
  for (const [name, values] of Object.entries(lists)) {
    const select = form.elements[name];
    for (const value of values) select.append(el("option", { value }, value));
  }
  const filters = currentFilters();
  for (const name of FILTER_NAMES) form.elements[name].value = filters[name] || "";
  form.addEventListener("change", () => {
    const params = new URLSearchParams();
    for (const name of FILTER_NAMES) if (form.elements[name].value) params.set(name, form.elements[name].value);
    history.replaceState(null, "", params.toString() ? `?${params}` : window.location.pathname);
    state.table.offset = 0;
    refresh();
  });
  form.addEventListener("reset", () => setTimeout(() => form.dispatchEvent(new Event("change")), 0));
}

// ---------------------------------------------------------------- map

function markerRadius(killed) {
  return 5 + Math.min(20, Math.sqrt(killed || 0) * 2);
}

async function setUpMap() {
  state.map = L.map("map", { worldCopyJump: true, maxZoom: 12 }).setView([32, 68], 5);
  const atlas = await (await fetch("/static/vendor/world-atlas/countries-50m.json")).json();
  const countries = topojson.feature(atlas, atlas.objects.countries);
  state.borders = L.geoJSON(countries, {
    style: { color: "#8a94a6", weight: 1, fillColor: "#eef0f3", fillOpacity: 1 },
    onEachFeature: (feature, layer) => {
      if (feature.properties && feature.properties.name) {
        layer.bindTooltip(feature.properties.name, { permanent: true, direction: "center", className: "country-label" });
      }
    },
  }).addTo(state.map);
  const mapBox = document.getElementById("map");
  const showLabels = () => mapBox.classList.toggle("far", state.map.getZoom() < 4);
  state.map.on("zoomend", showLabels);
  showLabels();
  state.markers = (L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 40, animate: false }) : L.layerGroup())
    .addTo(state.map);
  const legend = document.getElementById("legend");
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    legend.append(el("span", {}, el("i", { style: `background:${colour}` }), type));
  }
  const sizes = el("span", { class: "sizes" }, "killed:");
  for (const killed of [0, 10, 100]) {
    const size = 2 * markerRadius(killed);
    sizes.append(el("i", { style: `width:${size}px;height:${size}px` }), String(killed));
  }
  legend.append(sizes);
}

function outlineParties(parties) {
  const names = new Set(parties);
  state.borders.setStyle((feature) => names.has(feature.properties.name)
    ? { color: "#1d2430", weight: 2.5, fillColor: "#fdf6e3", fillOpacity: 1 }
    : { color: "#8a94a6", weight: 1, fillColor: "#eef0f3", fillOpacity: 1 });
}

function drawMarkers(incidents) {
  state.markers.clearLayers();
  const points = [];
  const labelled = incidents.length <= PLACE_LABELS_UP_TO;
  for (const incident of incidents) {
    const loc = incident.location;
    if (!loc || loc.lat === null || loc.lon === null) continue;
    const marker = L.circleMarker([loc.lat, loc.lon], {
      radius: markerRadius(incident.fatalities.best),
      color: "#1d2430", weight: 1, fillOpacity: 0.8,
      fillColor: TYPE_COLOURS[incident.event_type] || "#555",
      className: "incident-marker",
    });
    marker.bindTooltip(labelled ? loc.name : incidentTitle(incident),
      labelled ? { permanent: true, direction: "right", className: "place-label" } : {});
    marker.on("click", () => showIncident(incident.id));
    state.markers.addLayer(marker);
    points.push([loc.lat, loc.lon]);
  }
  document.getElementById("map").dataset.markers = String(points.length);
  if (points.length) state.map.fitBounds(points, { maxZoom: 7, padding: [30, 30], animate: false });
}

// ---------------------------------------------------------------- incident table

async function renderTable(filters) {
  const params = { ...filters, sort: state.table.sort, limit: state.table.size, offset: state.table.offset };
  if (state.table.unmappedOnly) params.located = "false";
  const page = await api("incidents", params);
  const box = document.getElementById("incident-table");
  box.replaceChildren();
  const header = el("tr", {});
  for (const [key, label] of SORT_COLUMNS) {
    if (!key) { header.append(el("th", {}, label)); continue; }
    const sorted = state.table.sort.replace("-", "") === key;
    const th = el("th", { class: "sortable", "data-sort": key, tabindex: "0",
                          "aria-sort": sorted ? (state.table.sort.startsWith("-") ? "descending" : "ascending") : "none" },
                  label);
    th.addEventListener("click", () => {
      state.table.sort = state.table.sort === `-${key}` ? key : `-${key}`;
      state.table.offset = 0;
      renderTable(currentFilters());
    });
    header.append(th);
  }
  const table = el("table", { id: "incidents" }, el("thead", {}, header));
  const body = el("tbody", {});
  for (const incident of page.items) {
    const mapped = incident.location && incident.location.lat !== null;
    body.append(el("tr", { class: "incident", "data-id": incident.id, onclick: () => showIncident(incident.id) },
      el("td", {}, incident.date || "undated"),
      el("td", {}, incident.sub_event_type || incident.event_type),
      el("td", {}, placeText(incident.location), mapped ? null : el("span", { class: "unmapped" }, " (not on the map)")),
      el("td", {}, actorsText(incident)),
      el("td", {}, fatalitiesText(incident.fatalities) || "–", incident.disputed ? " disputed" : ""),
      el("td", {}, incident.sources)));
  }
  table.append(body);
  box.append(page.items.length ? table : el("p", { class: "hint" }, "No incident matches."));
  const last = Math.min(page.offset + page.items.length, page.total);
  document.getElementById("page-info").textContent =
    page.total ? `${page.offset + 1}–${last} of ${page.total}` : "0 of 0";
  document.getElementById("page-prev").disabled = page.offset === 0;
  document.getElementById("page-next").disabled = last >= page.total;
  box.dataset.view = `${state.table.sort} ${page.offset} ${page.limit} ${state.table.unmappedOnly}`;  // rendered
}

function setUpTable() {
  document.getElementById("page-prev").addEventListener("click", () => {
    state.table.offset = Math.max(0, state.table.offset - state.table.size);
    renderTable(currentFilters());
  });
  document.getElementById("page-next").addEventListener("click", () => {
    state.table.offset += state.table.size;
    renderTable(currentFilters());
  });
  document.getElementById("page-size").addEventListener("change", (event) => {
    state.table.size = Number(event.target.value);
    state.table.offset = 0;
    renderTable(currentFilters());
  });
  document.getElementById("unmapped-only").addEventListener("change", (event) => {
    state.table.unmappedOnly = event.target.checked;
    state.table.offset = 0;
    renderTable(currentFilters());
  });
}

// ---------------------------------------------------------------- timeline

function timelineData(timeline) {
  // one x axis for both series: days, and the first of each month for incidents dated only to it
  const byDay = new Map(timeline.days.map((d) => [Date.parse(d.date) / 1000, d.count]));
  const byMonth = new Map(timeline.months.map((m) => [Date.parse(`${m.month}-01`) / 1000, m.count]));
  const xs = [...new Set([...byDay.keys(), ...byMonth.keys()])].sort((a, b) => a - b);
  return [xs, xs.map((x) => byDay.get(x) ?? null), xs.map((x) => byMonth.get(x) ?? null)];
}

function drawTimeline(timeline) {
  const container = document.getElementById("timeline");
  container.replaceChildren();
  if (state.chart) { state.chart.destroy(); state.chart = null; }
  if (!timeline.days.length && !timeline.months.length) {
    container.append(el("p", { class: "hint" }, "No dated incidents."));
    return;
  }
  const data = timelineData(timeline);
  const markers = timeline.markers.map((m) => ({ ...m, x: Date.parse(m.date) / 1000 }));
  const drawMarkerLines = (u) => {
    const ctx = u.ctx;
    ctx.save();
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = "left";  // the axes leave it centred
    ctx.textBaseline = "alphabetic";
    const rowEnds = [];  // each label goes on the first row where it overlaps no other label
    for (const m of markers) {
      const x = u.valToPos(m.x, "x", true);
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
      ctx.strokeStyle = ctx.fillStyle = MARKER_COLOURS[m.kind] || "#555";
      ctx.setLineDash([5, 4]);
      ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
      const text = `${m.date} ${m.label}`;
      const width = ctx.measureText(text).width;
      const right = u.bbox.left + u.bbox.width;
      const left = x + 4 + width > right ? Math.max(u.bbox.left, x - 4 - width) : x + 4;
      let row = rowEnds.findIndex((end) => end < left);
      if (row < 0) { row = rowEnds.length; rowEnds.push(0); }
      rowEnds[row] = left + width + 6;
      ctx.fillText(text, left, u.bbox.top + (12 + 14 * row) * devicePixelRatio);
    }
    ctx.restore();
  };
  const days = (u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(0, 10));
  state.chart = new uPlot({
    width: container.clientWidth || 900, height: 240,
    scales: { x: { time: true, range: (u, min, max) => [Math.min(min, ...markers.map((m) => m.x)) - 86400,
                                                           Math.max(max, ...markers.map((m) => m.x)) + 86400] },
              y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{ space: 80, incrs: [86400, 7 * 86400, 30 * 86400, 365 * 86400], values: days },
           { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], values: (u, ticks) => ticks.map(String) }],
    series: [{ value: (u, t) => (t ? new Date(t * 1000).toISOString().slice(0, 10) : "") },
             { label: "incidents on the day", stroke: "#c0392b", fill: "rgba(192,57,43,.25)",
               paths: uPlot.paths.bars({ size: [0.8, 40] }) },
             { label: "dated only to the month", stroke: "#6b7280", fill: "rgba(107,114,128,.25)",
               paths: uPlot.paths.bars({ size: [0.8, 40] }), value: (u, v) => v ?? "" }],
    hooks: { draw: [drawMarkerLines] },
  }, data, container);
  container.dataset.days = String(timeline.days.length);
  container.dataset.months = String(timeline.months.length);
  container.dataset.markers = JSON.stringify(markers.map((m) => `${m.kind} ${m.date}`));
}

// ---------------------------------------------------------------- ceasefire panel

function stat(value, label, cls = "") {
  return el("span", { class: "stat" }, el("b", { class: cls }, value), label);
}

function renderCeasefire(status) {
  const box = document.getElementById("ceasefire");
  box.replaceChildren();
  if (!status.agreements.length) { box.append(el("p", { class: "hint" }, "No agreement in the record.")); return; }
  if (status.silent_days !== null && status.silent_days > 7) {
    box.append(el("p", { class: "hint" }, `No report received since ${status.latest_report} `
      + `(${status.silent_days} days): incidents since then would not show here.`));
  }
  const parties = [];
  for (const a of status.agreements) {
    parties.push(...a.parties);
    box.append(el("h3", {}, a.name || `${human(a.kind)} between ${a.parties.join(" and ") || "parties unknown"}`));
    box.append(el("div", {},
      stat(human(a.status || "unknown"), "status", `status-${a.status}`),
      stat(a.days_in_force ?? "–", a.ended ? `days in force (ended ${a.ended})` : "days in force"),
      stat(a.incidents_since, "incidents since"),
      stat(a.killed_since, "killed since")));
    const life = [`effective ${a.in_force_from || "date unknown"}${a.effective_time ? " at " + a.effective_time : ""}`];
    for (const x of a.extensions) life.push(`extended on ${x.agreed}${x.until ? " until " + x.until : ""}`);
    if (a.expires) life.push(`runs until ${a.expires}`);
    box.append(el("p", {}, `Parties: ${a.parties.join(", ") || "not stated"} · mediators: `
      + `${a.mediators.join(", ") || "none named"} · ${life.join(" · ")}`));
    if (!a.allegations.length) {
      box.append(el("p", { class: "hint" }, a.incidents_since
        ? `${a.incidents_since} incident(s) since it took effect; no party is reported to allege a violation.`
        : "No incident reported since it took effect."));
      continue;
    }
    const table = el("table", {}, el("tr", {}, el("th", {}, "alleged by"), el("th", {}, "against"),
      el("th", {}, "incidents"), el("th", {}, "toll, per claimant")));
    for (const v of a.allegations) {
      const figures = v.figures.map((f) => `${f.claimant || "reporters"}: ${f.killed} killed, ${f.injured} injured`);
      table.append(el("tr", {}, el("td", {}, v.accuser), el("td", {}, v.accused || "–"), el("td", {}, v.incidents),
        el("td", {}, figures.join("; ") || "–")));
    }
    box.append(table);
    if (a.unclaimed_since) box.append(el("p", { class: "hint" }, `${a.unclaimed_since} incident(s) since that no party alleges.`));
  }
  outlineParties(parties);
}

// ---------------------------------------------------------------- disputed figures

function claimText(c) {
  const figure = [c.killed !== null ? `${c.killed} killed` : null, c.injured !== null ? `${c.injured} injured` : null]
    .filter(Boolean).join(", ");
  return `${c.claimant || "reporter"}: ${figure} (${human(c.victims)})`;
}

function renderDisputed(incidents) {
  const box = document.getElementById("disputed");
  box.replaceChildren();
  if (!incidents.length) { box.append(el("p", { class: "hint" }, "No incident with conflicting tolls.")); return; }
  const table = el("table", {}, el("tr", {}, el("th", {}, "incident"), el("th", {}, "claims")));
  for (const incident of incidents) {
    const claims = el("ul", { class: "claims" }, ...incident.claims.map((c) => el("li", {}, claimText(c))));
    table.append(el("tr", { class: "incident", "data-id": incident.id, onclick: () => showIncident(incident.id) },
      el("td", {}, incidentTitle(incident)), el("td", {}, claims)));
  }
  box.append(table);
}

// ---------------------------------------------------------------- document view

async function showIncident(id) {
  const incident = await api(`incidents/${encodeURIComponent(id)}`);
  const box = document.getElementById("document");
  box.replaceChildren();
  box.dataset.incident = incident.id;
  box.append(el("h3", {}, incidentTitle(incident)));
  box.append(el("p", {}, actorsText(incident)
    + (incident.alleged_by.length ? ` · alleged by ${incident.alleged_by.join(", ")}` : "")
    + ` · ${incident.sources.length} source(s)`));
  for (const reason of incident.merge_reasons) box.append(el("p", { class: "hint" }, `merged: ${reason}`));
  box.append(el("p", { class: "doc-legend hint" }, el("mark", { class: "current" }, "this incident's evidence"),
    el("mark", { class: "other" }, "other items read from the report")));
  const texts = el("div", {});
  for (const source of incident.sources) {
    const doc = await api(`documents/${encodeURIComponent(source.doc_id)}`);
    texts.append(el("h4", {}, `${doc.document.title || source.doc_id} — ${doc.document.publisher || "unknown outlet"}, `
      + `${doc.document.published || "undated"}`));
    texts.append(highlighted(doc.text, doc.spans, source.span));
  }
  const claims = el("aside", { id: "incident-claims" }, el("h4", {}, "Casualty claims"));
  claims.append(incident.claims.length
    ? el("ul", { class: "claims" }, ...incident.claims.map((c) => el("li", {}, claimText(c))))
    : el("p", { class: "hint" }, "No casualty figure given."));
  box.append(el("div", { class: "doc-layout" }, texts, claims));
  const current = box.querySelector("mark.current");
  if (current) current.scrollIntoView({ block: "nearest" });
}

function highlighted(text, spans, currentSpan) {
  const out = el("div", { class: "doc-text" });
  const isCurrent = (span) => currentSpan && span[0] === currentSpan[0] && span[1] === currentSpan[1];
  // the incident's own evidence first, so that another item over the same words never hides it
  const sorted = [...spans].sort((a, b) => a.span[0] - b.span[0] || isCurrent(b.span) - isCurrent(a.span));
  let cursor = 0;
  for (const item of sorted) {
    const [start, end] = item.span;
    if (start < cursor) continue;  // overlapping evidence: keep the first
    out.append(text.slice(cursor, start));
    out.append(el("mark", { class: isCurrent(item.span) ? "current" : "other", title: item.label }, text.slice(start, end)));
    cursor = end;
  }
  out.append(text.slice(cursor));
  return out;
}

// ---------------------------------------------------------------- refresh

async function refresh() {
  const filters = currentFilters();
  const [mapped, timeline, status, disputed] = await Promise.all([
    api("incidents", { ...filters, located: "true", limit: MAP_LIMIT }),
    api("timeline", filters),
    api("status"),
    api("incidents", { ...filters, disputed: "true", limit: 50 }),
    renderTable(filters),
  ]);
  const total = mapped.total + mapped.unmapped;
  document.getElementById("count").textContent = `${total} incidents · ${mapped.unmapped} not on the map `
    + `(no coordinates; listed in the table)` + (mapped.total > MAP_LIMIT ? ` · the map shows the newest ${MAP_LIMIT}` : "");
  drawMarkers(mapped.items);
  drawTimeline(timeline);
  renderCeasefire(status);
  renderDisputed(disputed.items);
  document.body.dataset.ready = "true";
}

async function main() {
  setUpTable();
  await Promise.all([setUpFilters(), setUpMap()]);
  await refresh();
}

main().catch((err) => {
  document.getElementById("count").textContent = `Error: ${err && err.message ? err.message : err}`;
  console.error(err);
});
