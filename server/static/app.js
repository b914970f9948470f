// The tradeshock dashboard: reads the controls, builds a scenario (TOML text, docs/FORMATS.md "Scenario
// files"), posts it to /api/v1/scenario and /api/v1/brief, and shows what the API answers. No analysis is done
// here: every number is the API's, only formatted.
"use strict";

const $ = (id) => document.getElementById(id);

async function getJson(url, options) {
  const response = await fetch(url, options);
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const error = body && body.error;
    let message = error && error.message ? error.message : `HTTP ${response.status}`;
    throw new Error(`${response.status}: ${message}`);
  }
  return body;
}

const postJson = (url, body) => getJson(url, {
  method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});

// A value in the JSON's currency, in millions with one decimal (the brief's style).
function money(value) {
  if (value === null || value === undefined) return "n/a";
  return (value / 1e6).toLocaleString("en-US", {minimumFractionDigits: 1, maximumFractionDigits: 1}) + " million";
}
function percent(share) {
  if (share === null || share === undefined) return "n/a";
  return (share * 100).toLocaleString("en-US", {minimumFractionDigits: 1, maximumFractionDigits: 1}) + "%";
}

function option(select, value, text) {
  const item = document.createElement("option");
  item.value = value;
  item.textContent = text;
  select.appendChild(item);
}

// A TOML basic string.
function tomlString(text) {
  return "\"" + text.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/[\u0000-\u001f]/g,
    (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0")) + "\"";
}

function scenarioToml() {
  const codes = $("products").value.split(/[,\s]+/).filter((code) => code.length > 0);
  const lines = [
    "title = \"Dashboard scenario\"",
    "[[policy]]",
    `name = ${tomlString(`${$("importer").value} ${$("kind").value} on ${$("exporter").value}`)}`,
    `kind = ${tomlString($("kind").value)}`,
    `imposed_by = ${tomlString($("importer").value)}`,
    `on = ${tomlString($("exporter").value)}`,
    `products = ${codes.length === 0 ? "\"all\"" : "[" + codes.map(tomlString).join(", ") + "]"}`,
    `from = ${tomlString($("from").value)}`,
  ];
  // The number is passed as typed; the library validates it and says what it expected.
  const rate = $("rate").value.trim() === "" ? "" : $("rate").value.trim();
  if (rate !== "") lines.push($("kind").value === "tariff" ? `rate = ${rate}` : `share_stopped = ${rate}`);
  return lines.join("\n") + "\n";
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
  $("result").hidden = true;
}

function fillTable(id, items, names) {
  const body = $(id).querySelector("tbody");
  body.replaceChildren();
  for (const item of items || []) {
    const row = document.createElement("tr");
    const name = names.get(item.code);
    const cells = [name ? `${name} (${item.code})` : item.code, money(item.value), money(item.at_risk)];
    cells.forEach((text, index) => {
      const cell = document.createElement(index === 0 ? "th" : "td");
      if (index === 0) cell.scope = "row"; else cell.className = "num";
      cell.textContent = text;
      row.appendChild(cell);
    });
    body.appendChild(row);
  }
}

const economyNames = new Map();
const productNames = new Map();
let requestNumber = 0;

async function run() {
  const number = ++requestNumber;
  const data = $("data").value;
  const scenario = scenarioToml();
  $("result").setAttribute("aria-busy", "true");
  try {
    const answer = await postJson("/api/v1/scenario", {data, scenario});
    if (number !== requestNumber) return;
    const exposure = answer.exposure;
    $("error").hidden = true;
    $("at-risk").textContent = money(exposure.at_risk);
    $("at-risk").dataset.value = String(exposure.at_risk);
    $("currency").textContent = exposure.currency;
    // The share of exports when the data give the exporter's total exports, else of its total trade.
    const ofExports = exposure.share_of_exports !== null && exposure.share_of_exports !== undefined;
    $("share").textContent = percent(ofExports ? exposure.share_of_exports : exposure.share_of_trade);
    $("share-of").textContent = ofExports ? "exports" : "total trade";
    $("period").textContent = `${exposure.exporter}, base period ${exposure.period}`;
    fillTable("by-partner", exposure.by_partner, economyNames);
    fillTable("by-product", exposure.by_product, productNames);
    $("lead").textContent = "";
    $("result").hidden = false;
    try {
      const brief = await postJson("/api/v1/brief", {data, scenario});
      if (number === requestNumber && brief && brief.lead) $("lead").textContent = brief.lead;
    } catch (error) {
      if (number === requestNumber) $("lead").textContent = `No brief for this scenario (${error.message}).`;
    }
  } catch (error) {
    if (number === requestNumber) showError(error.message);
  } finally {
    $("result").removeAttribute("aria-busy");
  }
}

async function loadData() {
  const data = $("data").value;
  const query = "?data=" + encodeURIComponent(data);
  for (const format of ["md", "html", "json"]) {
    $("brief-" + format).href = `/api/v1/cases/${encodeURIComponent(data)}/brief?format=${format}`;
  }
  const [economies, products] = await Promise.all([
    getJson("/api/v1/economies" + query), getJson("/api/v1/products" + query)]);
  for (const select of [$("exporter"), $("importer")]) select.replaceChildren();
  economyNames.clear();
  for (const economy of economies.economies) {
    economyNames.set(economy.code, economy.name);
    const text = `${economy.name} (${economy.code}, ${economy.kind})`;
    if (economy.kind === "country" || economy.kind === "region") option($("exporter"), economy.code, text);
    if (economy.kind !== "world") option($("importer"), economy.code, text);
  }
  const list = $("product-list");
  list.replaceChildren();
  productNames.clear();
  for (const product of products.products) {
    productNames.set(product.code, product.name);
    const item = document.createElement("option");
    item.value = product.code;
    item.label = product.name;
    list.appendChild(item);
  }
  // The case's own policy, when it has one, sets the controls' starting values.
  const kase = cases.find((item) => item.name === data);
  if (kase && kase.kind === "case" && kase.has_scenario) {
    try {
      const brief = await getJson(`/api/v1/cases/${encodeURIComponent(data)}/brief?format=json`);
      const policy = brief.exposure && brief.exposure.policies && brief.exposure.policies[0];
      if (policy) {
        $("exporter").value = policy.on;
        $("importer").value = policy.imposed_by;
        $("kind").value = policy.kind;
        $("from").value = policy.from;
        $("rate").value = policy.kind === "tariff" ? policy.rate : policy.share_stopped;
        const products = Array.isArray(policy.products) ? policy.products : [];
        $("products").value = products.filter((code) => code !== "all" && code !== "TOTAL").join(", ");
      }
    } catch (_) { /* the controls keep their values */ }
  }
  if (!$("from").value) $("from").value = new Date().toISOString().slice(0, 10);
}

let cases = [];

async function start() {
  try {
    cases = (await getJson("/api/v1/cases")).cases;
    for (const item of cases) option($("data"), item.name, item.title ? `${item.name}: ${item.title}` : item.name);
    await loadData();
    await run();
  } catch (error) {
    showError(error.message);
  }
  $("data").addEventListener("change", async () => {
    try { await loadData(); await run(); } catch (error) { showError(error.message); }
  });
  for (const id of ["exporter", "importer", "products", "from", "kind", "rate"]) $(id).addEventListener("change", run);
  $("controls").addEventListener("submit", (event) => { event.preventDefault(); run(); });
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
