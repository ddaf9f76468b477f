import { useLocation, useNavigate } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { Cluster } from '../api/clusters';
import { sectionHref, sectionOf } from './sections';

interface Props {
  current: string;
  clusters: Cluster[];
}

/** Switching cluster keeps the section you are in (topics stays topics). */
export function ClusterSelect(props: Props) {
  const navigate = useNavigate();
  const location = useLocation();
  const known = () => props.clusters.some((c) => c.id === props.current);

  const onChange = (id: string) => {
    // The query string goes along too: the page keeps its filters, so the URL should as well.
    if (id !== props.current) navigate(sectionHref(id, sectionOf(location.pathname)) + location.search);
  };

  // `selected` per option rather than `value` on the select: a value set
  // before the options exist is silently dropped.
  return (
    <div class="cluster-select">
      <label for="cluster-select">Cluster</label>
      <select id="cluster-select" onChange={(e) => onChange(e.currentTarget.value)}>
        <Show when={!known()}>
          <option value={props.current} selected>
            {props.current} (unknown)
          </option>
        </Show>
        <For each={props.clusters}>
          {(c) => (
            <option value={c.id} selected={c.id === props.current}>
              {c.name}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
