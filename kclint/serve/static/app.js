// kclint review desk: upload plans to the local desk, show its findings, filter, dismiss, download.
// No framework and no external resource: the page must work with the network closed.
"use strict";

const T = {
  vi: {
    title: "Bàn duyệt kế hoạch", skip: "Đến kết quả", controls: "Tải lên và lọc",
    drop: "Thả tệp kế hoạch vào đây", or: "hoặc", choose: "Chọn tệp…",
    limit: "Tệp .docx, .txt hoặc .md; tối đa {mb} MB mỗi tệp.",
    privacy: "Tệp chỉ được xử lý trên máy này: không gửi đi đâu, không lưu lại.",
    filters: "Lọc", severity: "Mức độ", category: "Nhóm", showDismissed: "Hiện các phát hiện đã bỏ qua",
    print: "In", clear: "Xóa kết quả", results: "Kết quả",
    empty: "Chưa có kế hoạch nào. Kết quả kiểm tra sẽ hiện ở đây.",
    checking: "Đang kiểm tra {n} tệp…",
    done: "Đã kiểm tra {n} tệp: {errors} lỗi, {warnings} cảnh báo, {infos} ghi chú.",
    unreadableCount: "{n} tệp không đọc được.",
    shown: "Đang hiện {shown}/{total} phát hiện.",
    network: "Không liên lạc được với bàn duyệt. Lệnh kclint serve còn chạy không?",
    failed: "Không kiểm tra được: {msg}",
    files: "Các tệp", file: "Tệp", school: "Trường", level: "Cấp học", kind: "Loại kế hoạch",
    period: "Thời kỳ", issue: "Ngày ban hành", catalog: "Bộ tiêu chí", today: "Ngày tham chiếu",
    amended: "sửa đổi bởi", none: "không xác định được",
    schoolYear: "Năm học", cycle: "Giai đoạn",
    downloads: "Tải về", dlDocx: "Bản Word có nhận xét", dlHtml: "Báo cáo HTML", dlJson: "JSON",
    dlNote: "Các phát hiện đã bỏ qua không có trong tệp tải về.",
    noDocx: "Chỉ tệp Word (.docx) mới có bản có nhận xét.",
    dismiss: "Bỏ qua (nhận định sai)", restore: "Khôi phục", dismissedTag: "Đã bỏ qua",
    dismissedSay: "Đã bỏ qua {code}.", restoredSay: "Đã khôi phục {code}.",
    autofix: "kclint fix sẽ sửa", fix: "Cách sửa", at: "Vị trí", general: "Chung", section: "Mục", criterion: "Tiêu chí",
    ok: "Không phát hiện vấn đề nào.", unreadable: "Không đọc được",
    counts: "{errors} lỗi · {warnings} cảnh báo · {infos} ghi chú", countsDismissed: " · {n} đã bỏ qua",
    baselineGet: "Tải baseline", baselineLoad: "Nạp baseline",
    baselineLoaded: "Đã nạp baseline: bỏ qua {n} phát hiện.", baselineFailed: "Không nạp được baseline: {msg}",
  },
  en: {
    title: "Plan review desk", skip: "Skip to results", controls: "Upload and filter",
    drop: "Drop plan files here", or: "or", choose: "Choose files…",
    limit: ".docx, .txt or .md files; up to {mb} MB each.",
    privacy: "Files are processed on this computer only: nothing is sent anywhere or stored.",
    filters: "Filter", severity: "Severity", category: "Category", showDismissed: "Show dismissed findings",
    print: "Print", clear: "Clear results", results: "Results",
    empty: "No plan yet. The findings will appear here.",
    checking: "Checking {n} file(s)…",
    done: "Checked {n} file(s): {errors} error(s), {warnings} warning(s), {infos} info.",
    unreadableCount: "{n} file(s) could not be read.",
    shown: "Showing {shown} of {total} findings.",
    network: "Cannot reach the review desk. Is kclint serve still running?",
    failed: "Could not check: {msg}",
    files: "Files", file: "File", school: "School", level: "School level", kind: "Plan kind",
    period: "Period", issue: "Issue date", catalog: "Criteria catalog", today: "Reference date",
    amended: "amended by", none: "not found",
    schoolYear: "School year", cycle: "Cycle",
    downloads: "Download", dlDocx: "Word copy with comments", dlHtml: "HTML report", dlJson: "JSON",
    dlNote: "Dismissed findings are left out of the downloads.",
    noDocx: "Only Word files (.docx) get a copy with comments.",
    dismiss: "Dismiss (wrong)", restore: "Restore", dismissedTag: "Dismissed",
    dismissedSay: "{code} dismissed.", restoredSay: "{code} restored.",
    autofix: "kclint fix writes", fix: "Fix", at: "Where", general: "General", section: "Section", criterion: "Criterion",
    ok: "No problems found.", unreadable: "Unreadable",
    counts: "{errors} error(s) · {warnings} warning(s) · {infos} info", countsDismissed: " · {n} dismissed",
    baselineGet: "Download baseline", baselineLoad: "Load baseline",
    baselineLoaded: "Baseline loaded: {n} finding(s) dismissed.", baselineFailed: "Could not load the baseline: {msg}",
  },
};
const SEVERITIES = ["error", "warning", "info"];

const state = {
  lang: "vi",
  config: {max_upload_bytes: 20e6, max_request_bytes: 200e6, max_files: 50},
  files: [],                 // {view, dismissed: Set<int>}, in upload order
  baseline: null,            // the text of a loaded baseline file, applied to later uploads too
  hiddenSev: new Set(),
  hiddenCat: new Set(),
  showDismissed: false,
  busy: 0,
};

const $ = (sel) => document.querySelector(sel);

function t(key, vars) {
  let s = T[state.lang][key];
  for (const [k, v] of Object.entries(vars || {})) s = s.replaceAll("{" + k + "}", String(v));
  return s;
}

// Element builder: text always goes through textContent, never innerHTML.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

function say(message) { $("#status").textContent = message; }
function alarm(message) { $("#alert").textContent = message; }

// --- language ---------------------------------------------------------------------------------------------

function applyLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  document.title = "kclint — " + T[lang].title;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  $("#limit-hint").textContent = t("limit", {mb: +(state.config.max_upload_bytes / 1e6).toFixed(1)});
  renderAll();
}

// --- upload -----------------------------------------------------------------------------------------------

// Requests of at most max_files files and max_request_bytes kept bytes; a file over the per-file limit
// is still sent (the desk answers with its message) but costs nothing against the request's budget.
function batches(files) {
  const cfg = state.config, out = [];
  let cur = [], bytes = 0;
  for (const f of files) {
    const cost = f.size > cfg.max_upload_bytes ? 0 : f.size;
    if (cur.length && (cur.length >= Math.min(cfg.max_files, 20) || bytes + cost > cfg.max_request_bytes)) {
      out.push(cur); cur = []; bytes = 0;
    }
    cur.push(f); bytes += cost;
  }
  if (cur.length) out.push(cur);
  return out;
}

async function upload(fileList) {
  const files = Array.from(fileList);
  if (!files.length) return;
  alarm("");
  setBusy(+1);
  say(t("checking", {n: files.length}));
  const added = [];
  let notice = "";
  try {
    for (const group of batches(files)) {
      const form = new FormData();
      for (const f of group) form.append("files", f, f.name);
      let response;
      try {
        response = await fetch("/api/check", {method: "POST", body: form});
      } catch (e) {
        alarm(t("network"));
        break;
      }
      const data = await response.json().catch(() => null);
      if (!response.ok || !data || !data.files) {
        const err = data && data.error ? data.error[state.lang] : response.statusText;
        alarm(t("failed", {msg: err}));
        continue;
      }
      if (data.dropped && data.dropped.length) {
        // Dropped by the desk's memory budget: still listed, no longer downloadable; the notice says why.
        const gone = new Set(data.dropped);
        for (const e of state.files) if (gone.has(e.view.id)) e.view.id = null;
      }
      if (data.notice) notice = data.notice[state.lang];
      for (const view of data.files) {
        const entry = {view, dismissed: new Set()};
        state.files.push(entry);
        added.push(entry);
      }
      renderAll();
    }
  } finally {
    setBusy(-1);
  }
  if (added.length) announce(added);
  if (added.length && state.baseline) await applyBaseline(added);
  if (notice) alarm(notice);
}

// --- baseline files: the dismissals as a file kclint check --baseline reads, and back -------------------------

function downloadBaseline() {
  const q = new URLSearchParams();
  for (const e of state.files) {
    if (e.view.id) q.append("f", `${e.view.id}:${Array.from(e.dismissed).sort((a, b) => a - b).join(",")}`);
  }
  location.href = `/api/baseline?${q}`;  // an attachment: the page stays
}

async function applyBaseline(entries) {
  const ids = entries.filter((e) => e.view.id).map((e) => e.view.id);
  if (!ids.length) return;
  let data = null, response = null;
  try {
    response = await fetch(`/api/baseline?ids=${encodeURIComponent(ids.join(","))}`,
                           {method: "POST", body: state.baseline, headers: {"content-type": "application/json"}});
    data = await response.json().catch(() => null);
  } catch (e) {
    alarm(t("network"));
    return;
  }
  if (!response.ok || !data || !data.dismissed) {
    state.baseline = null;  // a bad file is not kept for the next uploads
    alarm(t("baselineFailed", {msg: data && data.error ? data.error[state.lang] : response.statusText}));
    return;
  }
  let n = 0;
  for (const e of entries) for (const i of data.dismissed[e.view.id] || []) { e.dismissed.add(i); n++; }
  renderAll();
  say(t("baselineLoaded", {n}));
}

function setBusy(delta) {
  state.busy += delta;
  $("#results").setAttribute("aria-busy", String(state.busy > 0));
  document.body.dataset.state = state.busy > 0 ? "busy" : "ready";
}

function announce(entries) {
  const c = {errors: 0, warnings: 0, infos: 0};
  let unreadable = 0;
  for (const e of entries) {
    if (e.view.error) unreadable++;
    const n = counts(e);
    c.errors += n.error; c.warnings += n.warning; c.infos += n.info;
  }
  say(t("done", {n: entries.length, ...c}) + (unreadable ? " " + t("unreadableCount", {n: unreadable}) : ""));
}

// --- rendering --------------------------------------------------------------------------------------------

function counts(entry) {
  const c = {error: 0, warning: 0, info: 0};
  for (const f of entry.view.findings) if (!entry.dismissed.has(f.index)) c[f.severity]++;
  return c;
}

function downloadHref(entry, what) {
  const q = new URLSearchParams({lang: state.lang});
  if (entry.dismissed.size) q.set("dismissed", Array.from(entry.dismissed).sort((a, b) => a - b).join(","));
  return `/api/files/${encodeURIComponent(entry.view.id)}/${what}?${q}`;
}

function renderAll() {
  const results = $("#results");
  for (const node of results.querySelectorAll(".file, .summary")) node.remove();
  $("#empty").hidden = state.files.length > 0;
  $("#filters").hidden = state.files.length === 0;
  if (state.files.length > 1) results.append(renderSummary());
  state.files.forEach((entry, i) => results.append(renderFile(entry, i)));
  renderFilters();
  applyFilters();
}

function renderSummary() {
  const rows = state.files.map((entry, i) => {
    const v = entry.view, c = counts(entry);
    return el("tr", {class: v.error ? "unreadable" : null},
      el("td", {}, el("a", {href: "#file-" + (i + 1), text: v.name})),
      el("td", {text: v.error ? t("unreadable") : (v.meta.school || "?")}),
      [c.error, c.warning, c.info].map((x) => el("td", {class: "n", text: v.error ? "—" : x})));
  });
  return el("section", {class: "summary", "aria-labelledby": "summary-title"},
    el("h2", {id: "summary-title", text: t("files")}),
    el("table", {},
      el("thead", {}, el("tr", {}, el("th", {scope: "col", text: t("file")}), el("th", {scope: "col", text: t("school")}),
        SEVERITIES.map((s) => el("th", {scope: "col", class: "n", text: T[state.lang].sev[s] || s})))),
      el("tbody", {}, rows)));
}

function metaList(view) {
  const m = view.meta, L = T[state.lang];
  const catalog = m.catalog
    ? [m.catalog.circular + (m.catalog.amended_by ? ` (${t("amended")} ${m.catalog.amended_by})` : ""),
       el("code", {class: "cid", text: m.catalog.id})]
    : [t("none")];
  const period = m.period
    ? `${t(m.period.kind === "cycle" ? "cycle" : "schoolYear")} ${m.period.first_year}–${m.period.last_year}`
    : t("none");
  const items = [
    [t("school"), m.school || t("none")], [t("level"), L.levels[m.level] || m.level],
    [t("kind"), L.kinds[m.kind] || m.kind], [t("period"), period],
    [t("issue"), m.issue_date ? formatDate(m.issue_date) : t("none")], [t("today"), formatDate(view.today)],
    [t("catalog"), catalog],
  ];
  return el("dl", {class: "meta"}, items.map(([k, v]) => el("div", {}, el("dt", {text: k}), el("dd", {}, v))));
}

function formatDate(iso) {
  const [y, mo, d] = iso.split("-");
  return state.lang === "vi" ? `${d}/${mo}/${y}` : iso;
}

function renderFile(entry, i) {
  const v = entry.view;
  const head = el("h2", {id: "file-title-" + (i + 1), tabindex: "-1"}, el("span", {class: "fname", text: v.name}));
  const section = el("section", {class: "file", id: "file-" + (i + 1), "aria-labelledby": "file-title-" + (i + 1)}, head);
  if (v.error) {
    section.append(el("p", {class: "unreadable"}, el("strong", {text: t("unreadable") + ": "}), v.error[state.lang]));
    return section;
  }
  section.append(metaList(v), el("p", {class: "counts"}));
  const docx = v.meta.format === "docx";
  section.append(el("div", {class: "downloads", role: "group", "aria-label": t("downloads") + " — " + v.name},
    el("span", {class: "dl-label", text: t("downloads") + ":"}),
    docx ? el("a", {class: "button", "data-what": "annotated.docx", download: "", text: t("dlDocx")})
         : el("span", {class: "hint", text: t("noDocx")}),
    el("a", {class: "button", "data-what": "report.html", download: "", text: t("dlHtml")}),
    el("a", {class: "button", "data-what": "report.json", download: "", text: t("dlJson")}),
    el("span", {class: "hint dl-note", text: t("dlNote")})));
  if (!v.findings.length) section.append(el("p", {class: "ok", text: t("ok")}));
  // Groups by section and criterion in order of first appearance = document order (as the HTML report).
  const groups = new Map();
  for (const f of v.findings) {
    const key = (f.location.section || "") + "\u0000" + (f.location.criterion || "");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  for (const [key, findings] of groups) {
    const [sec, crit] = key.split("\u0000");
    const title = [sec && `${t("section")} ${sec}`, crit && `${t("criterion")} ${crit}`].filter(Boolean).join(" · ") || t("general");
    section.append(el("div", {class: "group"}, el("h3", {text: title}), findings.map((f) => renderFinding(entry, f))));
  }
  updateFile(entry, section);
  return section;
}

function renderFinding(entry, f) {
  const L = T[state.lang];
  const node = el("article", {class: "finding " + f.severity, "data-sev": f.severity, "data-cat": f.category,
                              "data-index": f.index, "aria-label": `${L.sev[f.severity] || f.severity} ${f.code}`},
    el("div", {class: "fhead"},
      el("span", {class: "badge", text: L.sev[f.severity] || f.severity}), " ",
      el("span", {class: "code", text: f.code}), " ",
      el("span", {class: "rtitle", text: f.title[state.lang]}), " ",
      el("span", {class: "cat", text: L.cats[f.category] || f.category}),
      el("span", {class: "tag", text: L.dismissedTag})),
    el("p", {class: "msg", text: f.message[state.lang]}));
  if (f.context_html) {
    const quote = el("blockquote", {class: "context"});
    quote.innerHTML = f.context_html; // escaped server-side by kclint.report.html.highlight; only <mark> is markup
    node.append(quote);
  }
  if (f.where[state.lang]) node.append(el("p", {class: "where"}, el("span", {class: "k", text: t("at") + ": "}), f.where[state.lang]));
  if (f.suggestion) node.append(el("p", {class: "fix"}, el("strong", {text: t("fix") + ": "}), f.suggestion[state.lang]));
  if (f.autofix) node.append(el("p", {class: "fix autofix"}, el("strong", {text: t("autofix") + ": "}),
                                el("code", {text: f.autofix.before}), " → ", el("code", {text: f.autofix.after})));
  const button = el("button", {type: "button", class: "dismiss", "aria-pressed": "false",
                               onclick: () => toggleDismiss(entry, f, node, button)});
  node.append(el("div", {class: "actions"}, button));
  paintDismissed(entry, f, node, button);
  return node;
}

function paintDismissed(entry, f, node, button) {
  const off = entry.dismissed.has(f.index);
  node.classList.toggle("dismissed", off);
  button.setAttribute("aria-pressed", String(off));
  button.textContent = off ? t("restore") : t("dismiss");
  button.setAttribute("aria-label", `${off ? t("restore") : t("dismiss")}: ${f.code}`);
}

function toggleDismiss(entry, f, node, button) {
  if (entry.dismissed.has(f.index)) entry.dismissed.delete(f.index); else entry.dismissed.add(f.index);
  paintDismissed(entry, f, node, button);
  say(t(entry.dismissed.has(f.index) ? "dismissedSay" : "restoredSay", {code: f.code}));
  updateFile(entry, node.closest(".file"));
  const summary = document.querySelector(".summary");
  if (summary) summary.replaceWith(renderSummary());
  applyFilters();
  // A dismissed finding may be hidden now: keep keyboard focus on something visible.
  if (node.hidden) (node.closest(".file").querySelector("h2")).focus?.();
}

// Counts and download links follow the dismissals (the desk leaves dismissed findings out of all three).
function updateFile(entry, section) {
  const c = counts(entry);
  section.querySelector(".counts").textContent = t("counts", {errors: c.error, warnings: c.warning, infos: c.info})
    + (entry.dismissed.size ? t("countsDismissed", {n: entry.dismissed.size}) : "");
  for (const a of section.querySelectorAll("a[data-what]")) a.href = downloadHref(entry, a.dataset.what);
}

function renderFilters() {
  const L = T[state.lang];
  const sev = $("#sev-filter"), cat = $("#cat-filter");
  for (const node of [...sev.querySelectorAll("label"), ...cat.querySelectorAll("label")]) node.remove();
  const present = new Set();
  for (const e of state.files) for (const f of e.view.findings) present.add(f.category);
  const box = (set, value, label) => el("label", {class: "check"},
    el("input", {type: "checkbox", value, checked: !set.has(value),
                 onchange: (ev) => { ev.target.checked ? set.delete(value) : set.add(value); applyFilters(); }}),
    " ", label);
  for (const s of SEVERITIES) sev.append(box(state.hiddenSev, s, L.sev[s] || s));
  for (const c of Object.keys(L.cats).filter((c) => present.has(c))) cat.append(box(state.hiddenCat, c, L.cats[c]));
  cat.hidden = present.size === 0;
}

function applyFilters() {
  let shown = 0, total = 0;
  for (const node of document.querySelectorAll(".finding")) {
    total++;
    const visible = !state.hiddenSev.has(node.dataset.sev) && !state.hiddenCat.has(node.dataset.cat)
      && (state.showDismissed || !node.classList.contains("dismissed"));
    node.hidden = !visible;
    if (visible) shown++;
  }
  for (const g of document.querySelectorAll(".group")) g.hidden = !g.querySelector(".finding:not([hidden])");
  $("#shown").textContent = t("shown", {shown, total});
}

// --- wiring -----------------------------------------------------------------------------------------------

function wire() {
  const input = $("#files"), drop = $("#upload");
  $("#choose").addEventListener("click", () => input.click());
  input.addEventListener("change", () => { upload(input.files).finally(() => { input.value = ""; }); });
  // Dropping a file anywhere else would make the browser open it and leave the page.
  for (const type of ["dragover", "drop"]) window.addEventListener(type, (e) => e.preventDefault());
  drop.addEventListener("dragenter", () => drop.classList.add("over"));
  drop.addEventListener("dragover", (e) => { e.dataTransfer.dropEffect = "copy"; drop.classList.add("over"); });
  drop.addEventListener("dragleave", (e) => { if (!drop.contains(e.relatedTarget)) drop.classList.remove("over"); });
  drop.addEventListener("drop", (e) => { drop.classList.remove("over"); upload(e.dataTransfer.files); });
  drop.addEventListener("submit", (e) => e.preventDefault());
  for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => applyLang(b.dataset.lang));
  $("#show-dismissed").addEventListener("change", (e) => { state.showDismissed = e.target.checked; applyFilters(); });
  $("#print").addEventListener("click", () => window.print());
  $("#baseline-get").addEventListener("click", downloadBaseline);
  const baselineFile = $("#baseline-file");
  $("#baseline-load").addEventListener("click", () => baselineFile.click());
  baselineFile.addEventListener("change", async () => {
    const file = baselineFile.files[0];
    baselineFile.value = "";
    if (!file) return;
    state.baseline = await file.text();  // kept for plans uploaded later in this page
    await applyBaseline(state.files);
  });
  $("#clear").addEventListener("click", () => {
    // Tell the desk to forget the plans too: their text stays in its memory until then.
    for (const e of state.files) if (e.view.id) fetch(`/api/files/${encodeURIComponent(e.view.id)}`, {method: "DELETE"});
    state.files = [];
    renderAll();
    say("");
    $("#choose").focus();
  });
}

async function start() {
  try {
    const response = await fetch("/api/config");
    if (response.ok) state.config = await response.json();
  } catch (e) { /* the defaults above still let the page work */ }
  // Severities, levels, plan kinds and categories in words: the same tables as the terminal and HTML reports.
  for (const lang of Object.keys(T)) Object.assign(T[lang], {sev: {}, levels: {}, kinds: {}, cats: {}},
                                                   (state.config.words || {})[lang]);
  const asked = new URLSearchParams(location.search).get("lang");
  wire();
  applyLang(T[asked] ? asked : (T[state.config.lang] ? state.config.lang : "vi"));
  setBusy(0);
}

document.addEventListener("DOMContentLoaded", start);
