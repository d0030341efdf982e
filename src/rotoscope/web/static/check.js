// The checker page: send the text to POST /api/check and show each claim by verdict.
// User text is only ever inserted as text nodes, never as markup.
"use strict";
(function () {
  const form = document.getElementById("check-form");
  const area = document.getElementById("check-text");
  const asOf = document.getElementById("check-as-of");
  const run = document.getElementById("check-run");
  const count = document.getElementById("check-count");
  const errorLine = document.getElementById("check-error");
  const result = document.getElementById("check-result");
  const VERDICTS = ["confirmed", "approximate", "contradicted", "unverifiable"];

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function fmt(v, unit) {
    if (v === null || v === undefined) return "–";
    const digits = unit === "sessions" || unit === "count" || unit === "year" ? 0 : 2;
    return Number(v).toFixed(digits) + (unit === "pct" ? "%" : unit === "pp" ? " pp" : "");
  }
  function tip(c) {
    const lines = [`${c.verdict.toUpperCase()}: ${c.explanation}`];
    if (c.subject) lines.push(`subject: ${c.subject}${c.other ? " vs " + c.other : ""} · metric: ${c.metric}`);
    if (c.period && (c.period.start || c.period.end)) lines.push(`period: ${c.period.start || "?"} to ${c.period.end || "?"}`);
    lines.push(`claimed ${fmt(c.claimed, c.unit)} · computed ${fmt(c.computed, c.unit)}`);
    if (c.facts.length) lines.push(c.facts.slice(0, 3).join("\n"));
    return lines.join("\n");
  }
  function showError(message) {
    errorLine.hidden = false;
    errorLine.textContent = message;
  }
  function updateCount() { count.textContent = Array.from(area.value).length.toLocaleString("en-US"); }
  area.addEventListener("input", updateCount);

  function render(text, data) {
    const chars = Array.from(text);  // the API's spans count code points
    const summary = document.getElementById("check-summary");
    summary.replaceChildren(...VERDICTS.map(v => el("span", { class: "chip v-" + v },
      `${data.summary[v] || 0} ${v}`)));
    document.getElementById("check-meta").textContent =
      `Checked as of ${data.as_of} (${data.as_of_source === "given" ? "date given" : data.as_of_source === "dateline" ? "the text's dateline" : "the last date in the data"}); ` +
      `"today" is the session of ${data.reference_session}. ${data.notes.join(" ")}`;
    // highlighted text: each claim's words, or only its number where the words overlap
    // an earlier claim's (several claims can share a sentence)
    const box = document.getElementById("check-annotated");
    box.replaceChildren();
    const order = data.claims.map((c, i) => [c, i]).sort((a, b) => a[0].span[0] - b[0].span[0]);
    let at = 0;
    order.forEach(([c, i]) => {
      const [s, e] = c.span[0] >= at ? c.span : c.quantity_span;
      if (s < at) return;
      box.appendChild(document.createTextNode(chars.slice(at, s).join("")));
      const mark = el("mark", { class: "v-" + c.verdict, tabindex: "0", "data-tip": tip(c),
                                "data-claim": String(i + 1), "data-verdict": c.verdict },
                      chars.slice(s, e).join(""));
      box.appendChild(mark);
      at = e;
    });
    box.appendChild(document.createTextNode(chars.slice(at).join("")));
    // table
    const body = document.getElementById("check-claims");
    body.replaceChildren(...data.claims.map((c, i) => {
      const tr = el("tr", { "data-verdict": c.verdict });
      tr.append(el("td", { class: "r" }, String(i + 1)), el("td", { class: "l" }, c.text));
      const v = el("td", { class: "l" });
      v.appendChild(el("span", { class: "v v-" + c.verdict }, c.verdict));
      tr.append(v, el("td", { class: "r" }, fmt(c.claimed, c.unit)), el("td", { class: "r" }, fmt(c.computed, c.unit)),
                el("td", { class: "l ev" }, c.explanation));
      return tr;
    }));
    const conflicts = document.getElementById("check-conflicts");
    conflicts.replaceChildren();
    if (data.conflicts.length) {
      conflicts.appendChild(el("h2", {}, "Claims that contradict each other"));
      const ul = el("ul");
      data.conflicts.forEach(k => ul.appendChild(el("li", {}, `Claims ${k.claims.map(n => n + 1).join(", ")}: ${k.explanation}`)));
      conflicts.appendChild(ul);
    }
    if (!data.claims.length) box.appendChild(el("p", { class: "sub" }, "No numeric market claims were found in this text."));
    result.hidden = false;
    document.body.dataset.checked = "true";
  }

  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    errorLine.hidden = true;
    const text = area.value;
    if (!text.trim()) return showError("Paste some text to check first.");
    run.disabled = true;
    run.textContent = "Checking…";
    try {
      const body = { text: text };
      if (asOf.value) body.as_of = asOf.value;
      const response = await fetch("/api/check", { method: "POST", headers: { "content-type": "application/json" },
                                                   body: JSON.stringify(body) });
      const data = await response.json();
      if (!response.ok) {
        showError(`${data.message}${data.details && data.details.length ? ": " + data.details.join("; ") : ""}`);
        return;
      }
      render(text, data);
    } catch (err) {
      showError("The server could not be reached: " + err);
    } finally {
      run.disabled = false;
      run.textContent = "Check claims";
    }
  });

  // A sample: the opening of rotoscope's own note for the date, with one number altered,
  // so the page shows both a confirmation and a contradiction.
  document.getElementById("check-sample").addEventListener("click", async () => {
    errorLine.hidden = true;
    const q = asOf.value ? "&as_of=" + asOf.value : "";
    const response = await fetch("/api/note?format=json" + q);
    const note = await response.json();
    if (!response.ok) return showError(note.message);
    const paras = [];
    const walk = blocks => blocks.forEach(b => {
      if (b.type === "paragraph" && paras.length < 3) paras.push(b);
      else if (b.type === "section") walk(b.blocks);
    });
    walk(note.sections);
    let altered = false;
    const texts = paras.map(p => {
      let t = p.text;
      if (altered) return t;
      const n = p.numbers.slice().reverse().find(x => /^[+\u2212-]?\d+\.\d+%$/.test(x.text));
      if (!n) return t;
      const digits = n.text.split(".")[1].length - 1;
      const value = parseFloat(n.text.replace("\u2212", "-")) + 1.3;
      const sign = n.text.startsWith("+") && value > 0 ? "+" : "";
      t = t.slice(0, n.span[0]) + sign + value.toFixed(digits) + "%" + t.slice(n.span[1]);
      altered = true;
      return t;
    });
    area.value = `As of ${note.session}.\n\n` + texts.join("\n\n");
    asOf.value = note.session;
    updateCount();
    area.focus();
  });
  updateCount();
})();
