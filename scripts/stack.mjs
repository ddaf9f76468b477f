#!/usr/bin/env node
// Usage: node scripts/stack.mjs install|start|stop|status
import { ensureNodeModules } from './lib/deps.mjs'
import { runOnLambdaNode } from './lib/node-runtime.mjs'
import { describeFailure, UserFacingError } from './lib/proc.mjs'
import { installStack, ensureStack, stopStack, stackStatus } from './lib/stack.mjs'

const command = process.argv[2] ?? 'status'
try {
  await runOnLambdaNode()
  if (command === 'install') await installStack()
  else if (command === 'start') { await ensureNodeModules(); await ensureStack() }
  else if (command === 'stop') await stopStack()
  else if (command === 'status') console.log(JSON.stringify(stackStatus()))
  else throw new UserFacingError(`unknown command '${command}' (install, start, stop, status)`)
} catch (error) {
  console.error(describeFailure(error))
  process.exit(1)
}
