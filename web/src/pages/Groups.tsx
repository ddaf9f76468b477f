import { Placeholder } from '../components/Placeholder';

// Planned section: a real heading now, the feature later.
export function Groups() {
  return (
    <Placeholder title="Consumer groups">
      Consumer groups with their state, members and lag, and a visual offset manager for resets.
    </Placeholder>
  );
}
