"""The HTML report's inline style sheet and script (kept here so the report is one self-contained file)."""

from __future__ import annotations

CSS = """
:root { --ink:#1d2433; --muted:#5b6475; --line:#d9dde5; --bg:#fbfbfd; --card:#fff; --accent:#2456a6;
  --carried:#2f7d4a; --unique:#8a5a00; --omitted:#b8bec9; --contra:#b3261e; --mark:#ffe08a; }
* { box-sizing:border-box; }
html { -webkit-text-size-adjust:100%; }
body { margin:0; font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink);
  background:var(--bg); }
header.top { background:var(--ink); color:#fff; padding:1.2rem 1rem 1rem; }
header.top h1 { margin:0 auto; max-width:64rem; font-size:1.5rem; line-height:1.25; }
header.top p { margin:.3rem auto 0; max-width:64rem; color:#c9d1e0; font-size:.9rem; }
nav.toc { position:sticky; top:0; z-index:5; background:#fff; border-bottom:1px solid var(--line); overflow-x:auto;
  white-space:nowrap; }
nav.toc a { display:inline-block; padding:.55rem .7rem; color:var(--accent); text-decoration:none; font-size:.9rem; }
main { max-width:64rem; margin:0 auto; padding:0 1rem 3rem; }
section { margin-top:2rem; }
h2 { font-size:1.25rem; border-bottom:2px solid var(--ink); padding-bottom:.2rem; }
h3 { font-size:1.05rem; margin:1.2rem 0 .4rem; }
.hint { color:var(--muted); font-size:.9rem; margin-top:-.4rem; }
.outlets { display:grid; grid-template-columns:repeat(auto-fill,minmax(15rem,1fr)); gap:.8rem; }
.outlet { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.7rem .8rem; }
.outlet .badge { float:right; }
.outlet h3 { margin:0 0 .2rem; font-size:1rem; }
.outlet .meta { color:var(--muted); font-size:.85rem; }
.outlet details { margin-top:.4rem; font-size:.9rem; }
.outlet .body { white-space:pre-wrap; max-height:22rem; overflow:auto; border-top:1px solid var(--line);
  padding-top:.4rem; }
.badge { display:inline-block; min-width:2.2rem; text-align:center; font:600 .75rem/1.6 ui-monospace,monospace;
  background:#e8edf7; color:var(--accent); border-radius:4px; padding:0 .3rem; }
ol.summary { padding-left:2rem; }
.outlet .docid { font:.72rem ui-monospace,monospace; color:#8a93a3; }
details.more > summary, details.quote-group > summary { cursor:pointer; color:var(--accent); font-weight:600;
  padding:.3rem 0; }
details.quote-group > summary { color:var(--ink); font-weight:400; }
.quote-outlet { margin:.4rem 0; }
ul.timeline { padding-left:1.2rem; } ul.timeline li { margin:.35rem 0; } ul.timeline .src { margin-left:.3rem; }
ol.summary li { margin:.55rem 0; }
button.cite { font:600 .72rem/1.4 ui-monospace,monospace; color:var(--accent); background:#e8edf7;
  border:1px solid #c4d0ea;
  border-radius:4px; padding:0 .3rem; margin-left:.15rem; cursor:pointer; vertical-align:super; }
button.cite[aria-expanded="true"] { background:var(--accent); color:#fff; }
.evidence { display:none; margin:.4rem 0 .2rem; padding:.5rem .7rem; background:#f3f6fb;
  border-left:3px solid var(--accent);
  font-size:.92rem; }
.evidence.open { display:block; }
.evidence p { margin:.2rem 0; }
.src { font-weight:600; color:var(--muted); font-size:.8rem; margin-right:.3rem; }
.scroll { overflow-x:auto; -webkit-overflow-scrolling:touch; }
table { border-collapse:collapse; width:100%; background:var(--card); font-size:.92rem; }
th, td { border:1px solid var(--line); padding:.35rem .45rem; vertical-align:top; text-align:left; }
th { background:#f0f2f6; font-weight:600; }
table.matrix td.st { text-align:center; font-weight:700; width:3.2rem; }
td.carried { color:var(--carried); background:#e9f5ed; } td.unique { color:var(--unique); background:#fff4dc; }
td.omitted { color:var(--omitted); } td.contradicted { color:#fff; background:var(--contra); }
table.matrix td.fact { min-width:14rem; }
table.matrix details summary { cursor:pointer; }
.legend span { display:inline-block; margin-right:1rem; font-size:.85rem; white-space:nowrap; }
.sides { display:grid; grid-template-columns:repeat(auto-fit,minmax(16rem,1fr)); gap:.7rem; }
.side { background:var(--card); border:1px solid var(--line); border-top:4px solid var(--contra); border-radius:6px;
  padding:.6rem .8rem; }
.side .value { font-weight:700; }
mark { background:var(--mark); padding:0 .1rem; border-radius:2px; }
.quote-group { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.5rem .8rem;
  margin:.6rem 0; }
.quote-group blockquote { margin:.35rem 0; padding-left:.7rem; border-left:3px solid var(--line); }
.variant { background:#fff8e6; border-radius:6px; padding:.3rem .6rem; margin:.4rem 0; }
td .own { font-weight:600; }
td .inq { color:var(--muted); font-style:italic; }
.kind { font-size:.75rem; color:var(--muted); text-transform:uppercase; letter-spacing:.03em; }
svg.chart { width:100%; height:auto; background:var(--card); border:1px solid var(--line); border-radius:8px; }
.reuse-graph { max-width:30rem; display:block; }
.node circle { fill:#e8edf7; stroke:var(--accent); stroke-width:2; }
.node text { font:700 13px ui-monospace,monospace; text-anchor:middle; fill:var(--ink); }
.edge { stroke:var(--accent); stroke-opacity:.75; } .edge.common { stroke:var(--muted); stroke-dasharray:6 5; }
.arrowhead { fill:var(--accent); }
.edge-label { font:11px system-ui,sans-serif; fill:var(--muted); text-anchor:middle; }
.timeline-wrap svg { min-width:36rem; }
.tick { stroke:var(--line); } .tick-label { font:11px system-ui,sans-serif; fill:var(--muted); text-anchor:middle; }
.row-label { font:12px system-ui,sans-serif; text-anchor:end; fill:var(--ink); }
.mark { fill:var(--accent); } .mark.disputed { fill:var(--contra); }
.rival { fill:#fff; stroke:var(--contra); stroke-width:2; } .dispute { stroke:var(--contra); stroke-dasharray:3 3; }
.count { font:11px system-ui,sans-serif; fill:var(--muted); }
.disputed-note { color:var(--contra); font-weight:600; }
.empty { color:var(--muted); font-style:italic; }
@media (max-width:600px) {
  body { font-size:15px; } header.top h1 { font-size:1.2rem; } main { padding:0 .6rem 2rem; }
  th, td { padding:.3rem; }
}
"""

JS = """
document.addEventListener('click', function (ev) {
  var btn = ev.target.closest('button.cite');
  if (!btn) { return; }
  var panel = document.getElementById(btn.getAttribute('aria-controls'));
  if (!panel) { return; }
  var open = !panel.classList.contains('open');
  panel.classList.toggle('open', open);
  btn.setAttribute('aria-expanded', open ? 'true' : 'false');
});
"""
