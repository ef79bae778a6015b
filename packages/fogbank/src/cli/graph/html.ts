import type { ExecutionMarks } from './marks.js';
import type { GraphMachine } from './model.js';
import { toMermaid } from './mermaid.js';
import { toSvg } from './svg.js';

/**
 * A self-contained HTML page (no scripts, no network): the SVG picture, a legend, and the Mermaid
 * source for pasting into docs. Opens in any browser, including headless Chromium for a
 * screenshot.
 */
export function toHtml(root: GraphMachine, title: string, marks?: ExecutionMarks): string {
  const legend = marks === undefined
    ? ''
    : `<p class="legend"><span class="visited">visited</span><span class="caught">error caught</span><span class="failed">failed</span><span class="retry">↻ retries</span> <span class="path">━ path taken</span></p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
  body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 24px; color: #16191f; }
  h1 { font-size: 18px; font-weight: 600; }
  .legend span { display: inline-block; padding: 2px 10px; margin-right: 8px; border-radius: 4px; font-size: 12px; border: 1px solid; }
  .legend .visited { background: #d4edda; border-color: #2e7d32; }
  .legend .caught { background: #fff3cd; border-color: #ef6c00; }
  .legend .failed { background: #f8d7da; border-color: #c62828; }
  .legend .retry { background: #ef6c00; color: #fff; border-color: #ef6c00; }
  .legend .path { border: none; color: #2e7d32; }
  figure { margin: 16px 0; overflow: auto; }
  details pre { background: #f4f6f8; padding: 12px; overflow: auto; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
${legend}
<figure id="graph">
${toSvg(root, marks)}</figure>
<details><summary>Mermaid source</summary><pre>${esc(toMermaid(root, marks))}</pre></details>
</body>
</html>
`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
