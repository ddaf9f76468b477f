// The SNS adapter with the SDK client faked: what a notification publishes, and that a refused
// publish is a failed delivery in the history (not a crash of the evaluation).
import { PublishCommand } from '@aws-sdk/client-sns'
import { describe, expect, it } from 'vitest'
import { AlertDelivery } from '../core/alerts/deliver.ts'
import type { Notification } from '../core/alerts/model.ts'
import { SnsAlertTopic, type SnsSender } from './sns-alert-topic.ts'

const topicArn = 'arn:aws:sns:us-east-1:123456789012:kafka-plus-production-AlertsTopic'
const n: Notification = {
  cluster: 'prod', ruleId: 'r1', ruleName: 'Disks', kind: 'disk-full', status: 'firing', severity: 'critical',
  key: '1|/data', summary: 'Log dir /data on broker 1 is forecast to be full in 2.0 days.', since: '2026-01-01T00:00:00.000Z', at: '2026-01-01T00:00:00.000Z',
}

class FakeSns implements SnsSender {
  readonly sent: PublishCommand[] = []
  fail = false
  send(command: PublishCommand): Promise<unknown> {
    this.sent.push(command)
    if (this.fail) return Promise.reject(Object.assign(new Error('User is not authorized to perform SNS:Publish on arn:aws:sns:…'), { name: 'AuthorizationErrorException' }))
    return Promise.resolve({ MessageId: 'm-1' })
  }
}

describe('alerts to SNS', () => {
  it('publishes the notification as JSON with a short subject to the stack topic', async () => {
    const sns = new FakeSns()
    const delivery = new AlertDelivery({ timeoutMs: 1_000, attempts: 1 }, new SnsAlertTopic(topicArn, sns))
    const result = await delivery.deliver({ id: 'd1', kind: 'sns' }, n)
    expect(result).toEqual({ destinationId: 'd1', kind: 'sns', ok: true, attempts: 1 })
    expect(sns.sent).toHaveLength(1)
    const input = sns.sent[0]?.input
    expect(input).toMatchObject({ TopicArn: topicArn, Subject: '[FIRING] Disks (prod)' })
    expect(JSON.parse(input?.Message ?? '')).toMatchObject({ source: 'kafka-plus', status: 'firing', severity: 'critical', key: '1|/data', summary: n.summary })
  })

  it('a refused publish is a failed delivery, named by the error type only', async () => {
    const sns = new FakeSns()
    sns.fail = true
    const delivery = new AlertDelivery({ timeoutMs: 1_000, attempts: 1 }, new SnsAlertTopic(topicArn, sns))
    expect(await delivery.deliver({ id: 'd1', kind: 'sns' }, n)).toEqual({ destinationId: 'd1', kind: 'sns', ok: false, attempts: 1, error: 'SNS publish failed (AuthorizationErrorException)' })
  })

  it('without a topic an SNS destination fails with the reason', async () => {
    const result = await new AlertDelivery({ timeoutMs: 1_000, attempts: 1 }).deliver({ id: 'd1', kind: 'sns' }, n)
    expect(result.ok).toBe(false)
    expect(result.error).toContain('KAFKA_PLUS_ALERTS_SNS_TOPIC_ARN')
  })
})
