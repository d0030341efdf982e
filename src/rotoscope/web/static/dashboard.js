// Interactive charts of the dashboard, drawn with the plotly.js the app serves itself.
// The data are embedded in the page (#dash-data) for the page's session: nothing after
// that date is ever sent.
"use strict";
(function () {
  const INK = "#1d2433", MUTED = "#6b7280", GRID = "#e5e7eb", UP = "#1b7f5b", DOWN = "#c2410c";
  const SERIES = ["#1f4e99", "#e07b00", "#2a9d8f", "#8e5ea2", "#b91c1c", "#6b7280",
                  "#b8860b", "#0f766e", "#db2777", "#4d7c0f", "#7c3aed"];
  const FONT = { family: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif',
                 size: 12, color: INK };
  const CONFIG = { displaylogo: false, responsive: true, displayModeBar: false };

  function layout(extra) {
    return Object.assign({
      font: FONT, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      margin: { l: 48, r: 14, t: 34, b: 36 },
      xaxis: { gridcolor: GRID, linecolor: MUTED, zeroline: false },
      yaxis: { gridcolor: GRID, linecolor: MUTED, zeroline: false },
      legend: { orientation: "h", x: 0, y: 1, yanchor: "bottom", font: { size: 11 } },
      hovermode: "x unified",
    }, extra || {});
  }
  function draw(id, traces, lay) { return Plotly.react(id, traces, layout(lay), CONFIG); }
  function empty(id, message) {
    document.getElementById(id).innerHTML = '<p class="sub" style="padding:2rem 0;text-align:center"></p>';
    document.getElementById(id).firstChild.textContent = message;
  }
  function pressed(group, button) {
    group.querySelectorAll("button").forEach(b => b.setAttribute("aria-pressed", String(b === button)));
  }

  const data = JSON.parse(document.getElementById("dash-data").textContent);
  const asOf = data.as_of;
  const charts = data.charts;

  // ------------------------------------------------------------ rebased indices
  function rebased(range) {
    const lines = charts.rebased.series;
    if (!lines.length) return empty("plot-rebased", "No index closes as of this date.");
    // the range starts on a date of the first series; every line is rebased there
    const ref = lines[0].dates;
    let from;
    if (range === "ytd") {
      const jan1 = asOf.slice(0, 4) + "-01-01";
      from = ref[Math.max(0, ref.findIndex(d => d >= jan1) - 1)];  // last close of last year
    } else {
      from = ref[Math.max(0, ref.length - 1 - Number(range))];
    }
    const traces = lines.map((s, i) => {
      const start = Math.max(0, s.dates.findIndex(d => d >= from));
      const base = s.values[start];
      const y = s.values.slice(start).map(v => v === null ? null : v / base * 100);
      const last = y[y.length - 1];
      return { x: s.dates.slice(start), y: y, type: "scatter", mode: "lines",
               name: `${s.name} (${last.toFixed(1)})`, line: { color: SERIES[i], width: 2 },
               hovertemplate: "%{y:.1f}<extra>" + s.name + "</extra>" };
    });
    const stale = charts.rebased.stale.map(s => `${s.name} (data end ${s.last})`).join(", ");
    draw("plot-rebased", traces, {
      yaxis: { gridcolor: GRID, title: { text: "Rebased to 100", font: { size: 11 } } },
      annotations: stale ? [{ xref: "paper", yref: "paper", x: 1, y: 0, xanchor: "right", yanchor: "bottom",
        text: "not shown: " + stale, showarrow: false, font: { size: 10, color: DOWN } }] : [],
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 100, y1: 100,
                 line: { color: MUTED, width: 1, dash: "dot" } }] });
  }

  // ------------------------------------------------------------ relative strength
  function ratios(index) {
    const pairs = charts.ratios.pairs;
    if (!pairs.length) return empty("plot-ratios", "No pair has total-return closes as of this date.");
    const p = pairs[index];
    const n = Math.min(252, p.dates.length);
    const x = p.dates.slice(-n);
    draw("plot-ratios", [
      { x: x, y: p.ratio.slice(-n), type: "scatter", mode: "lines", name: `${p.a} / ${p.b}`,
        line: { color: SERIES[0], width: 2 }, hovertemplate: "%{y:.4f}<extra>ratio</extra>" },
      { x: x, y: p.sma50.slice(-n), type: "scatter", mode: "lines", name: "50-session average",
        line: { color: SERIES[1], width: 1.5, dash: "dash" }, hovertemplate: "%{y:.4f}<extra>50-session average</extra>" },
    ], { yaxis: { gridcolor: GRID, tickformat: ".3f" },
         annotations: p.last < asOf ? [{ xref: "paper", yref: "paper", x: 1, y: 0, xanchor: "right", yanchor: "bottom",
           text: `total-return data end ${p.last}`, showarrow: false, font: { size: 10, color: DOWN } }] : [] });
  }
  const select = document.getElementById("ratio-pair");
  charts.ratios.pairs.forEach((p, i) => {
    const o = document.createElement("option");
    o.value = String(i); o.textContent = `${p.label} (${p.a}/${p.b})`;
    select.appendChild(o);
  });
  select.addEventListener("change", () => ratios(Number(select.value)));

  // ------------------------------------------------------------ sector heat map
  function heatmap() {
    const h = data.heatmap;
    if (!h.sectors.length) return empty("plot-heatmap", "No sector returns as of this date.");
    const z = [], text = [], tips = [];
    h.sectors.forEach(s => {
      z.push(h.windows.map(w => s.cells[w.key] ? s.cells[w.key].value : null));
      text.push(h.windows.map(w => s.cells[w.key] ? s.cells[w.key].text.replace("%", "") : ""));
      tips.push(h.windows.map(w => s.cells[w.key] ? s.cells[w.key].fact : "not available"));
    });
    const flat = z.flat().filter(v => v !== null).map(Math.abs);
    const lim = Math.max(1, ...flat);
    // a phone has room for the tickers only
    const narrow = document.getElementById("plot-heatmap").clientWidth < 560;
    const y = h.sectors.map(s => narrow ? s.symbol : `${s.name} (${s.symbol})`);
    Plotly.react("plot-heatmap", [{
      type: "heatmap", z: z, x: h.windows.map(w => w.short), y: y, text: text, customdata: tips,
      texttemplate: "%{text}", textfont: { size: narrow ? 9.5 : 10.5 }, zmin: -lim, zmax: lim, zmid: 0, xgap: 2, ygap: 2,
      colorscale: [[0, DOWN], [0.5, "#f7f7f7"], [1, UP]], showscale: false,
      hovertemplate: "%{y}<br>%{x}: %{text}%<br>%{customdata}<extra></extra>",
      hoverlabel: { font: { size: 11 } },
    }], layout({ margin: { l: 8, r: 8, t: 26, b: 8 }, hovermode: "closest",
                 xaxis: { side: "top", showgrid: false, fixedrange: true },
                 yaxis: { autorange: "reversed", showgrid: false, automargin: true, fixedrange: true } }), CONFIG);
  }

  // ------------------------------------------------------------ RRG with a scrubbable tail
  const rrgData = charts.rrg;
  function rrg(weekIndex) {
    if (!rrgData.sectors.length) {
      slider.closest("label").hidden = true;
      return empty("plot-rrg", "No RRG as of this date: " +
                   (rrgData.missing.length ? rrgData.missing.join("; ") : "not enough weekly history") + ".");
    }
    const week = rrgData.weeks[weekIndex];
    document.getElementById("rrg-week-label").textContent = week;
    let lo = 100, hi = 100;
    rrgData.sectors.forEach(s => s.ratio.concat(s.momentum).forEach(v => { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }));
    const span = Math.max(2, 100 - lo, hi - 100) * 1.08;
    const traces = [];
    rrgData.sectors.forEach((s, i) => {
      const upto = s.dates.filter(d => d <= week).length;
      if (!upto) return;
      const from = Math.max(0, upto - rrgData.tail);
      const x = s.ratio.slice(from, upto), y = s.momentum.slice(from, upto), d = s.dates.slice(from, upto);
      const q = s.quadrant[upto - 1];
      traces.push({ x: x, y: y, type: "scatter", mode: "lines+markers", name: s.symbol, legendgroup: s.symbol,
        line: { color: SERIES[i % SERIES.length], width: 1.4 },
        marker: { size: x.map((_, k) => k === x.length - 1 ? 12 : 5), color: SERIES[i % SERIES.length],
                  line: { color: "#fff", width: 1 } },
        text: d, hovertemplate: `<b>${s.name} (${s.symbol})</b><br>%{text}<br>RS-Ratio %{x:.2f}<br>RS-Momentum %{y:.2f}<extra>${q}</extra>` });
      traces.push({ x: [x[x.length - 1]], y: [y[y.length - 1]], type: "scatter", mode: "text", text: [s.symbol],
        textposition: "top right", textfont: { color: SERIES[i % SERIES.length], size: 11 }, showlegend: false,
        hoverinfo: "skip", legendgroup: s.symbol });
    });
    const q = (x0, x1, y0, y1, c) => ({ type: "rect", xref: "x", yref: "y", x0: x0, x1: x1, y0: y0, y1: y1,
      fillcolor: c, opacity: 0.07, line: { width: 0 }, layer: "below" });
    const a = (x, y, t, c, xa, ya) => ({ x: x, y: y, xref: "paper", yref: "paper", text: "<b>" + t + "</b>", showarrow: false,
      font: { color: c, size: 12 }, xanchor: xa, yanchor: ya });
    const L = 100 - span, H = 100 + span;
    draw("plot-rrg", traces, {
      hovermode: "closest", showlegend: false, margin: { l: 50, r: 14, t: 10, b: 44 },
      xaxis: { range: [L, H], title: { text: "RS-Ratio", font: { size: 11 } }, gridcolor: GRID, zeroline: false },
      yaxis: { range: [L, H], title: { text: "RS-Momentum", font: { size: 11 } }, gridcolor: GRID, zeroline: false },
      shapes: [q(100, H, 100, H, UP), q(100, H, L, 100, "#e07b00"), q(L, 100, L, 100, DOWN), q(L, 100, 100, H, "#1f4e99"),
               { type: "line", x0: 100, x1: 100, y0: L, y1: H, line: { color: MUTED, width: 1 } },
               { type: "line", x0: L, x1: H, y0: 100, y1: 100, line: { color: MUTED, width: 1 } }],
      annotations: [a(0.99, 0.99, "Leading", UP, "right", "top"), a(0.99, 0.01, "Weakening", "#e07b00", "right", "bottom"),
                    a(0.01, 0.01, "Lagging", DOWN, "left", "bottom"), a(0.01, 0.99, "Improving", "#1f4e99", "left", "top")],
    });
  }
  const slider = document.getElementById("rrg-week");
  slider.max = String(Math.max(0, rrgData.weeks.length - 1));
  slider.value = slider.max;
  slider.addEventListener("input", () => rrg(Number(slider.value)));

  // ------------------------------------------------------------ streak history
  const st = charts.streaks;
  function streaks(range) {
    if (!st.ends) return empty("plot-streaks", "No streak history as of this date.");
    const colors = st.lengths.map(v => v > 0 ? SERIES[0] : SERIES[1]);
    const cur = st.current;
    const x0 = range === "all" ? st.ends[0] : String(Number(asOf.slice(0, 4)) - Number(range)) + asOf.slice(4);
    draw("plot-streaks", [{
      x: st.ends, y: st.lengths, type: "bar", marker: { color: colors }, width: 86400000 * 3,
      hovertemplate: "%{x}: %{customdata}<extra></extra>",
      customdata: st.lengths.map(v => `${Math.abs(v)} session${Math.abs(v) === 1 ? "" : "s"} of ${v > 0 ? st.a_name : st.b_name} ahead`),
    }], {
      hovermode: "closest", showlegend: false, bargap: 0,
      xaxis: { range: [x0, asOf], gridcolor: GRID },
      yaxis: { title: { text: "Sessions in a row", font: { size: 11 } }, gridcolor: GRID, zeroline: true, zerolinecolor: MUTED },
      annotations: [
        { xref: "paper", yref: "paper", x: 0, y: 1, xanchor: "left", yanchor: "top", showarrow: false,
          text: `▲ ${st.a_name} ahead`, font: { color: SERIES[0], size: 11 } },
        { xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "bottom", showarrow: false,
          text: `▼ ${st.b_name} ahead`, font: { color: SERIES[1], size: 11 } },
        { x: cur.end, y: cur.length * cur.side, text: `current: ${cur.length}`, showarrow: true, arrowhead: 0, ax: -30,
          ay: cur.side > 0 ? -24 : 24, font: { size: 11, color: INK } }],
    });
  }

  // ------------------------------------------------------------ breadth
  function breadth() {
    const b = charts.breadth;
    if (!b.dates.length) return empty("plot-breadth", "The member panel does not cover this date.");
    draw("plot-breadth", [
      { x: b.dates, y: b.above50, type: "scatter", mode: "lines", name: "above 50-session average",
        line: { color: SERIES[2], width: 1.8 }, hovertemplate: "%{y:.1f}%<extra>50-session</extra>" },
      { x: b.dates, y: b.above200, type: "scatter", mode: "lines", name: "above 200-session average",
        line: { color: SERIES[0], width: 2 }, hovertemplate: "%{y:.1f}%<extra>200-session</extra>" },
    ], { yaxis: { range: [0, 100], ticksuffix: "%", gridcolor: GRID },
         shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 50, y1: 50, line: { color: MUTED, width: 1, dash: "dot" } }],
         annotations: b.stale ? [{ xref: "paper", yref: "paper", x: 1, y: 0, xanchor: "right", yanchor: "bottom", showarrow: false,
           text: `member panel ends ${b.last}`, font: { size: 10, color: DOWN } }] : [] });
  }

  document.querySelectorAll(".seg").forEach(group => {
    group.addEventListener("click", ev => {
      const button = ev.target.closest("button");
      if (!button) return;
      pressed(group, button);
      if (group.dataset.chart === "rebased") rebased(button.dataset.range);
      else streaks(button.dataset.range);
    });
  });

  rebased("252");
  ratios(0);
  heatmap();
  rrg(Number(slider.value));
  streaks("15");
  breadth();
  document.body.dataset.ready = "true";
})();
