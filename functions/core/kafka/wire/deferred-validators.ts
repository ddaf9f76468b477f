// @platformatic/kafka compiles about 40 JSON-Schema validators for its options (ajv, code
// generation) while its modules load: a third of a cold start's CPU, for checks that only run
// with its `strict` option, which this product never sets. While client.ts loads the library,
// Ajv2020 compiles lazily (on a validator's first call); the eager compile is back right after,
// but for the library's own instance: its consumer and producer load later, in chunks of their own.
import { Ajv2020 } from 'ajv/dist/2020.js'

type Compile = Ajv2020['compile']
type Validator = ReturnType<Compile>

const prototype = Ajv2020.prototype as { compile: Compile }
const ownCompile = Object.getOwnPropertyDescriptor(Ajv2020.prototype, 'compile')
const eagerCompile = prototype.compile

/** A validator that compiles `schema` on its first call and behaves as the compiled one from then on. */
function lazyCompile(this: Ajv2020, ...args: Parameters<Compile>): Validator {
  let compiled: Validator | undefined
  const validate = ((data: unknown) => {
    compiled ??= eagerCompile.apply(this, args)
    const valid = compiled(data)
    validate.errors = compiled.errors
    return valid
  }) as Validator
  validate.errors = null
  return validate
}

prototype.compile = lazyCompile as Compile

/** Called once the library has loaded: other instances compile at once again; `library`'s own goes on compiling lazily. */
export function compileEagerly(library: Ajv2020): void {
  if (ownCompile) Object.defineProperty(Ajv2020.prototype, 'compile', ownCompile)
  else delete (prototype as { compile?: Compile }).compile
  Object.defineProperty(library, 'compile', { value: lazyCompile, configurable: true, writable: true })
}
