import { Placeholder } from '../components/Placeholder';

// Planned section: a real heading now, the feature later.
export function Storage() {
  return (
    <Placeholder title="Storage">
      Disk usage ranking by topic and broker, growth curves and retention advice.
    </Placeholder>
  );
}
