// Placeholder from the `topics` branch: the groups helper's TopicConsumers (groups reading the
// topic, with lag) replaces this file at merge; the props are the agreed ones.
export function TopicConsumers(props: { cluster: string; topic: string }) {
  return (
    <p class="muted" data-cluster={props.cluster} data-topic={props.topic}>
      …
    </p>
  );
}
