import { RE2JS } from 're2js'
import { describe, expect, it } from 'vitest'
import { distinctGrants, globMatches, globsToRegex, globToRegex, grantListSchema } from './grants.ts'

/** The textbook recursive matcher: exponential at worst, fine for short strings, obviously right. */
function reference(pattern: string, text: string): boolean {
  if (pattern === '') return text === ''
  if (pattern[0] === '*') return reference(pattern.slice(1), text) || (text !== '' && reference(pattern, text.slice(1)))
  return text !== '' && pattern[0] === text[0] && reference(pattern.slice(1), text.slice(1))
}

describe('globMatches', () => {
  it.each([
    ['orders.*', 'orders.eu', true],
    ['orders.*', 'orders.', true],
    ['orders.*', 'orders', false],
    ['orders.*', 'xorders.eu', false],
    ['*.dlq', 'orders.dlq', true],
    ['*.dlq', 'orders.dlq.old', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'acb', false],
    ['*', '', true],
    ['**', 'anything', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
  ])('%s on %s: %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected)
  })

  it('agrees with the reference matcher and with its RE2 form (what VictoriaLogs runs) on random cases', () => {
    const alphabet = ['a', 'b', '.', '*']
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    const word = (max: number, chars: string[]) => Array.from({ length: random(max) }, () => chars[random(chars.length)] as string).join('')
    const compiled = new Map<string, RE2JS>()
    const regexOf = (pattern: string) => compiled.get(pattern) ?? compiled.set(pattern, RE2JS.compile(`^(?:${globToRegex(pattern)})$`)).get(pattern) as RE2JS
    for (let i = 0; i < 2_000; i++) {
      const pattern = word(6, alphabet)
      const text = word(9, ['a', 'b', '.'])
      const expected = reference(pattern, text)
      expect(globMatches(pattern, text), `${pattern} ~ ${text}`).toBe(expected)
      expect(regexOf(pattern).matches(text), `regex ${pattern} ~ ${text}`).toBe(expected)
    }
  })

  it('takes linear time where a backtracking matcher would not finish', { timeout: 2_000 }, () => {
    const pattern = `${'a*'.repeat(100)}b`
    const text = 'a'.repeat(100_000)
    expect(globMatches(pattern, text)).toBe(false)
    expect(globMatches(`*${'a'.repeat(1_000)}b*`, 'a'.repeat(200_000))).toBe(false)
  })
})

describe('globsToRegex', () => {
  it('anchors an alternation of the escaped globs', () => {
    expect(globsToRegex(['orders.*', 'payments'])).toBe('^(?:orders\\..*|payments)$')
  })
})

describe('grantListSchema', () => {
  it('takes roles with optional cluster and topic patterns', () => {
    const grants = [{ role: 'operator', clusters: ['prod'], topics: ['orders.*'] }, { role: 'viewer' }]
    expect(grantListSchema.parse(grants)).toEqual(grants)
  })

  it.each<[unknown, string]>([
    [[], 'empty'],
    [[{ role: 'root' }], 'unknown role'],
    [[{ role: 'viewer', topics: ['orders.(eu|us)'] }], 'regex syntax'],
    [[{ role: 'viewer', topics: ['a"b'] }], 'a quote'],
    [[{ role: 'viewer', topics: ['orders.?'] }], 'a ? wildcard'],
    [[{ role: 'viewer', clusters: ['Prod'] }], 'an upper-case cluster'],
    [[{ role: 'viewer', topics: [] }], 'an empty topic list'],
    [[{ role: 'viewer', groups: ['x'] }], 'an unknown field'],
  ])('refuses %j (%s)', (grants) => {
    expect(grantListSchema.safeParse(grants).success).toBe(false)
  })
})

describe('distinctGrants', () => {
  it('drops exact repeats only', () => {
    const a = { role: 'viewer' as const }
    const b = { role: 'operator' as const, topics: ['x.*'] }
    expect(distinctGrants([a, b, { role: 'viewer' }, { role: 'operator', topics: ['x.*'] }, { role: 'operator', topics: ['y.*'] }]))
      .toEqual([a, b, { role: 'operator', topics: ['y.*'] }])
  })
})
