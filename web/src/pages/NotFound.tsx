import { A } from '@solidjs/router';
import { PageHeader } from '../ui/PageHeader';

/** Works both inside the shell (unknown section) and on its own (unknown top-level path). */
export function NotFound() {
  return (
    <section class="page">
      <PageHeader title="Page not found" />
      <p class="placeholder">
        There is nothing at this address. <A href="/">Go to the overview</A>.
      </p>
    </section>
  );
}
