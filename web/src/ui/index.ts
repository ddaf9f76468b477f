// The shared UI primitives. main.tsx imports this module before any page, so the primitives'
// stylesheets come before every feature's in the bundle and a feature's rules may refine them.
export { ErrorBox } from './ErrorBox';
export { PageHeader, RefreshButton } from './PageHeader';
export { Panel } from './Panel';
export { EmptyRow, TableHead, type Column } from './Table';
export { SpacerRow, VirtualTable } from './VirtualTable';
export { Notice } from './Notice';
export { Dialog } from './Dialog';
export { Field, InputField, SelectField } from './Field';
export { Loaded } from './Loaded';
