// A search carried to browse: a query that is one simple term (besides its topic filters) maps to
// browse's substring filter; anything richer (several terms, pipes, ranges, regexes) does not.
import type { BrowseFilterField } from '../../api/messages';
import { queryFilters } from './queryFilters';

export interface BrowseLinkFilter {
  filter: string;
  filterField: BrowseFilterField;
  /** With filterField "header": the header's name. */
  header?: string;
}

const bareWord = /^[\p{L}\p{N}_.@-]+$/u;
const phrase = /^"([^"\\]+)"$/;
const fieldTerm = /^([A-Za-z_][\w.-]*):=?(?:"([^"\\]+)"|([^\s"():|*<>=~!]+))$/;

/** The browse filter equivalent to `query`, null when it has no simple term; undefined when it asks nothing (`*`). */
export function browseFilterOf(query: string): BrowseLinkFilter | null | undefined {
  let rest = query;
  // Topic filters choose the topic, which the link already does.
  for (const f of queryFilters(query).filter((f) => f.field === 'topic').reverse()) rest = `${rest.slice(0, f.from)} ${rest.slice(f.to)}`;
  rest = rest.trim();
  if (rest === '' || rest === '*') return undefined;
  if (bareWord.test(rest)) return { filter: rest, filterField: 'any' };
  const quoted = phrase.exec(rest);
  if (quoted) return { filter: quoted[1] as string, filterField: 'any' };
  const term = fieldTerm.exec(rest);
  if (!term) return null;
  const [field, value] = [term[1] as string, (term[2] ?? term[3]) as string];
  if (field === 'topic' || field === 'partition' || field === 'offset' || field === '_time') return null;
  if (field === 'key') return { filter: value, filterField: 'key' };
  if (field.startsWith('headers.')) return { filter: value, filterField: 'header', header: field.slice('headers.'.length) };
  // _msg is the value; any other field is a JSON field of the value, found by its text in it.
  return { filter: value, filterField: 'value' };
}

export function describeBrowseFilter(f: BrowseLinkFilter): string {
  const where = f.filterField === 'header' ? `header ${f.header ?? ''}` : f.filterField === 'any' ? 'key, value or a header' : f.filterField;
  return `${where} contains “${f.filter}”`;
}
