import { Placeholder } from '../components/Placeholder';

// Planned section: a real heading now, the feature later.
export function Search() {
  return (
    <Placeholder title="Search">
      Full-text search over historical messages kept in VictoriaLogs, with LogsQL and a hits histogram.
    </Placeholder>
  );
}
