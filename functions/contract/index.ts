// The HTTP API's request and response shapes, shared by the server and the web. Types only, and
// importing nothing beyond this folder and core/errors.ts (lint-enforced): the web type-checks
// against these files, and none of the server's code can reach the browser through them.
// Core and routes are typed against these, so a field renamed on one side fails the other's tsc.
export type * from './audit.ts'
export type * from './cluster.ts'
export type * from './groups.ts'
export type * from './health.ts'
export type * from './indexing.ts'
export type * from './messages.ts'
export type * from './problem.ts'
export type * from './produce.ts'
export type * from './search.ts'
export type * from './session.ts'
export type * from './storage.ts'
export type * from './topics.ts'
export type * from './export.ts'
export type * from './schemas.ts'
export type * from './alerts.ts'
