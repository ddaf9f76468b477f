// A topic's generation in the plan: new each time the topic is added, kept while it is edited,
// paused and resumed; stored with the plan and validated on read.
import { describe, expect, it } from 'vitest'
import { applyTopicInput, newGeneration, storedPlanSchema } from './plan.ts'

describe('topic generations', () => {
  it('start when a topic is added, stay through edits, pause and resume, and change when it is added again', () => {
    const added = applyTopicInput(undefined, 'orders', { enabled: true }, 'olive')
    expect(added.generation).toMatch(/^[a-z0-9]{1,24}$/)
    const edited = applyTopicInput(added, 'orders', { enabled: true, batchSize: 50, startingPosition: 'TRIM_HORIZON' }, 'vera')
    const paused = applyTopicInput(edited, 'orders', { enabled: false }, 'olive')
    const resumed = applyTopicInput(paused, 'orders', { enabled: true }, 'olive')
    expect([edited.generation, paused.generation, resumed.generation]).toEqual([added.generation, added.generation, added.generation])
    const readded = applyTopicInput(undefined, 'orders', { enabled: true }, 'olive', new Date(Date.parse(added.updatedAt)))
    expect(readded.generation).not.toBe(added.generation)
  })

  it('stay absent for a topic written before generations (its mapping keeps its group)', () => {
    const { generation: _generation, ...legacy } = applyTopicInput(undefined, 'orders', { enabled: true }, 'olive')
    const edited = applyTopicInput(legacy, 'orders', { enabled: false }, 'olive')
    expect(edited).not.toHaveProperty('generation')
  })

  it('are short, of characters a consumer group id may hold, and read back from a stored plan; a bad one is refused', () => {
    const generation = newGeneration(new Date('2026-11-29T00:00:00Z'))
    expect(generation).toMatch(/^[a-z0-9]{16}$/)
    const topic = { ...applyTopicInput(undefined, 'orders', { enabled: true }, 'olive'), generation }
    expect(storedPlanSchema.parse({ cluster: 'prod', topics: [topic] }).topics[0]?.generation).toBe(generation)
    expect(storedPlanSchema.safeParse({ cluster: 'prod', topics: [{ ...topic, generation: 'has space' }] }).success).toBe(false)
  })
})
