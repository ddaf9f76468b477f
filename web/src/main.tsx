// Stylesheets in cascade order: the base first, then the shared UI primitives' (imported by
// their components), then each feature's, so a later one may refine an earlier one.
import './styles.css';
import './ui';
import { Navigate, Route, Router, useLocation, useNavigate, useParams, type RouteSectionProps } from '@solidjs/router';
import { onCleanup } from 'solid-js';
import { render } from 'solid-js/web';
import { setUnauthorizedHandler } from './api/http';
import { Shell } from './app/Shell';
import { sectionHref } from './app/sections';
import { GroupDetail } from './pages/GroupDetail';
import { Groups } from './pages/Groups';
import { Home } from './pages/Home';
import { Indexing } from './pages/Indexing';
import { Login } from './pages/Login';
import { Messages } from './pages/Messages';
import { NotFound } from './pages/NotFound';
import { Overview } from './pages/Overview';
import { Schemas } from './pages/Schemas';
import { Search } from './pages/Search';
import { Follow } from './pages/Follow';
import { Sessions } from './pages/Sessions';
import { Alerts } from './pages/Alerts';
import { Storage } from './pages/Storage';
import { TopicDetail } from './pages/TopicDetail';
import { Topics } from './pages/Topics';

/** Router root: the only place that knows how to react to a 401 from any request. */
function App(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  setUnauthorizedHandler(() => {
    if (location.pathname !== '/login') navigate('/login', { replace: true });
  });
  onCleanup(() => setUnauthorizedHandler(undefined));
  return <>{props.children}</>;
}

function ClusterIndex() {
  const params = useParams<{ cluster: string }>();
  return <Navigate href={sectionHref(params.cluster, 'overview')} />;
}

render(
  () => (
    <Router root={App}>
      <Route path="/login" component={Login} />
      <Route path="/" component={Home} />
      <Route path="/c/:cluster" component={Shell}>
        <Route path="/" component={ClusterIndex} />
        <Route path="/overview" component={Overview} />
        <Route path="/topics" component={Topics} />
        <Route path="/topics/:topic/:tab?" component={TopicDetail} />
        <Route path="/groups" component={Groups} />
        <Route path="/groups/:group" component={GroupDetail} />
        <Route path="/messages" component={Messages} />
        <Route path="/search" component={Search} />
        <Route path="/follow" component={Follow} />
        <Route path="/schemas" component={Schemas} />
        <Route path="/storage" component={Storage} />
        <Route path="/indexing" component={Indexing} />
        <Route path="/alerts" component={Alerts} />
        <Route path="/sessions" component={Sessions} />
        <Route path="*" component={NotFound} />
      </Route>
      <Route path="*" component={NotFound} />
    </Router>
  ),
  document.getElementById('app')!,
);
