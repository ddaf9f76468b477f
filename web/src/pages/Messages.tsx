import { Placeholder } from '../components/Placeholder';

// Planned section: a real heading now, the feature later.
export function Messages() {
  return (
    <Placeholder title="Messages">
      Browse a topic's messages by partition, offset or time, and watch a live tail with keyword filtering.
    </Placeholder>
  );
}
