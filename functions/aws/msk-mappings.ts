// The indexing orchestrator on AWS: one MSK event source mapping per indexed topic, for the indexer
// function (KAFKA_PLUS_INDEXER_FUNCTION), made with @aws-sdk/client-lambda (loaded on first call).
// What AWS fixes at creation (topic, consumer group, starting position) is only ever set there;
// later changes are Enabled and the batch settings, which UpdateEventSourceMapping takes.
import type {
  CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, EventSourceMappingConfiguration,
  GetEventSourceMappingCommand, ListEventSourceMappingsCommand, ListEventSourceMappingsResponse, UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda'
import type { ClusterConfig } from '../core/config.ts'
import { AppError } from '../core/errors.ts'
import {
  mappingBusy, mappingGroupId, mappingGroupPrefix, mskClusterArnRequired,
  type IndexingOrchestrator, type MappingChange, type TopicMapping,
} from '../core/indexing/orchestrator.ts'
import { mappingSettings, startingPositions, type StartingPosition, type TopicPlan } from '../core/indexing/plan.ts'

export type MappingCommand =
  | CreateEventSourceMappingCommand | UpdateEventSourceMappingCommand | DeleteEventSourceMappingCommand
  | GetEventSourceMappingCommand | ListEventSourceMappingsCommand

/** The part of LambdaClient used here, so tests can stand in for AWS (functions/testing/fake-lambda-esm.ts). */
export interface LambdaMappingClient {
  send(command: MappingCommand): Promise<unknown>
}

type Sdk = typeof import('@aws-sdk/client-lambda')

const errorName = (error: unknown) => (error instanceof Error ? error.name : '')

/** States in which a mapping reads, or is about to. */
const enabledStates = new Set(['Enabled', 'Enabling', 'Creating'])

function toMapping(config: EventSourceMappingConfiguration): TopicMapping {
  const position = config.StartingPosition as StartingPosition | undefined
  return {
    topic: config.Topics?.[0] ?? '',
    id: config.UUID ?? '',
    state: config.State ?? 'Unknown',
    consumerGroup: config.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? '',
    startingPosition: position && startingPositions.includes(position) ? position : null,
    batchSize: config.BatchSize ?? null,
    batchingWindowSeconds: config.MaximumBatchingWindowInSeconds ?? null,
    lastProcessingResult: config.LastProcessingResult ?? null,
    stateTransitionReason: config.StateTransitionReason ?? null,
    lastModified: config.LastModified ? new Date(config.LastModified).toISOString() : null,
  }
}

export class MskMappings implements IndexingOrchestrator {
  readonly functionName: string
  #client: LambdaMappingClient | undefined
  #sdk: Sdk | undefined

  constructor(functionName: string, client?: LambdaMappingClient) {
    this.functionName = functionName
    this.#client = client
  }

  unmanageable(cluster: ClusterConfig): AppError | null {
    return cluster.mskClusterArn ? null : mskClusterArnRequired(cluster.id)
  }

  #arn(cluster: ClusterConfig): string {
    const problem = this.unmanageable(cluster)
    if (problem) throw problem
    return cluster.mskClusterArn as string
  }

  /**
   * `topic` null: a call about all of them (listing), where not-found means the function is missing.
   * `creating`: a create, where it means the same (there is no mapping yet to be missing).
   */
  async #send<T>(topic: string | null, build: (sdk: Sdk) => MappingCommand, creating = false): Promise<T> {
    this.#sdk ??= await import('@aws-sdk/client-lambda')
    this.#client ??= new this.#sdk.LambdaClient({})
    try {
      return await this.#client.send(build(this.#sdk)) as T
    } catch (error: unknown) {
      throw this.#problem(topic, error, creating)
    }
  }

  #problem(topic: string | null, error: unknown, creating: boolean): unknown {
    const name = errorName(error)
    // A mapping's not-found is the caller's to handle (deleted by hand): passed on as it is.
    if (name === 'ResourceNotFoundException' && topic !== null && !creating) return error
    if (topic === null) {
      const detail = error instanceof Error ? `${name}: ${error.message}` : String(error)
      return new AppError('MAPPING_FAILED', `The event source mappings of the indexer function '${this.functionName}' could not be listed (${detail}).`, {
        status: 502, retryable: name === 'TooManyRequestsException' || name === 'ServiceException', cause: error,
      })
    }
    if (name === 'ResourceInUseException') return mappingBusy(topic, error)
    if (name === 'TooManyRequestsException') {
      return new AppError('MAPPING_THROTTLED', `AWS Lambda throttled the change to the event source mapping of topic '${topic}'; try again shortly.`, { status: 429, retryable: true, cause: error })
    }
    const detail = error instanceof Error ? `${name}: ${error.message}` : String(error)
    return new AppError('MAPPING_FAILED', `The event source mapping of topic '${topic}' could not be changed (${detail}).`, {
      status: 502, retryable: name === 'ServiceException', cause: error,
    })
  }

  async list(cluster: ClusterConfig): Promise<TopicMapping[]> {
    const arn = this.#arn(cluster)
    const prefix = mappingGroupPrefix(cluster.id)
    const found: TopicMapping[] = []
    let marker: string | undefined
    do {
      const page = await this.#send<ListEventSourceMappingsResponse>(null, (sdk) => new sdk.ListEventSourceMappingsCommand({
        FunctionName: this.functionName, EventSourceArn: arn, ...(marker ? { Marker: marker } : {}),
      }))
      // Only the mappings this product made (by their group); one made by hand is left alone.
      for (const config of page.EventSourceMappings ?? []) {
        const mapping = toMapping(config)
        if (mapping.consumerGroup.startsWith(prefix)) found.push(mapping)
      }
      marker = page.NextMarker
    } while (marker)
    return found.sort((a, b) => a.topic.localeCompare(b.topic))
  }

  /** The topic's mapping, whatever its generation (AWS allows one per function, source and topic). */
  async #find(cluster: ClusterConfig, topic: string): Promise<TopicMapping | null> {
    return (await this.list(cluster)).find((m) => m.topic === topic) ?? null
  }

  async ensure(cluster: ClusterConfig, plan: TopicPlan, current?: TopicMapping | null): Promise<MappingChange> {
    const arn = this.#arn(cluster)
    const before = current === undefined ? await this.#find(cluster, plan.topic) : current
    const settings = mappingSettings(plan)
    if (!before) {
      // A topic that is not indexed needs no mapping; one is made when it is enabled.
      if (!plan.enabled) return { action: 'none', before: null, after: null }
      return { action: 'create', before: null, after: await this.#create(arn, cluster, plan) }
    }
    // Still deleting (the topic was removed and put back): a new one is made once it is gone.
    if (before.state === 'Deleting') throw mappingBusy(plan.topic)
    // The mapping of an earlier generation: its group holds the old offsets, which AWS would
    // resume from. It goes; the next run (or change) makes the new generation's mapping.
    if (before.consumerGroup !== mappingGroupId(cluster.id, plan.topic, plan.generation)) return this.remove(cluster, plan.topic, before)
    // While Updating, whether it will end up enabled is not shown: the next run compares again.
    const toggles = before.state !== 'Updating' && enabledStates.has(before.state) !== plan.enabled
    const resized = before.batchSize !== settings.batchSize || before.batchingWindowSeconds !== settings.batchingWindowSeconds
    if (!toggles && !resized) return { action: 'none', before, after: before }
    let updated: EventSourceMappingConfiguration
    try {
      updated = await this.#send<EventSourceMappingConfiguration>(plan.topic, (sdk) => new sdk.UpdateEventSourceMappingCommand({
        UUID: before.id,
        Enabled: plan.enabled,
        BatchSize: settings.batchSize,
        MaximumBatchingWindowInSeconds: settings.batchingWindowSeconds,
      }))
    } catch (error: unknown) {
      // Deleted by hand since it was listed: made anew (when the topic is indexed).
      if (errorName(error) !== 'ResourceNotFoundException') throw error
      if (!plan.enabled) return { action: 'none', before, after: null }
      return { action: 'create', before, after: await this.#create(arn, cluster, plan) }
    }
    return { action: toggles ? (plan.enabled ? 'enable' : 'disable') : 'update', before, after: toMapping(updated) }
  }

  async #create(arn: string, cluster: ClusterConfig, plan: TopicPlan): Promise<TopicMapping> {
    const settings = mappingSettings(plan)
    const created = await this.#send<EventSourceMappingConfiguration>(plan.topic, (sdk) => new sdk.CreateEventSourceMappingCommand({
      FunctionName: this.functionName,
      EventSourceArn: arn,
      Topics: [plan.topic],
      Enabled: true,
      StartingPosition: settings.startingPosition,
      BatchSize: settings.batchSize,
      MaximumBatchingWindowInSeconds: settings.batchingWindowSeconds,
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: mappingGroupId(cluster.id, plan.topic, plan.generation) },
    }), true)
    return toMapping(created)
  }

  async remove(cluster: ClusterConfig, topic: string, current?: TopicMapping | null): Promise<MappingChange> {
    this.#arn(cluster)
    const before = current === undefined ? await this.#find(cluster, topic) : current
    if (!before || before.state === 'Deleting') return { action: 'none', before, after: before }
    try {
      const deleted = await this.#send<EventSourceMappingConfiguration>(topic, (sdk) => new sdk.DeleteEventSourceMappingCommand({ UUID: before.id }))
      return { action: 'delete', before, after: toMapping(deleted) }
    } catch (error: unknown) {
      if (errorName(error) === 'ResourceNotFoundException') return { action: 'none', before, after: null }
      throw error
    }
  }
}
