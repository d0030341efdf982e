// The ask box: send the question to POST /api/ask and show the cited answer and its facts.
// Answers and questions are only ever inserted as text nodes, never as markup.
"use strict";
(function () {
  const form = document.getElementById("ask-form");
  if (!form) return;
  const input = document.getElementById("ask-question");
  const run = document.getElementById("ask-run");
  const errorLine = document.getElementById("ask-error");
  const result = document.getElementById("ask-result");
  const asOf = new URLSearchParams(window.location.search).get("as_of");

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function tip(row, facts) {
    const f = facts.find(x => x.id === row.fact) || {};
    const lines = [row.label, `${row.value} · ${f.method || ""}`];
    (f.inputs || []).forEach(i => lines.push(`${i.series} ${i.field} ${i.first} → ${i.last}`));
    if (f.sources && f.sources.length) lines.push("source: " + f.sources.join(", "));
    lines.push(row.fact);
    return lines.join("\n");
  }
  function render(data) {
    const answer = document.getElementById("ask-answer");
    answer.textContent = data.answer;
    answer.className = "ask-answer" + (data.answerable ? "" : " declined");
    const notes = document.getElementById("ask-notes");
    const items = data.answerable ? data.notes : data.suggestions.map(s => "You could ask: " + s);
    notes.replaceChildren(...items.map(n => el("li", {}, n)));
    const rows = document.getElementById("ask-rows");
    rows.replaceChildren(...data.table.map(r => {
      const tr = el("tr");
      const value = el("span", { class: "n", tabindex: "0", "data-tip": tip(r, data.facts) }, r.value);
      const cell = el("td", { class: "r" });
      cell.appendChild(value);
      tr.append(el("td", { class: "l" }, r.label), cell, el("td", { class: "l" }, r.start || ""),
                el("td", { class: "l" }, r.end || ""));
      return tr;
    }));
    rows.closest("table").hidden = !data.table.length;
    const v = data.verification || {};
    const meta = document.getElementById("ask-meta");
    meta.textContent = data.answerable
      ? `As of ${data.as_of} · read as ${data.interpretation.metric}` +
        (data.interpretation.period && data.interpretation.period.label ? `, ${data.interpretation.period.label}` : "") +
        (v.ok ? ` · ${v.numbers} ${v.numbers === 1 ? "number" : "numbers"}, each a fact; the claim checker confirmed ` +
                `${v.confirmed} ${v.confirmed === 1 ? "claim" : "claims"}` : "") +
        (data.backend === "llm" ? " · worded by the language model, verified" : "")
      : "Not answerable from the data.";
    result.hidden = false;
    document.body.dataset.asked = "true";
  }
  async function ask(question) {
    errorLine.hidden = true;
    if (!question.trim()) {
      errorLine.hidden = false;
      errorLine.textContent = "Type a question first.";
      return;
    }
    run.disabled = true;
    run.textContent = "Asking…";
    try {
      const body = { question: question };
      if (asOf) body.as_of = asOf;
      const response = await fetch("/api/ask", { method: "POST", headers: { "content-type": "application/json" },
                                                 body: JSON.stringify(body) });
      const data = await response.json();
      if (!response.ok) {
        errorLine.hidden = false;
        errorLine.textContent = data.message;
        return;
      }
      render(data);
    } catch (err) {
      errorLine.hidden = false;
      errorLine.textContent = "The server could not be reached: " + err;
    } finally {
      run.disabled = false;
      run.textContent = "Ask";
    }
  }
  form.addEventListener("submit", ev => { ev.preventDefault(); ask(input.value); });
  document.querySelectorAll(".ask-example").forEach(b => b.addEventListener("click", () => {
    input.value = b.textContent;
    ask(b.textContent);
  }));
})();
