// The monitoring mechanism's pages: log in, submit an allegation, work the verification queue, read the
// published findings, the hotline log and the patrols. Every call goes to /api/mechanism, which decides what
// the account may do; the page only leaves out what the role cannot use. Text from users reaches the page
// through textContent only.
"use strict";

const TOKEN_KEY = "ceasefire-mechanism-token";
const ACTS = {  // what each role is offered (the API refuses the rest)
  submit: ["liaison", "monitor", "chair"], queue: ["liaison", "monitor", "chair"],
  investigate: ["monitor", "chair"], rule: ["chair"], publish: ["chair"],
  hotline: ["liaison", "monitor", "chair"], patrols: ["liaison", "monitor", "chair"],
};
const mechanism = { account: null, vocabulary: null, map: null, markers: null };

async function call(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api/mechanism/${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const detail = data && data.detail;
    throw new Error(typeof detail === "string" ? detail
      : Array.isArray(detail) ? detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ")
      : `HTTP ${response.status}`);
  }
  return data;
}

const may = (act) => mechanism.account && ACTS[act].includes(mechanism.account.role);
const label = (table, key) => (mechanism.vocabulary[table] || {})[key] || key;

// ---------------------------------------------------------------- log in

async function logIn(event) {
  event.preventDefault();
  const form = event.target;
  try {
    const answer = await call("POST", "login", { name: form.elements.name.value, password: form.elements.password.value });
    sessionStorage.setItem(TOKEN_KEY, answer.token);
    form.reset();
    await start();
  } catch (err) {
    document.getElementById("who").textContent = err.message;
  }
}

async function logOut() {
  await call("POST", "logout").catch(() => null);
  sessionStorage.removeItem(TOKEN_KEY);
  window.location.reload();
}

// ---------------------------------------------------------------- submission form

async function setUpForm() {
  const form = document.getElementById("allegation-form");
  for (const [table, field] of [["categories", "category"], ["observed", "observed"]]) {
    form.elements[field].replaceChildren(...Object.entries(mechanism.vocabulary[table])
      .map(([value, text]) => el("option", { value }, text)));
  }
  const agreements = await (await fetch("/api/agreements")).json();
  form.elements.agreement_id.append(...agreements.map((a) => el("option", { value: a.id },
    `${a.name || "ceasefire"} (${a.parties.join(" – ")}), ${a.effective || a.signed || "date unknown"}`)));
  if (mechanism.account.role === "liaison") {
    form.elements.alleged_by.value = mechanism.account.party;
    form.elements.alleged_by.readOnly = true;
  }
  form.addEventListener("submit", submitAllegation);
}

async function submitAllegation(event) {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById("submit-result");
  const value = (name) => form.elements[name].value.trim() || null;
  const number = (name) => (value(name) === null ? null : Number(value(name)));
  const body = {
    agreement_id: value("agreement_id"), alleged_by: value("alleged_by") || "", against: value("against"),
    occurred_on: value("occurred_on") || "", category: value("category"), observed: value("observed"),
    place: value("place"), latitude: number("latitude"), longitude: number("longitude"),
    killed: number("killed"), injured: number("injured"), description: value("description") || "",
    source: mechanism.account.role === "liaison" ? null : "monitor",
  };
  try {
    const created = await call("POST", "allegations", body);
    result.className = "ok";
    result.textContent = `Submitted: ${created.id}`;
    const file = form.elements.file.files[0];
    if (file) {
      await attach(created.id, file).then(() => { result.textContent += ` with ${file.name}`; })
        .catch((err) => { result.className = "error"; result.textContent += `; the file was refused: ${err.message}`; });
    }
    form.elements.description.value = "";
    form.elements.file.value = "";
    await refresh();
  } catch (err) {
    result.className = "error";
    result.textContent = `Not submitted: ${err.message}`;
  }
}

async function attach(id, file) {
  const response = await fetch(`/api/mechanism/allegations/${encodeURIComponent(id)}/files/${encodeURIComponent(file.name)}`,
    { method: "PUT", headers: { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}` }, body: file });
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new Error((data && data.detail) || `HTTP ${response.status}`);
  }
}

// ---------------------------------------------------------------- queue and published view

function allegationRow(a) {
  const where = a.place || (a.latitude !== null ? `${a.latitude}, ${a.longitude}` : "place not given");
  const actions = el("td", { class: "actions" });
  if (a.state === "alleged" && may("investigate")) {
    actions.append(el("button", { type: "button", class: "investigate", onclick: () => act(a.id, "investigate", {}) },
      "Investigate"));
  }
  if (a.state === "under_investigation" && may("rule")) actions.append(rulingForm(a));
  if (["substantiated", "not_substantiated", "unable_to_verify"].includes(a.state) && !a.published_at && may("publish")) {
    actions.append(el("button", { type: "button", class: "publish", onclick: () => act(a.id, "publish") }, "Publish"));
  }
  return el("tr", { "data-id": a.id, "data-state": a.state },
    el("td", {}, a.occurred_on), el("td", {}, label("categories", a.category)), el("td", {}, where),
    el("td", {}, `${a.alleged_by} against ${a.against || "unknown"}`), el("td", {}, a.description,
      a.files && a.files.length ? el("span", { class: "hint" }, ` (${a.files.length} file(s))`) : null),
    el("td", { class: "state" }, label("states", a.state) + (a.published_at ? " · published" : "")),
    el("td", {}, a.finding ? `${a.finding} (attributed to ${a.attribution})` : "–"), actions);
}

function rulingForm(a) {
  const outcome = el("select", { name: "outcome" }, ...["substantiated", "not_substantiated", "unable_to_verify"]
    .map((value) => el("option", { value }, label("states", value))));
  const finding = el("input", { name: "finding", placeholder: "finding", required: "" });
  if (a.finding) finding.value = a.finding;
  const attribution = el("input", { name: "attribution", placeholder: "attributed to (or undetermined)" });
  const reason = el("input", { name: "reason", placeholder: "reason, if unable to verify" });
  return el("form", { class: "rule", onsubmit: (event) => {
    event.preventDefault();
    act(a.id, "rule", { outcome: outcome.value, finding: finding.value, attribution: attribution.value || null,
                        reason: reason.value || null });
  } }, outcome, finding, attribution, reason, el("button", { type: "submit" }, "Rule"));
}

async function act(id, step, body = null) {
  try {
    await call("POST", `allegations/${encodeURIComponent(id)}/${step}`, body);
  } catch (err) {
    document.getElementById("submit-result").className = "error";
    document.getElementById("submit-result").textContent = `${step}: ${err.message}`;
  }
  await refresh();
}

function allegationTable(items, id) {
  if (!items.length) return el("p", { class: "hint" }, "None.");
  const header = el("tr", {}, ...["Day", "What", "Where", "Who", "Description", "State", "Finding", ""]
    .map((h) => el("th", {}, h)));
  return el("table", { id }, el("thead", {}, header), el("tbody", {}, ...items.map(allegationRow)));
}

function drawAllegations(items) {
  if (!mechanism.map) {
    mechanism.map = L.map("allegation-map", { maxZoom: 12 }).setView([20, 30], 2);
    mechanism.markers = L.layerGroup().addTo(mechanism.map);
  }
  mechanism.markers.clearLayers();
  const points = items.filter((a) => a.latitude !== null).map((a) => {
    L.circleMarker([a.latitude, a.longitude], { radius: 7, color: "#1d2430", weight: 1, fillOpacity: 0.8,
      fillColor: a.state === "substantiated" ? "#b3261e" : a.published_at ? "#6b7280" : "#e67e22" })
      .bindTooltip(`${a.occurred_on} · ${label("categories", a.category)} · ${label("states", a.state)}`)
      .addTo(mechanism.markers);
    return [a.latitude, a.longitude];
  });
  if (points.length) mechanism.map.fitBounds(points, { maxZoom: 8, padding: [30, 30], animate: false });
}

// ---------------------------------------------------------------- hotline and patrols

function renderCalls(calls) {
  const box = document.getElementById("hotline");
  box.replaceChildren(calls.length ? el("ul", {}, ...calls.map((c) => el("li", {},
    `${c.at} · ${c.from_party} → ${c.to_party} (${c.channel}): ${c.subject} · `
    + (c.response ? `answered in ${c.response_minutes} min: ${c.response}` : "no response yet"))))
    : el("p", { class: "hint" }, "No call logged."));
}

function renderPatrols(patrols) {
  const box = document.getElementById("patrols");
  box.replaceChildren(patrols.length ? el("ul", {}, ...patrols.map((p) => el("li", {},
    `${p.date} · ${Object.entries(p.participants).map(([side, people]) => `${side}: ${people.join(", ")}`).join("; ")}`
    + ` · ${p.observations}` + (p.findings ? ` · found: ${p.findings}` : ""))))
    : el("p", { class: "hint" }, "No patrol recorded."));
}

async function logCall(event) {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById("call-result");
  const body = Object.fromEntries(["at", "from_party", "to_party", "channel", "subject"]
    .map((name) => [name, form.elements[name].value.trim()]));
  try {
    const created = await call("POST", "hotline", body);
    result.className = "ok";
    result.textContent = `Logged: ${created.id}`;
    form.elements.subject.value = "";
    await refresh();
  } catch (err) {
    result.className = "error";
    result.textContent = `Not logged: ${err.message}`;
  }
}

// ---------------------------------------------------------------- refresh

async function refresh() {
  const everything = await call("GET", "allegations");
  const published = everything.filter((a) => a.published_at);
  if (may("queue")) {
    document.getElementById("queue").replaceChildren(allegationTable(everything, "queue-table"));
    drawAllegations(everything);
  }
  document.getElementById("published").replaceChildren(allegationTable(published, "published-table"));
  if (may("hotline")) renderCalls(await call("GET", "hotline"));
  if (may("patrols")) renderPatrols(await call("GET", "patrols"));
  document.body.dataset.ready = "true";
}

async function start() {
  if (!sessionStorage.getItem(TOKEN_KEY)) return;
  try {
    mechanism.account = await call("GET", "me");
  } catch {
    sessionStorage.removeItem(TOKEN_KEY);
    return;
  }
  mechanism.vocabulary = await call("GET", "vocabulary");
  const { name, role, party } = mechanism.account;
  document.getElementById("who").textContent = `${name} · ${role}${party ? " for " + party : ""}`;
  document.getElementById("login-panel").hidden = true;
  document.getElementById("logout").hidden = false;
  document.getElementById("published-panel").hidden = false;
  for (const [act, panel] of [["submit", "submit-panel"], ["queue", "queue-panel"], ["hotline", "hotline-panel"],
                              ["patrols", "patrols-panel"]]) {
    document.getElementById(panel).hidden = !may(act);
  }
  if (may("submit")) await setUpForm();
  if (may("hotline")) {
    const form = document.getElementById("call-form");
    if (mechanism.account.role === "liaison") form.elements.from_party.value = mechanism.account.party;
    form.addEventListener("submit", logCall);
  }
  await refresh();
}

document.getElementById("login").addEventListener("submit", logIn);
document.getElementById("logout").addEventListener("click", logOut);
start().catch((err) => { document.getElementById("who").textContent = `Error: ${err.message}`; });
