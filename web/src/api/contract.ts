// The API's request and response types, as the server declares them (functions/contract/). Type
// exports only, so nothing of the server reaches the bundle; a field the server renames fails
// the web's type-check (npx tsc -p web/tsconfig.json).
export type * from '../../../functions/contract/index.ts';
