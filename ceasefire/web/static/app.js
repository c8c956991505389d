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

const state = { map: null, markers: null, borders: null, chart: null, countriesGeo: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
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
    refresh();
  });
  form.addEventListener("reset", () => setTimeout(() => form.dispatchEvent(new Event("change")), 0));
}

// ---------------------------------------------------------------- map

async function setUpMap() {
  state.map = L.map("map", { worldCopyJump: true }).setView([32, 68], 5);
  const atlas = await (await fetch("/static/vendor/world-atlas/countries-50m.json")).json();
  state.countriesGeo = topojson.feature(atlas, atlas.objects.countries);
  state.borders = L.geoJSON(state.countriesGeo, { style: { color: "#8a94a6", weight: 1, fillColor: "#eef0f3", fillOpacity: 1 } })
    .addTo(state.map);
  state.markers = L.layerGroup().addTo(state.map);
  const legend = document.getElementById("legend");
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    legend.append(el("span", {}, el("i", { style: `background:${colour}` }), type));
  }
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
  for (const incident of incidents) {
    const loc = incident.location;
    if (!loc || loc.lat === null || loc.lon === null) continue;
    const best = incident.fatalities.best || 0;
    const marker = L.circleMarker([loc.lat, loc.lon], {
      radius: 5 + Math.min(20, Math.sqrt(best) * 2),
      color: "#1d2430", weight: 1, fillOpacity: 0.8,
      fillColor: TYPE_COLOURS[incident.event_type] || "#555",
      className: "incident-marker",
    });
    marker.bindTooltip(`${incident.date || "undated"} · ${incident.sub_event_type || incident.event_type} · ${loc.name}`);
    marker.on("click", () => showIncident(incident.id));
    marker.addTo(state.markers);
    points.push([loc.lat, loc.lon]);
  }
  document.getElementById("map").dataset.markers = String(points.length);
  if (points.length) state.map.fitBounds(points, { maxZoom: 7, padding: [30, 30] });
}

// ---------------------------------------------------------------- timeline

function drawTimeline(timeline) {
  const container = document.getElementById("timeline");
  container.replaceChildren();
  if (state.chart) { state.chart.destroy(); state.chart = null; }
  if (!timeline.days.length) { container.append(el("p", { class: "hint" }, "No dated incidents.")); return; }
  const xs = timeline.days.map((d) => Date.parse(d.date) / 1000);
  const ys = timeline.days.map((d) => d.count);
  const markers = timeline.markers.map((m) => ({ ...m, x: Date.parse(m.date) / 1000 }));
  const drawMarkerLines = (u) => {
    const ctx = u.ctx;
    ctx.save();
    for (const m of markers) {
      const x = u.valToPos(m.x, "x", true);
      ctx.strokeStyle = m.kind === "agreement" ? "#1b7f3b" : "#2563eb";
      ctx.setLineDash([5, 4]);
      ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fillText(m.label, x + 4, u.bbox.top + 12);
    }
    ctx.restore();
  };
  state.chart = new uPlot({
    width: container.clientWidth || 900, height: 220,
    scales: { x: { time: true } },
    axes: [{ space: 60, incrs: [86400, 7 * 86400, 30 * 86400],
             values: (u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(0, 10)) }, {}],
    series: [{}, { label: "incidents", stroke: "#c0392b", fill: "rgba(192,57,43,.25)",
                   paths: uPlot.paths.bars({ size: [0.8, 40] }) }],
    hooks: { draw: [drawMarkerLines] },
  }, [xs, ys], container);
  container.dataset.days = String(xs.length);
}

// ---------------------------------------------------------------- ceasefire panel

async function renderCeasefire(status) {
  const box = document.getElementById("ceasefire");
  box.replaceChildren();
  if (!status.agreements.length) { box.append(el("p", { class: "hint" }, "No agreement in the record.")); return; }
  const parties = [];
  for (const a of status.agreements) {
    parties.push(...a.parties);
    const since = await api("casualties", { agreement: a.id });
    box.append(el("h3", {}, a.name || a.kind));
    box.append(el("div", {},
      el("span", { class: "stat" }, el("b", { class: `status-${a.status}` }, a.status || "unknown"), "status"),
      el("span", { class: "stat" }, el("b", {}, a.days_in_force ?? "–"), "days in force"),
      el("span", { class: "stat" }, el("b", {}, a.incidents_since), "incidents since"),
      el("span", { class: "stat" }, el("b", {}, fatalitiesText(since.fatalities) || "0"), "killed since")));
    box.append(el("p", {}, `Parties: ${a.parties.join(", ") || "?"} · mediators: ${a.mediators.join(", ") || "none named"}`
      + ` · effective ${a.effective || "?"}`));
    if (!a.allegations.length) { box.append(el("p", { class: "hint" }, "No violation alleged since it took effect.")); continue; }
    const table = el("table", {}, el("tr", {}, el("th", {}, "alleged by"), el("th", {}, "against"),
      el("th", {}, "incidents"), el("th", {}, "toll, per claimant")));
    for (const v of a.allegations) {
      const figures = v.figures.map((f) => `${f.claimant || "reporter"}: ${f.killed} killed, ${f.injured} injured`);
      table.append(el("tr", {}, el("td", {}, v.accuser), el("td", {}, v.accused || "–"), el("td", {}, v.incidents),
        el("td", {}, figures.join("; ") || "–")));
    }
    box.append(table);
  }
  outlineParties(parties);
}

// ---------------------------------------------------------------- disputed figures

function renderDisputed(incidents) {
  const box = document.getElementById("disputed");
  box.replaceChildren();
  if (!incidents.length) { box.append(el("p", { class: "hint" }, "No incident with conflicting tolls.")); return; }
  const table = el("table", {}, el("tr", {}, el("th", {}, "incident"), el("th", {}, "claims")));
  for (const incident of incidents) {
    const claims = el("ul", { class: "claims" });
    for (const c of incident.claims) {
      const figure = [c.killed !== null ? `${c.killed} killed` : null, c.injured !== null ? `${c.injured} injured` : null]
        .filter(Boolean).join(", ");
      claims.append(el("li", {}, `${c.claimant || "reporter"}: ${figure} (${c.victims})`));
    }
    const where = incident.location ? incident.location.name : "place unknown";
    table.append(el("tr", { class: "incident", "data-id": incident.id, onclick: () => showIncident(incident.id) },
      el("td", {}, `${incident.date || "undated"} · ${incident.sub_event_type || incident.event_type} · ${where}`),
      el("td", {}, claims)));
  }
  box.append(table);
}

// ---------------------------------------------------------------- document view

async function showIncident(id) {
  const incident = await api(`incidents/${encodeURIComponent(id)}`);
  const box = document.getElementById("document");
  box.replaceChildren();
  const where = incident.location ? incident.location.name : "place unknown";
  box.append(el("h3", {}, `${incident.sub_event_type || incident.event_type} · ${incident.date || "undated"} · ${where}`));
  box.append(el("p", {}, `${incident.actor1 || "unknown actor"}${incident.actor2 ? " against " + incident.actor2 : ""}`
    + (incident.alleged_by.length ? ` · alleged by ${incident.alleged_by.join(", ")}` : "")
    + ` · ${incident.sources.length} source(s)`));
  for (const reason of incident.merge_reasons) box.append(el("p", { class: "hint" }, `merged: ${reason}`));
  for (const source of incident.sources) {
    const doc = await api(`documents/${encodeURIComponent(source.doc_id)}`);
    box.append(el("h4", {}, `${doc.document.title || source.doc_id} — ${doc.document.publisher || "unknown outlet"}, `
      + `${doc.document.published || "undated"}`));
    box.append(highlighted(doc.text, doc.spans, source.span));
  }
  const current = box.querySelector("mark.current");
  if (current) current.scrollIntoView({ block: "nearest" });
}

function highlighted(text, spans, currentSpan) {
  const out = el("div", { class: "doc-text" });
  const sorted = [...spans].sort((a, b) => a.span[0] - b.span[0]);
  let cursor = 0;
  for (const item of sorted) {
    const [start, end] = item.span;
    if (start < cursor) continue;  // overlapping evidence: keep the first
    out.append(text.slice(cursor, start));
    const isCurrent = currentSpan && start === currentSpan[0] && end === currentSpan[1];
    out.append(el("mark", { class: isCurrent ? "current" : "", title: item.label }, text.slice(start, end)));
    cursor = end;
  }
  out.append(text.slice(cursor));
  return out;
}

// ---------------------------------------------------------------- refresh

async function refresh() {
  const filters = currentFilters();
  const [page, timeline, status, disputed] = await Promise.all([
    api("incidents", { ...filters, limit: 1000 }),
    api("timeline", filters),
    api("status"),
    api("incidents", { ...filters, disputed: "true", limit: 50 }),
  ]);
  document.getElementById("count").textContent = `${page.total} incidents`;
  drawMarkers(page.items);
  drawTimeline(timeline);
  await renderCeasefire(status);
  renderDisputed(disputed.items);
  document.body.dataset.ready = "true";
}

async function main() {
  await Promise.all([setUpFilters(), setUpMap()]);
  await refresh();
}

main().catch((err) => {
  document.getElementById("count").textContent = `Error: ${err.message}`;
});
