/** What a case measures, and how the run prints and stores it. */
import { median } from './measure.js';

/** The contenders, in the order of the table's columns. */
export const CONTENDERS = ['raw', 'actorpair', 'comlink', 'birpc', 'capnweb'] as const;
export type ContenderName = (typeof CONTENDERS)[number];

/** One measurement: every contender that ran it, with all its samples (one per measured round). */
export interface Row {
  /** Stable key, used by the targets (`worker.seq`, `fork.pipe`, ...). */
  key: string;
  /** The case number (see bench/README.md). */
  case: number;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
  samples: Partial<Record<string, number[]>>;
  /** Bundle rows: the watched dependencies (superjson, xstate) actorpair's bundle carries. */
  carries?: string[];
  /** Something the reader must know to read the row (a contender that cannot do it as asked, ...). */
  note?: string;
  /**
   * The contenders' samples were not measured in the same rounds (one contender's rounds, then the next's), so
   * sample i of one is not paired with sample i of another: the row's ratios are ratios of medians.
   */
  unpaired?: true;
}

/** A case that did not run, and why. */
export interface Skipped {
  case: number;
  label: string;
  reason: string;
}

export interface Target {
  what: string;
  value: string;
  met: boolean | null;
}

export function medianOf(row: Row, contender: string): number {
  const samples = row.samples[contender];
  return samples ? median(samples) : NaN;
}

/**
 * The median of the per-round ratios `a[i] / b[i]`: samples measured in the same round share that round's load,
 * so each round's ratio cancels it, where a ratio of medians compares one round's luck with another's.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`paired ratio: ${a.length} samples against ${b.length}`);
  return median(a.map((x, i) => x / b[i]));
}

/**
 * `contender`'s ratio to `other` in one row: the median of the per-round ratios, or the ratio of medians where the
 * row's samples are not paired by round (`unpaired`, or not as many of one as of the other); NaN where either did
 * not run.
 */
export function ratioOf(row: Row, contender: string, other = 'raw'): number {
  const a = row.samples[contender];
  const b = row.samples[other];
  if (!a || !b) return NaN;
  return row.unpaired || a.length !== b.length ? median(a) / median(b) : pairedRatio(a, b);
}

/** The ratio of the medians, which the bench printed before it paired rounds: kept for comparison in the results. */
export function ratioOfMedians(row: Row, contender: string, other = 'raw'): number {
  return medianOf(row, contender) / medianOf(row, other);
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100_000) return `${(value / 1000).toFixed(0)}k`;
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 10) return value.toFixed(2);
  return value.toFixed(3);
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/**
 * The table: medians, and each contender's ratio to raw where raw ran (the median of the per-round ratios; of the
 * medians in a row marked `unpaired`, which its note says).
 */
export function table(rows: readonly Row[], skipped: readonly Skipped[]): string {
  const extra = [...new Set(rows.flatMap((row) => Object.keys(row.samples)))].filter(
    (name) => !(CONTENDERS as readonly string[]).includes(name),
  );
  const columns = [...CONTENDERS, ...extra].filter((name) => rows.some((row) => row.samples[name]));
  const labelWidth = Math.max(...rows.map((row) => row.label.length + row.unit.length + 3), 20);
  const cell = Math.max(20, ...columns.map((name) => name.length + 2));
  const lines = [
    `${pad('#', 3)}${pad('measurement (median)', labelWidth)}${columns.map((name) => pad(name, cell, true)).join('')}`,
  ];
  for (const row of rows) {
    const cells = columns.map((name) => {
      const value = medianOf(row, name);
      if (!Number.isFinite(value)) return pad('—', cell, true);
      const r = name === 'raw' ? NaN : ratioOf(row, name);
      const ratio = Number.isFinite(r) ? ` (${r.toFixed(2)}×)` : '';
      return pad(format(value) + ratio, cell, true);
    });
    const arrow = row.better === 'lower' ? '↓' : '↑';
    lines.push(`${pad(String(row.case), 3)}${pad(`${row.label} ${arrow}${row.unit}`, labelWidth)}${cells.join('')}`);
  }
  const notes = rows
    .filter((row) => row.note || row.unpaired)
    .map((row) => {
      const unpaired = row.unpaired ? 'ratios of medians: its contenders ran in rounds of their own, not paired.' : '';
      return `  case ${row.case}, ${row.label}: ${[row.note, unpaired].filter(Boolean).join(' ')}`;
    });
  if (notes.length) lines.push('', 'notes:', ...notes);
  if (skipped.length) {
    lines.push('', 'not yet measured:', ...skipped.map((s) => `  case ${s.case}, ${s.label}: ${s.reason}`));
  }
  return lines.join('\n');
}
