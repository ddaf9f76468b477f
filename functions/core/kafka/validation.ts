// Kafka's own rules for names and configs, checked before a request is sent.
import { z } from 'zod'

// Kafka: at most 249 characters of [a-zA-Z0-9._-], and not "." or "..".
export const topicNameSchema = z.string()
  .min(1, 'a topic name is required')
  .max(249, 'topic names have at most 249 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'topic names may contain only letters, digits, ".", "_" and "-"')
  .refine((name) => name !== '.' && name !== '..', 'a topic cannot be named "." or ".."')

export const configNameSchema = z.string().regex(/^[a-z0-9]+(\.[a-z0-9]+)*$/, 'config names look like "retention.ms"').max(255)

export const topicConfigsSchema = z.record(configNameSchema, z.union([z.string().max(10_000), z.number(), z.boolean()]).transform(String))
  .default({})
  .refine((configs) => Object.keys(configs).length <= 100, 'at most 100 configs')
