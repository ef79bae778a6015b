/** Small text helpers shared by the human-readable outputs. */

/** `0 ms`, `12 ms`, `2.5 s`, `1 min 30 s`, `1 d 0 h 0 min 2 s`: readable at any scale. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimZeros((ms / 1000).toFixed(3))} s`;
  const total = Math.round(ms / 1000);
  const parts: string[] = [];
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) parts.push(`${d} d`);
  if (d > 0 || h > 0) parts.push(`${h} h`);
  parts.push(`${m} min`, `${s} s`);
  return parts.join(' ');
}

function trimZeros(text: string): string {
  return text.replace(/\.?0+$/, '');
}

/** A timeline offset: `+0:00:02.000`, `+1d 0:00:02.000`. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const days = Math.floor(total / 86_400_000);
  const h = Math.floor((total % 86_400_000) / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const sec = Math.floor((total % 60_000) / 1000);
  const milli = total % 1000;
  const clock = `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
  return `+${days > 0 ? `${days}d ` : ''}${clock}`;
}

/**
 * A task failure's cause for one line: a Lambda error answer (`{"errorType","errorMessage",...}`)
 * shows its message, anything else is flattened and shortened.
 */
export function causeLine(cause: string): string {
  try {
    const parsed = JSON.parse(cause) as unknown;
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as Record<string, unknown>)['errorMessage'] === 'string') {
      return oneLine((parsed as Record<string, string>)['errorMessage']!);
    }
  } catch {
    // Not JSON: shown as text.
  }
  return oneLine(cause);
}

/** ANSI styles, or plain text when colours are off. */
export interface Styles {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const plain = (text: string): string => text;
const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export function styles(color: boolean): Styles {
  if (!color) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), green: ansi(32, 39), yellow: ansi(33, 39), cyan: ansi(36, 39) };
}

/** A cause shortened to one line for the timeline (the full text is in `--json` and `--history`). */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** US dollars with enough digits for per-request prices: `$0.000025`, `$12.50`. */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 0.01) return `$${amount.toFixed(2)}`;
  return `$${Number(amount.toPrecision(3)).toFixed(12).replace(/0+$/, '')}`;
}
