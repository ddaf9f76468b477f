// A stand-in for AWS Lambda's event source mapping API (moto refuses MSK mappings), enforcing what
// AWS documents for MSK mappings (CreateEventSourceMapping, UpdateEventSourceMapping,
// AmazonManagedKafkaEventSourceConfig):
// - exactly one topic per mapping, named per AWS's pattern; a starting position is required;
// - BatchSize 1–10000, MaximumBatchingWindowInSeconds 0–300;
// - ConsumerGroupId 1–200 characters of [a-zA-Z0-9-/*:_+=.@], unique among all Kafka mappings;
// - topic, consumer group and starting position cannot change after creation;
// - ResourceInUseException while a mapping is Creating, Enabling, Disabling, Updating or Deleting;
// - ResourceNotFoundException for unknown UUIDs (and functions);
// - state changes are asynchronous: Creating → Enabled, Enabling → Enabled, Disabling → Disabled,
//   Updating → Enabled/Disabled, Deleting → gone, each on the next tick() the test calls;
// - a consumer group that already has committed offsets (they outlive the mapping that committed
//   them) makes Lambda ignore StartingPosition: the new mapping resumes from those offsets
//   (kafka-consumer-group-id.html). commitOffsets() is Lambda having processed batches.
import {
  CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand, InvalidParameterValueException,
  ListEventSourceMappingsCommand, ResourceConflictException, ResourceInUseException, ResourceNotFoundException,
  UpdateEventSourceMappingCommand, type EventSourceMappingConfiguration, type ListEventSourceMappingsResponse,
} from '@aws-sdk/client-lambda'
import { randomUUID } from 'node:crypto'
import type { LambdaMappingClient, MappingCommand } from '../aws/msk-mappings.ts'

const region = 'eu-west-1'
const account = '123456789012'
const busyStates = new Set(['Creating', 'Enabling', 'Disabling', 'Updating', 'Deleting'])
const topicPattern = /^[^.]([a-zA-Z0-9\-_.]+)$/
const groupPattern = /^[a-zA-Z0-9\-/*:_+=.@]{1,200}$/
const mskArnPattern = /^arn:aws:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+\/[^/]+$/

const meta = { $metadata: {} }
const invalid = (message: string) => new InvalidParameterValueException({ message, ...meta })

interface Stored {
  config: EventSourceMappingConfiguration
  /** Where an Updating/Enabling/Disabling mapping settles. */
  target: 'Enabled' | 'Disabled'
  /** Where it began reading: its StartingPosition, or its group's committed offsets. */
  startedFrom: string
}

/** Where a mapping whose group already had offsets begins reading. */
export const committedOffsets = 'COMMITTED_OFFSETS'

export class FakeLambdaEsm implements LambdaMappingClient {
  readonly functionNames: string[]
  /** Every call, in order: command name and input (for the tests' assertions). */
  readonly calls: { command: string; input: unknown }[] = []
  readonly #mappings = new Map<string, Stored>()
  /** Consumer groups with committed offsets on the cluster (Kafka's side, not the mappings'). */
  readonly #groupsWithOffsets = new Set<string>()
  readonly #pageSize: number

  constructor(functionNames: string[], options: { pageSize?: number } = {}) {
    this.functionNames = functionNames
    this.#pageSize = options.pageSize ?? 100
  }

  functionArn(name: string) {
    return `arn:aws:lambda:${region}:${account}:function:${name}`
  }

  #function(nameOrArn: string | undefined): string {
    const name = nameOrArn?.startsWith('arn:') ? nameOrArn.split(':').at(-1) : nameOrArn
    if (!name || !this.functionNames.includes(name)) {
      throw new ResourceNotFoundException({ message: `Function not found: ${this.functionArn(name ?? '')}`, ...meta })
    }
    return this.functionArn(name)
  }

  #get(uuid: string | undefined): Stored {
    const stored = uuid ? this.#mappings.get(uuid) : undefined
    if (!stored) throw new ResourceNotFoundException({ message: `The resource you requested does not exist. (Service: Lambda, UUID: ${uuid})`, ...meta })
    return stored
  }

  #inUse(stored: Stored, operation: string) {
    const state = stored.config.State ?? ''
    if (busyStates.has(state)) {
      throw new ResourceInUseException({ message: `Cannot ${operation} the event source mapping because it is in use (state ${state}).`, ...meta })
    }
  }

  #checkBatching(batchSize: number | undefined, window: number | undefined) {
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)) throw invalid(`BatchSize ${batchSize} is out of range 1-10000.`)
    if (window !== undefined && (!Number.isInteger(window) || window < 0 || window > 300)) throw invalid(`MaximumBatchingWindowInSeconds ${window} is out of range 0-300.`)
  }

  #copy(stored: Stored): EventSourceMappingConfiguration {
    return structuredClone(stored.config)
  }

  async send(command: MappingCommand): Promise<unknown> {
    this.calls.push({ command: command.constructor.name, input: structuredClone(command.input) })
    if (command instanceof CreateEventSourceMappingCommand) return this.#create(command.input)
    if (command instanceof UpdateEventSourceMappingCommand) return this.#update(command.input)
    if (command instanceof DeleteEventSourceMappingCommand) {
      const stored = this.#get(command.input.UUID)
      this.#inUse(stored, 'delete')
      stored.config.State = 'Deleting'
      stored.config.LastModified = new Date()
      return this.#copy(stored)
    }
    if (command instanceof GetEventSourceMappingCommand) return this.#copy(this.#get(command.input.UUID))
    if (command instanceof ListEventSourceMappingsCommand) return this.#list(command.input)
    throw new Error(`FakeLambdaEsm: unexpected command ${(command as object).constructor.name}`)
  }

  #create(input: CreateEventSourceMappingCommand['input']): EventSourceMappingConfiguration {
    const functionArn = this.#function(input.FunctionName)
    if (!input.EventSourceArn || !mskArnPattern.test(input.EventSourceArn)) throw invalid(`EventSourceArn '${input.EventSourceArn}' is not an MSK cluster ARN.`)
    const topics = input.Topics ?? []
    if (topics.length !== 1) throw invalid(`Topics must contain exactly one topic for an MSK event source (got ${topics.length}).`)
    const topic = topics[0] as string
    if (topic.length > 249 || !topicPattern.test(topic)) throw invalid(`Topic '${topic}' does not match the pattern ^[^.]([a-zA-Z0-9\\-_.]+).`)
    if (!input.StartingPosition || !['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP'].includes(input.StartingPosition)) throw invalid('StartingPosition is required for an MSK event source.')
    this.#checkBatching(input.BatchSize, input.MaximumBatchingWindowInSeconds)
    const groupId = input.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId
    if (groupId !== undefined && !groupPattern.test(groupId)) throw invalid(`ConsumerGroupId '${groupId}' must be 1-200 characters of [a-zA-Z0-9-/*:_+=.@].`)
    for (const { config } of this.#mappings.values()) {
      if (groupId !== undefined && config.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId === groupId) {
        throw new ResourceConflictException({ message: `The consumer group id '${groupId}' is already used by event source mapping ${config.UUID}.`, ...meta })
      }
      if (config.FunctionArn === functionArn && config.EventSourceArn === input.EventSourceArn && config.Topics?.[0] === topic) {
        throw new ResourceConflictException({ message: `An event source mapping with this function, event source and topic already exists (UUID ${config.UUID}).`, ...meta })
      }
    }
    const uuid = randomUUID()
    const config: EventSourceMappingConfiguration = {
      UUID: uuid,
      FunctionArn: functionArn,
      EventSourceArn: input.EventSourceArn,
      Topics: [topic],
      StartingPosition: input.StartingPosition,
      BatchSize: input.BatchSize ?? 100,
      // AWS's default for Kafka sources is 500 ms, shown rounded down.
      MaximumBatchingWindowInSeconds: input.MaximumBatchingWindowInSeconds ?? 0,
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: groupId ?? uuid },
      State: 'Creating',
      StateTransitionReason: 'USER_INITIATED',
      LastProcessingResult: 'No records processed',
      LastModified: new Date(),
    }
    const groupOfMapping = config.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? uuid
    const startedFrom = this.#groupsWithOffsets.has(groupOfMapping) ? committedOffsets : input.StartingPosition
    this.#mappings.set(uuid, { config, target: input.Enabled === false ? 'Disabled' : 'Enabled', startedFrom })
    return structuredClone(config)
  }

  #update(input: UpdateEventSourceMappingCommand['input']): EventSourceMappingConfiguration {
    const stored = this.#get(input.UUID)
    // Fields AWS fixes at creation: the request type has no Topics or StartingPosition, but a
    // caller casting its way there must hear about it.
    const loose = input as unknown as Record<string, unknown>
    for (const fixed of ['Topics', 'StartingPosition', 'StartingPositionTimestamp', 'EventSourceArn']) {
      if (loose[fixed] !== undefined) throw invalid(`${fixed} cannot be changed after the event source mapping is created.`)
    }
    const groupId = input.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId
    if (groupId !== undefined && groupId !== stored.config.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId) {
      throw invalid('ConsumerGroupId cannot be changed after the event source mapping is created.')
    }
    const functionArn = input.FunctionName === undefined ? undefined : this.#function(input.FunctionName)
    this.#checkBatching(input.BatchSize, input.MaximumBatchingWindowInSeconds)
    this.#inUse(stored, 'update')
    if (functionArn) stored.config.FunctionArn = functionArn
    const config = stored.config
    if (input.BatchSize !== undefined) config.BatchSize = input.BatchSize
    if (input.MaximumBatchingWindowInSeconds !== undefined) config.MaximumBatchingWindowInSeconds = input.MaximumBatchingWindowInSeconds
    const wasEnabled = config.State === 'Enabled'
    if (input.Enabled !== undefined && input.Enabled !== wasEnabled) {
      stored.target = input.Enabled ? 'Enabled' : 'Disabled'
      config.State = input.Enabled ? 'Enabling' : 'Disabling'
    } else {
      config.State = 'Updating'
    }
    config.StateTransitionReason = 'USER_INITIATED'
    config.LastModified = new Date()
    return this.#copy(stored)
  }

  #list(input: ListEventSourceMappingsCommand['input']): ListEventSourceMappingsResponse {
    const functionArn = input.FunctionName === undefined ? undefined : this.#function(input.FunctionName)
    const all = [...this.#mappings.values()].map((s) => s.config)
      .filter((c) => (functionArn === undefined || c.FunctionArn === functionArn) && (input.EventSourceArn === undefined || c.EventSourceArn === input.EventSourceArn))
    const start = input.Marker ? Number(input.Marker) : 0
    const size = Math.min(input.MaxItems ?? this.#pageSize, this.#pageSize)
    const page = all.slice(start, start + size)
    return { EventSourceMappings: structuredClone(page), ...(start + size < all.length ? { NextMarker: String(start + size) } : {}) }
  }

  /** Lambda's side of things, one step: every transitional state settles (Deleting: the mapping goes). */
  tick(): void {
    for (const [uuid, stored] of this.#mappings) {
      const state = stored.config.State
      if (state === 'Deleting') this.#mappings.delete(uuid)
      else if (state && busyStates.has(state)) {
        stored.config.State = stored.target
        stored.config.LastModified = new Date()
      }
    }
  }

  /** Lambda processed batches of the mapping: its consumer group now has committed offsets. */
  commitOffsets(uuid: string): void {
    const stored = this.#get(uuid)
    this.#groupsWithOffsets.add(stored.config.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? uuid)
  }

  /** Where the mapping began reading: its StartingPosition, or COMMITTED_OFFSETS when its group had some. */
  startedFrom(uuid: string): string {
    return this.#get(uuid).startedFrom
  }

  /** Someone deleting a mapping in the console: gone at once, no questions asked. */
  deleteByHand(uuid: string): void {
    this.#mappings.delete(uuid)
  }

  /** What Lambda reports after polling, e.g. 'PROBLEM: Cluster failed to authorize Lambda.' */
  setProcessingResult(uuid: string, result: string, disabledBecause?: string): void {
    const stored = this.#get(uuid)
    stored.config.LastProcessingResult = result
    if (disabledBecause) {
      stored.config.State = 'Disabled'
      stored.target = 'Disabled'
      stored.config.StateTransitionReason = disabledBecause
    }
  }

  /** The mappings as stored (copies), for assertions. */
  mappings(): EventSourceMappingConfiguration[] {
    return [...this.#mappings.values()].map((s) => structuredClone(s.config))
  }

  /** Calls of one command since the last clearCalls(). */
  callsOf(command: string) {
    return this.calls.filter((c) => c.command === command)
  }

  clearCalls(): void {
    this.calls.length = 0
  }
}
