// Bar charts as plain SVG (no chart library): horizontal bars with a label and a value.
import { html } from 'htm/preact';

// rows: [{label, value, text, tone}], value in [0, max].
export function Bars({ title, rows, max = 1, unit = '' }) {
  const height = 22;
  const labelWidth = 150;
  const width = 420;
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    ${rows.length === 0 ? html`<p class="muted">Chưa có số liệu.</p>` : html`
    <svg viewBox=${`0 0 ${width} ${rows.length * height + 4}`} role="img" aria-label=${title}>
      ${rows.map((r, i) => {
        const w = Math.max(1, ((width - labelWidth - 95) * Math.min(r.value, max)) / (max || 1));
        return html`<g transform=${`translate(0, ${i * height + 2})`}>
          <text x="0" y="15" class="bar-label">${r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label}</text>
          <rect x=${labelWidth} y="3" width=${w} height=${height - 8} class=${`bar ${r.tone || ''}`} />
          <text x=${labelWidth + w + 4} y="15" class="bar-value">${r.text !== undefined ? r.text : `${r.value}${unit}`}</text>
        </g>`;
      })}
    </svg>
    <table class="sr-only"><caption>${title}</caption>
      <tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${r.text !== undefined ? r.text : r.value}</td></tr>`)}</tbody></table>`}
  </figure>`;
}

export const rateTone = (rate) => (rate >= 0.9 ? 'good' : rate >= 0.7 ? 'fair' : 'poor');
