import { describe, expect, it } from 'vitest'
import { compileUserRegex, userRegexLimits } from './user-regex.ts'

const test = (source: string, flags: string, text: string) => {
  const { regex, error } = compileUserRegex(source, flags)
  if (!regex) throw new Error(error)
  return regex.test(text)
}

describe('compileUserRegex', () => {
  it('finds a match anywhere, with the i, m and s flags of JavaScript', () => {
    expect(test('b+', '', 'abbbc')).toBe(true)
    expect(test('B', '', 'abc')).toBe(false)
    expect(test('B', 'i', 'abc')).toBe(true)
    expect(test('^c$', 'm', 'ab\nc')).toBe(true)
    expect(test('b.c', 's', 'ab\nc')).toBe(true)
    expect(test('(?i)B', '', 'abc')).toBe(true)
    expect(test('\\d{3}-\\w+', 'gu', 'id 123-abc')).toBe(true)
  })

  it('answers in linear time where a backtracking engine never returns', { timeout: 5_000 }, () => {
    expect(test('(x+x+)+y', '', 'x'.repeat(5_000))).toBe(false)
    expect(test('^(\\w+\\s?)*$', '', `${'word '.repeat(2_000)}!`)).toBe(false)
  })

  it.each([
    ['(a)\\1', '', 'back-references are not supported'],
    ['(?<n>a)\\k<n>', '', 'back-references are not supported'],
    ['a(?=b)', '', 'look-ahead and look-behind are not supported'],
    ['(?<=a)b', '', 'look-ahead and look-behind are not supported'],
    ['a[', '', 'not a valid regular expression (RE2 syntax): missing closing ]'],
    ['x{1001}', '', 'invalid repeat count'],
    ['a', 'y', "flag 'y' is not supported"],
    ['a'.repeat(userRegexLimits.maxPatternLength + 1), '', 'too long (501 characters; at most 500)'],
    ['[a-z]{1000}[0-9]{1000}', '', 'too complex (RE2 program size'],
  ])('refuses %s (flags %s): %s', (source, flags, message) => {
    const { regex, error } = compileUserRegex(source, flags)
    expect(regex).toBeUndefined()
    expect(error).toContain(message)
  })
})
