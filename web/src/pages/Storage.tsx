import { StoragePage } from '../features/storage/StoragePage';

// Storage deep analysis (issue 5): broker disks, ranking, growth and forecast, retention audit, TTL advice.
export function Storage() {
  return <StoragePage />;
}
