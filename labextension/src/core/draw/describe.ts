/** A plain-text sentence describing a scene, for screen readers and text-only frontends. */

import { formatF, formatG } from '../errors';
import { Item, Range } from '../types';

const NOUNS: Array<[Item['kind'], string, string]> = [
  ['curve', 'curve', 'curves'],
  ['point', 'point', 'points'],
  ['region', 'shaded region', 'shaded regions']
];

/**
 * A short, readable number: `-10`, `2.5`, `-6.67`, `3358`, `1.2e+06`. Rounded as Python
 * rounds, an exact tie to the even digit, so both kernels describe a window alike.
 */
export function number(value: number): string {
  if (value === 0) {
    return '0';
  }
  if (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3) {
    return formatG(value, 3);
  }
  let text = formatF(value, Math.abs(value) >= 100 ? 0 : 2);
  if (text.includes('.')) {
    text = text.replace(/0+$/, '').replace(/\.$/, '');
  }
  return text === '-0' ? '0' : text;
}

function quote(labels: string[]): string {
  const quoted = labels.map(l => `"${l}"`);
  if (quoted.length <= 2) {
    return quoted.join(' and ');
  }
  return quoted.slice(0, -1).join(', ') + ' and ' + quoted[quoted.length - 1];
}

/**
 * One sentence: what is drawn (each statement's source text) and the window.
 * Several points from one statement are counted once per point but named once.
 */
export function describe(
  window: { x: Range; y: Range },
  items: Item[],
  degrees = false
): string {
  const [x0, x1] = window.x;
  const [y0, y1] = window.y;
  const where = `for x from ${number(x0)} to ${number(x1)} and y from ${number(y0)} to ${number(y1)}`;
  const text = describeItems(items, where);
  return degrees ? `${text} Angles are in degrees.` : text;
}

/** What is drawn, and where. */
function describeItems(items: Item[], where: string): string {
  if (items.length === 0) {
    return `An empty graph ${where}.`;
  }
  const parts: string[] = [];
  const plain = items.filter(i => !isStatistic(i));
  for (const [kind, one, many] of NOUNS) {
    const ofKind = plain.filter(i => i.kind === kind);
    if (ofKind.length === 0) {
      continue;
    }
    const labels = [...new Set(ofKind.map(i => i.label))];
    const noun = ofKind.length === 1 ? one : many;
    parts.push(`${ofKind.length} ${noun} (${quote(labels)})`);
  }
  parts.push(...statistics(items));
  const what =
    parts.length === 1
      ? parts[0]
      : parts.slice(0, -1).join(', ') + ' and ' + parts[parts.length - 1];
  return `A graph of ${what}, ${where}.`;
}

/** Whether an item is (part of) a histogram, boxplot or dotplot. */
function isStatistic(item: Item): boolean {
  return (
    item.bars !== undefined ||
    item.box !== undefined ||
    item.count !== undefined
  );
}

/** One phrase per statistics plot, in drawing order: what it counts and how. */
function statistics(items: Item[]): string[] {
  const phrases: string[] = [];
  const dots = new Map<number, number>();
  for (const item of items) {
    if (item.bars !== undefined) {
      const bars = item.bars;
      const values = bars.reduce((sum, bar) => sum + bar.count, 0);
      const width = number(bars[0].to - bars[0].from);
      const noun = bars.length === 1 ? 'bar' : 'bars';
      phrases.push(
        `a histogram of ${valuesText(values)} in ${bars.length} ${noun} of width ${width} ` +
          `("${item.label}")`
      );
    } else if (item.box !== undefined) {
      const box = item.box;
      const five = (
        [
          ['min', box.min],
          ['Q1', box.q1],
          ['median', box.median],
          ['Q3', box.q3],
          ['max', box.max]
        ] as Array<[string, number]>
      )
        .map(([name, value]) => `${name} ${number(value)}`)
        .join(', ');
      phrases.push(
        `a box plot of ${valuesText(box.count)}: ${five} ("${item.label}")`
      );
    } else if (item.count !== undefined && !dots.has(item.line)) {
      dots.set(item.line, phrases.length);
      phrases.push(item.label);
    }
  }
  for (const [line, at] of dots) {
    const count = items.filter(
      i => i.line === line && i.count !== undefined
    ).length;
    phrases[at] = `a dot plot of ${valuesText(count)} ("${phrases[at]}")`;
  }
  return phrases;
}

function valuesText(count: number): string {
  return count === 1 ? '1 value' : `${count} values`;
}
