// Loads the shared UI primitives before any page. main.tsx imports this first so that the
// primitives' stylesheets precede every feature's in the bundle, and a feature's rules may refine them.
import './ErrorBox';
import './PageHeader';
import './Panel';
import './Table';
import './VirtualTable';
import './Notice';
import './Dialog';
import './Field';
import './Segmented';
