import { A } from '@solidjs/router';

/** Works both inside the shell (unknown section) and on its own (unknown top-level path). */
export function NotFound() {
  return (
    <section class="page">
      <header class="page-head">
        <h1>Page not found</h1>
      </header>
      <p class="placeholder">
        There is nothing at this address. <A href="/">Go to the overview</A>.
      </p>
    </section>
  );
}
