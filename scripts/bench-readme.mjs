#!/usr/bin/env node
// `npm run bench:readme`: puts the last whole `npm run bench` output (dist/bench/last-run.txt) into
// the README's performance section, between its bench markers, as printed: the README's figures
// are that output, not figures copied by hand.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './lib/paths.mjs'

const start = '<!-- bench output: start -->'
const end = '<!-- bench output: end -->'
// Lines such as "[indexing] wrote …" are the local server's own log, printed while it is measured.
const output = readFileSync(join(repoRoot, 'dist', 'bench', 'last-run.txt'), 'utf8').split('\n').filter((line) => !/^\[[a-z-]+\] /.test(line)).join('\n').trimEnd()
if (!output.startsWith('Kafka Plus bench:')) throw new Error('dist/bench/last-run.txt is not the output of a whole `npm run bench`')
const readmePath = join(repoRoot, 'README.md')
const readme = readFileSync(readmePath, 'utf8')
const from = readme.indexOf(start)
const to = readme.indexOf(end)
if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block`)
writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n\n\`\`\`text\n${output}\n\`\`\`\n\n${readme.slice(to)}`)
console.log(`README.md: performance section from ${output.split('\n', 1)[0]}`)
