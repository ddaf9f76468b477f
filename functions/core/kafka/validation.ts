// Kafka's own rules for names and configs, checked before a request is sent.
import * as z from 'zod/mini'

// Kafka: at most 249 characters of [a-zA-Z0-9._-], and not "." or "..".
export const topicNameSchema = z.string().check(
  z.minLength(1, 'a topic name is required'),
  z.maxLength(249, 'topic names have at most 249 characters'),
  z.regex(/^[a-zA-Z0-9._-]+$/, 'topic names may contain only letters, digits, ".", "_" and "-"'),
  z.refine((name) => name !== '.' && name !== '..', 'a topic cannot be named "." or ".."'),
)

export const configNameSchema = z.string().check(z.regex(/^[a-z0-9]+(\.[a-z0-9]+)*$/, 'config names look like "retention.ms"'), z.maxLength(255))

const configValueSchema = z.pipe(z.union([z.string().check(z.maxLength(10_000)), z.number(), z.boolean()]), z.transform(String))

export const topicConfigsSchema = z._default(
  z.record(configNameSchema, configValueSchema).check(z.refine((configs) => Object.keys(configs).length <= 100, 'at most 100 configs')),
  {},
)

/** Whole numbers within bounds (counts, partitions, replication factors). */
export const intBetween = (min: number, max: number) =>
  z.number().check(z.refine(Number.isInteger, 'must be a whole number'), z.gte(min), z.lte(max))
