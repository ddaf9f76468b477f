// Exact-match filters (`field:="value"`) in a LogsQL query: what a facet click adds and what the
// chips above the results show and remove. They live in the query text itself, so the query box,
// the URL and the results always say the same thing.

export interface QueryFilter {
  field: string;
  value: string;
  /** Where the filter's text starts and ends in the query. */
  from: number;
  to: number;
}

const plainName = /^[A-Za-z0-9_.-]+$/;

/** `field:="value"`, the field quoted too when it is not a plain name (e.g. `headers.x y`). */
export function fieldFilter(field: string, value: string): string {
  return `${plainName.test(field) ? field : JSON.stringify(field)}:=${JSON.stringify(value)}`;
}

interface Scan {
  /** The first `|` outside quotes and parentheses (the start of the pipes), or the length. */
  pipe: number;
  /** A top-level OR, which an appended filter would bind to only its last operand. */
  or: boolean;
  /** Positions outside quotes and parentheses. */
  top: Set<number>;
}

function scan(query: string): Scan {
  const top = new Set<number>();
  let quote: string | undefined;
  let depth = 0;
  let or = false;
  for (let i = 0; i < query.length; i++) {
    const c = query[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (depth === 0) top.add(i);
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) return { pipe: i, or, top };
    else if (depth === 0 && /\s/.test(query[i - 1] ?? ' ') && /^or\s/i.test(query.slice(i, i + 3))) or = true;
  }
  return { pipe: query.length, or, top };
}

const filterPattern = /(^|\s)([A-Za-z0-9_.-]+|"(?:[^"\\]|\\.)*"):=("(?:[^"\\]|\\.)*")(?=\s|\)|$)/g;

const unquote = (text: string) => (text.startsWith('"') ? (JSON.parse(text) as string) : text);

/** The exact-match filters before the pipes, outside quotes and parentheses. */
export function queryFilters(query: string): QueryFilter[] {
  const { pipe, top } = scan(query);
  const head = query.slice(0, pipe);
  const found: QueryFilter[] = [];
  for (const m of head.matchAll(filterPattern)) {
    const from = m.index + (m[1] as string).length;
    if (!top.has(from)) continue;
    try {
      found.push({ field: unquote(m[2] as string), value: unquote(m[3] as string), from, to: m.index + m[0].length });
    } catch {
      // Not valid JSON escapes: not one of ours, left as typed.
    }
  }
  return found;
}

/** The query narrowed by field = value: added before any pipes, the rest kept as it is. */
export function addFilter(query: string, field: string, value: string): string {
  const q = query.trim();
  if (queryFilters(q).some((f) => f.field === field && f.value === value)) return q;
  const filter = fieldFilter(field, value);
  const { pipe, or } = scan(q);
  const head = q.slice(0, pipe).trim();
  const pipes = q.slice(pipe).trim();
  const narrowed = head === '' || head === '*' ? filter : `${or ? `(${head})` : head} ${filter}`;
  return pipes ? `${narrowed} ${pipes}` : narrowed;
}

/** The query without one of its filters ('*' when nothing is left). */
export function removeFilter(query: string, filter: QueryFilter): string {
  const rest = `${query.slice(0, filter.from)} ${query.slice(filter.to)}`.replace(/\s+/g, ' ').trim();
  if (rest === '') return '*';
  return rest.startsWith('|') ? `* ${rest}` : rest;
}
