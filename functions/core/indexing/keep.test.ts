import { describe, expect, it } from 'vitest'
import { compileKeepRules, parseKeepRule } from './keep.ts'
import { topicPlanInput } from './plan.ts'

const subject = (value: string, key = '', headers: string[] = []) => ({ key, value, headers })

describe('keep rules', () => {
  it('match substrings and /regex/ (with flags) on value, key and header values', () => {
    const keep = compileKeepRules(['ERROR', '/time ?out/i'])
    expect(keep(subject('level=ERROR boom'))).toBe(true)
    expect(keep(subject('all fine', 'ERROR-key'))).toBe(true)
    expect(keep(subject('all fine', 'k', ['x', 'TimeOut'])) ).toBe(true)
    expect(keep(subject('Time out reached'))).toBe(true)
    expect(keep(subject('error in lower case'))).toBe(false)
    expect(compileKeepRules([])(subject('ERROR'))).toBe(false)
  })

  it('treat anything that is not /…/flags as a substring, slashes included', () => {
    expect(parseKeepRule('/api/v1').rule).toEqual({ kind: 'substring', text: '/api/v1', flags: '' })
    expect(parseKeepRule('/a.c/ims').rule).toEqual({ kind: 'regex', text: 'a.c', flags: 'ims' })
  })

  it('refuse what Vector\'s regex engine cannot run, and invalid regexes, at plan validation', () => {
    expect(parseKeepRule('/(?<=a)b/').error).toContain('look-ahead and look-behind')
    expect(parseKeepRule('/(a)\\1/').error).toContain('back-references')
    expect(parseKeepRule('/a(/').error).toContain('not a valid regular expression')
    const result = topicPlanInput.safeParse({ enabled: true, sampleRate: 0.5, keep: ['/(?!x)/'] })
    expect(result.success).toBe(false)
    expect(topicPlanInput.safeParse({ enabled: true, sampleRate: 0 }).success).toBe(false)
    expect(topicPlanInput.safeParse({ enabled: true, sampleRate: 1.01 }).success).toBe(false)
    expect(topicPlanInput.safeParse({ enabled: true, sampleRate: 0.1, keep: ['ERROR'], maxValueBytes: 1024, extractFields: 0 }).success).toBe(true)
  })

  // Issue 11, row 2: on a backtracking engine this stalls the indexer (and everything in its process).
  it('run in linear time: /(a+)+$/ against a 28-byte record answers at once, correctly', { timeout: 5_000 }, () => {
    const keep = compileKeepRules(['/(a+)+$/', '/^(.|.)*Z$/'])
    expect(keep(subject(`${'a'.repeat(27)}!`))).toBe(false)
    expect(keep(subject(JSON.stringify({ id: 1234, level: 'info', msg: 'order shipped ok' })))).toBe(false)
    expect(keep(subject('x', 'k', [`${'a'.repeat(27)}`]))).toBe(true)
  })

  it('refuse patterns over the size limits, naming the limit', () => {
    expect(parseKeepRule('/[a-z]{1000}[0-9]{1000}/').error).toContain('too complex')
    expect(parseKeepRule('/x{1001}/').error).toContain('not a valid regular expression')
    expect(parseKeepRule('/a/y').rule).toEqual({ kind: 'substring', text: '/a/y', flags: '' })
  })
})
