import { describe, expect, it } from 'vitest'
import { subjectFor, topicOfSubject } from './naming.ts'

describe('subjectFor', () => {
  it('names subjects by each strategy', () => {
    expect(subjectFor('topic', 'orders', 'value')).toBe('orders-value')
    expect(subjectFor('topic', 'orders', 'key')).toBe('orders-key')
    expect(subjectFor('record', 'orders', 'value', 'com.acme.Order')).toBe('com.acme.Order')
    expect(subjectFor('topic-record', 'orders', 'value', 'com.acme.Order')).toBe('orders-com.acme.Order')
    expect(() => subjectFor('record', 'orders', 'value')).toThrow(/record name/)
  })
})

describe('topicOfSubject', () => {
  const topics = new Set(['orders', 'orders-eu', 'payments'])
  it('finds the topic of TopicNameStrategy and TopicRecordNameStrategy subjects, the longest topic first', () => {
    expect(topicOfSubject('orders-value', topics)).toEqual({ topic: 'orders', part: 'value' })
    expect(topicOfSubject('orders-eu-key', topics)).toEqual({ topic: 'orders-eu', part: 'key' })
    expect(topicOfSubject('payments-com.acme.Payment', topics)).toEqual({ topic: 'payments', part: 'record', recordName: 'com.acme.Payment' })
    expect(topicOfSubject('payments-Payment', topics)).toEqual({ topic: 'payments', part: 'record', recordName: 'Payment' })
  })

  it('ties nothing else to a topic', () => {
    expect(topicOfSubject('com.acme.Order', topics)).toBeUndefined()
    expect(topicOfSubject('orders-archive', topics)).toBeUndefined()
    expect(topicOfSubject('shipments-value', topics)).toBeUndefined()
  })
})
