import { Placeholder } from '../components/Placeholder';

// Planned section: a real heading now, the feature later.
export function Indexing() {
  return (
    <Placeholder title="Indexing">
      Turn indexing on per topic with a sampling rate, and review the generated Vector configuration.
    </Placeholder>
  );
}
