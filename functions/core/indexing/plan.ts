// The indexing plan: per cluster and topic, whether and how its records are indexed in
// VictoriaLogs. Both runners (the built-in indexer and the generated Vector config) read it.
import { randomBytes } from 'node:crypto'
import * as z from 'zod/mini'
import '../zod.ts'
import { topicNameSchema } from '../kafka/index.ts'
import { parseKeepRule } from './keep.ts'
import type { TopicPlan } from '../../contract/indexing.ts'
export type { TopicPlan }

export interface IndexingPlan {
  cluster: string
  topics: TopicPlan[]
}

/** LATEST: from now on; TRIM_HORIZON: from the start of the topic's retention. */
export const startingPositions = ['LATEST', 'TRIM_HORIZON'] as const
export type StartingPosition = (typeof startingPositions)[number]

export const planDefaults = {
  sampleRate: 1, maxValueBytes: 32 * 1024, extractFields: 20,
  // Large batches, each waiting at most a second: fewer, fuller writes to VictoriaLogs.
  startingPosition: 'LATEST', batchSize: 1_000, batchingWindowSeconds: 1,
} as const satisfies Partial<TopicPlan>

/** A topic's mapping settings, defaults filled in. */
export const mappingSettings = (t: TopicPlan) => ({
  startingPosition: t.startingPosition ?? planDefaults.startingPosition,
  batchSize: t.batchSize ?? planDefaults.batchSize,
  batchingWindowSeconds: t.batchingWindowSeconds ?? planDefaults.batchingWindowSeconds,
})
/** What AWS accepts for an MSK event source mapping (CreateEventSourceMapping). */
export const batchSizeLimits = { min: 1, max: 10_000 } as const
export const batchingWindowLimits = { min: 0, max: 300 } as const
/**
 * VictoriaLogs refuses lines over 256 KB (-insert.maxLineSizeBytes); a value of this size, even
 * base64-encoded (4/3), plus fields and headers stays under it.
 */
export const maxValueBytesLimit = 128 * 1024
export const extractFieldsLimit = 200

const keepRuleSchema = z.string().check(
  z.minLength(1, 'a keep rule cannot be empty'),
  z.maxLength(500, 'keep rules have at most 500 characters'),
  z.superRefine((rule, ctx) => {
    const problem = parseKeepRule(rule).error
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: rule })
  }),
)

const sampleRateSchema = z.number().check(
  z.gt(0, 'sampleRate must be greater than 0'),
  z.lte(1, 'sampleRate is at most 1'),
)

const whole = (min: number, max: number) => z.number().check(z.refine(Number.isInteger, 'must be a whole number'), z.gte(min), z.lte(max))

/** Body of PUT …/indexing/topics/{t}: omitted optional fields keep their current value. */
export const topicPlanInput = z.strictObject({
  enabled: z.boolean(),
  sampleRate: z.optional(sampleRateSchema),
  keep: z.optional(z.array(keepRuleSchema).check(z.maxLength(50, 'at most 50 keep rules'))),
  maxValueBytes: z.optional(whole(256, maxValueBytesLimit)),
  extractFields: z.optional(whole(0, extractFieldsLimit)),
  startingPosition: z.optional(z.enum(startingPositions)),
  batchSize: z.optional(whole(batchSizeLimits.min, batchSizeLimits.max)),
  batchingWindowSeconds: z.optional(whole(batchingWindowLimits.min, batchingWindowLimits.max)),
})
export type TopicPlanInput = z.output<typeof topicPlanInput>

/** Only characters valid in a consumer group id (AWS: [a-zA-Z0-9-/*:_+=.@]), short. */
const generationPattern = /^[a-z0-9]{1,24}$/

/** A new generation: when it began (base 36 milliseconds), then some randomness against ties. */
export const newGeneration = (now = new Date()) => `${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`

/** The stored file, validated on read so a hand edit cannot feed nonsense to the indexer. */
export const storedPlanSchema = z.object({
  cluster: z.string(),
  topics: z.array(z.object({
    topic: topicNameSchema,
    enabled: z.boolean(),
    sampleRate: sampleRateSchema,
    keep: z.array(keepRuleSchema),
    maxValueBytes: whole(256, maxValueBytesLimit),
    extractFields: whole(0, extractFieldsLimit),
    startingPosition: z.optional(z.enum(startingPositions)),
    batchSize: z.optional(whole(batchSizeLimits.min, batchSizeLimits.max)),
    batchingWindowSeconds: z.optional(whole(batchingWindowLimits.min, batchingWindowLimits.max)),
    generation: z.optional(z.string().check(z.regex(generationPattern, 'a generation is 1-24 lower-case letters and digits'))),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })),
})

/**
 * The topic's plan entry after an operator's change. `current` undefined: the topic is being added
 * (again), which starts a new generation; otherwise the generation stays (a plan written before
 * generations keeps none, so its mapping keeps the group it was created with).
 */
export function applyTopicInput(current: TopicPlan | undefined, topic: string, input: TopicPlanInput, actor: string, now = new Date()): TopicPlan {
  // Dedupe keep rules, keeping the operator's order.
  const keep = input.keep ? [...new Set(input.keep)] : (current?.keep ?? [])
  const generation = current ? current.generation : newGeneration(now)
  return {
    topic,
    enabled: input.enabled,
    sampleRate: input.sampleRate ?? current?.sampleRate ?? planDefaults.sampleRate,
    keep,
    maxValueBytes: input.maxValueBytes ?? current?.maxValueBytes ?? planDefaults.maxValueBytes,
    extractFields: input.extractFields ?? current?.extractFields ?? planDefaults.extractFields,
    startingPosition: input.startingPosition ?? current?.startingPosition ?? planDefaults.startingPosition,
    batchSize: input.batchSize ?? current?.batchSize ?? planDefaults.batchSize,
    batchingWindowSeconds: input.batchingWindowSeconds ?? current?.batchingWindowSeconds ?? planDefaults.batchingWindowSeconds,
    ...(generation === undefined ? {} : { generation }),
    updatedAt: now.toISOString(),
    updatedBy: actor,
  }
}

/** Topics a runner should read, in a stable order. */
export const enabledTopics = (plan: IndexingPlan): TopicPlan[] =>
  plan.topics.filter((t) => t.enabled).sort((a, b) => a.topic.localeCompare(b.topic))

/** The built-in indexer's consumer group (local consumer and MSK event source mapping alike). */
export const indexerGroupId = (cluster: string) => `kafka-plus-indexer-${cluster}`

export const emptyPlan = (cluster: string): IndexingPlan => ({ cluster, topics: [] })
