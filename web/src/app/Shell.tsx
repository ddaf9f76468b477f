import { useNavigate, useParams, type RouteSectionProps } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { listClusters } from '../api/clusters';
import { ApiProblem } from '../api/http';
import { getSession, signOut } from '../api/session';
import { ClusterContext } from './ClusterContext';
import { ClusterSelect } from './ClusterSelect';
import { ErrorBox } from '../ui/ErrorBox';
import { clientProblem } from '../ui/problem';
import { Nav } from './Nav';
import { SessionContext } from './SessionContext';
import { UserMenu } from './UserMenu';
import './Shell.css';

/** Header + navigation around every cluster-scoped page. */
export function Shell(props: RouteSectionProps) {
  const params = useParams<{ cluster: string }>();
  const navigate = useNavigate();
  const [session] = createResource(() => getSession());
  const [clusters, { refetch: refetchClusters }] = createResource(() => listClusters());
  const [signOutError, setSignOutError] = createSignal<unknown>();
  const [signingOut, setSigningOut] = createSignal(false);

  // A 401 is already turning into a redirect; showing it as well would just flash.
  const visible = (e: unknown) => (e instanceof ApiProblem && e.status === 401 ? undefined : e);
  const safeSession = () => (session.error ? undefined : session());
  const safeClusters = () => (clusters.error ? [] : (clusters() ?? []));
  const unknownCluster = () =>
    !clusters.loading && !clusters.error && !safeClusters().some((c) => c.id === params.cluster);

  const onSignOut = async () => {
    setSigningOut(true);
    setSignOutError(undefined);
    try {
      await signOut();
      navigate('/login', { replace: true });
    } catch (e) {
      // Already signed out server-side is still "signed out".
      if (e instanceof ApiProblem && e.status === 401) navigate('/login', { replace: true });
      else setSignOutError(e);
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <ClusterContext.Provider value={clusters}>
      <SessionContext.Provider value={session}>
        <div class="app">
          <header class="topbar">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">K+</span>
              Kafka Plus
            </a>
            <ClusterSelect current={params.cluster} clusters={safeClusters()} />
            <Nav cluster={params.cluster} />
            <UserMenu session={safeSession()} cluster={params.cluster} busy={signingOut()} onSignOut={onSignOut} />
          </header>
          <div class="shell-alerts">
            <Show when={visible(session.error)}>{(e) => <ErrorBox error={e()} />}</Show>
            <Show when={visible(clusters.error)}>{(e) => <ErrorBox error={e()} onRetry={refetchClusters} />}</Show>
            <Show when={signOutError()}>{(e) => <ErrorBox error={e()} />}</Show>
            <Show when={unknownCluster()}>
              <ErrorBox
                error={clientProblem(
                  'Unknown cluster',
                  `No cluster with id "${params.cluster}" is configured. Pick one from the Cluster menu.`,
                  'CLUSTER_NOT_FOUND',
                )}
              />
            </Show>
          </div>
          <main class="content">{props.children}</main>
        </div>
      </SessionContext.Provider>
    </ClusterContext.Provider>
  );
}
