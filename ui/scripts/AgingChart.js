// @ts-check
/**
 * The aging chart: one bar per bucket (not yet due, 1-30, 31-60, 61-90, over 90 days late), heights
 * proportional to the amounts, amounts above the bars and bucket names below.
 */

import { svg, replace } from './dom.js';
import { formatMoney, toCents } from './format.js';

/** @typedef {import('./api.js').AgingBucket} AgingBucket */

const WIDTH = 600;
const HEIGHT = 270;
const TOP = 34;
const BOTTOM = 56;
const SIDE = 16;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

/**
 * @typedef {object} AgingChartView
 * @property {SVGElement} element
 * @property {(buckets: AgingBucket[]) => void} update
 */

/**
 * @returns {AgingChartView}
 */
export function AgingChart() {
  const bars = svg('g', { class: 'aging-bars' });
  const baseline = svg('line', {
    class: 'aging-baseline', x1: SIDE, x2: WIDTH - SIDE, y1: TOP + PLOT_HEIGHT, y2: TOP + PLOT_HEIGHT,
  });
  const title = svg('title');
  const element = svg('svg', {
    id: 'aging-chart',
    class: 'aging-chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    preserveAspectRatio: 'xMidYMid meet',
    role: 'img',
  }, [title, bars, baseline]);

  /** @param {AgingBucket[]} buckets */
  function update(buckets) {
    const cents = buckets.map((bucket) => Math.max(0, toCents(bucket.amount)));
    const largest = Math.max(0, ...cents);
    const slot = (WIDTH - 2 * SIDE) / Math.max(1, buckets.length);
    const barWidth = Math.min(72, slot * 0.6);
    replace(bars, buckets.map((bucket, index) => {
      // Only the drawing uses a ratio; the amounts shown are the core's strings.
      const height = largest > 0 ? Math.round((cents[index] / largest) * PLOT_HEIGHT * 10) / 10 : 0;
      const centre = SIDE + slot * index + slot / 2;
      const top = TOP + PLOT_HEIGHT - height;
      return svg('g', { class: `aging-bucket aging-bucket--${bucket.key}` }, [
        svg('rect', {
          class: 'aging-bar',
          x: round(centre - barWidth / 2),
          y: round(top),
          width: round(barWidth),
          height,
          rx: height > 4 ? 3 : 0,
          'data-bucket': bucket.key,
          'data-amount': bucket.amount,
          'data-invoices': bucket.invoices,
        }, [svg('title', {}, [`${bucket.label} : ${formatMoney(bucket.amount)} (${invoiceCount(bucket.invoices)})`])]),
        svg('text', { class: 'aging-amount', x: round(centre), y: round(top - 8), 'text-anchor': 'middle' },
          [formatMoney(bucket.amount)]),
        svg('text', { class: 'aging-label', x: round(centre), y: TOP + PLOT_HEIGHT + 22, 'text-anchor': 'middle' },
          [bucket.label]),
        svg('text', { class: 'aging-count', x: round(centre), y: TOP + PLOT_HEIGHT + 40, 'text-anchor': 'middle' },
          [invoiceCount(bucket.invoices)]),
      ]);
    }));
    const summary = buckets.map((b) => `${b.label} : ${formatMoney(b.amount)}`).join(' ; ');
    element.setAttribute('aria-label', `Ancienneté des créances. ${summary}`);
    title.textContent = 'Ancienneté des créances';
  }

  return { element, update };
}

/**
 * @param {number} count
 * @returns {string}
 */
function invoiceCount(count) {
  if (count === 0) {
    return 'aucune facture';
  }
  return count === 1 ? '1 facture' : `${count} factures`;
}

/**
 * @param {number} value
 * @returns {number}
 */
function round(value) {
  return Math.round(value * 10) / 10;
}
