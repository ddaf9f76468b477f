// The wire layer's one import of @platformatic/kafka, loaded with its option validators deferred
// (deferred-validators.ts must be imported first: modules load in the order they are imported).
import { compileEagerly } from './deferred-validators.ts'
export * from '@platformatic/kafka'

compileEagerly()
