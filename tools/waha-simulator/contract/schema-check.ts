/**
 * A small JSON-schema checker for the subset of OpenAPI 3.x that WAHA's spec uses: type,
 * properties, required (arrays only; WAHA's stray `required: true` is ignored), enum, items,
 * additionalProperties, minimum, $ref, allOf, oneOf, anyOf and 3.0-style `nullable`.
 * `patchKnownQuirks` fixes the spec's documented mistakes (sources.json → knownQuirks, CONTRACT §0)
 * so real payloads validate; everything else must match the spec as written.
 */
import subset from './waha-openapi-subset.json' with { type: 'json' }

export type Schema = Record<string, unknown>
export interface Spec {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >
  components: { schemas: Record<string, Schema> }
}

const clone = <T>(value: T): T => structuredClone(value)

/**
 * Each patch names the quirk it works around. Keep this list short: a patch that is not needed by a
 * real payload (contract/examples/*.json) is a place where the simulator could drift unnoticed.
 */
function patchKnownQuirks(original: Spec): Spec {
  const spec = clone(original)
  const schemas = spec.components.schemas
  const props = (name: string) => (schemas[name]!.properties ?? {}) as Record<string, Schema>
  const nullable = (name: string, ...fields: string[]) => {
    for (const field of fields) props(name)[field] = { ...props(name)[field], nullable: true }
  }
  const notRequired = (name: string, ...fields: string[]) => {
    schemas[name]!.required = (schemas[name]!.required as string[]).filter((f) => !fields.includes(f))
  }
  // "event is declared type object with a string enum — it is a string".
  for (const name of Object.keys(schemas).filter((n) => n.startsWith('WAHAWebhook'))) {
    if (props(name).event) props(name).event!.type = 'string'
  }
  // "WebhookConfig.events items are declared type object — they are strings".
  props('WebhookConfig').events!.items = { type: 'string' }
  // "SessionInfo.presence declared object — real values are 'online' | 'offline' | null".
  props('SessionInfo').presence = { type: 'string', enum: ['online', 'offline'], nullable: true }
  // "MessagePoll.multipleAnswers is declared object — it is a boolean" (docs how-to/polls example).
  props('MessagePoll').multipleAnswers = { type: 'boolean', default: false }
  // SessionInfo.me is null until the session is authenticated (example-response-sessions-*.json).
  nullable('SessionInfo', 'me')
  // "required non-null strings that are null in real GOWS/NOWEB payloads".
  nullable('WAMessage', 'to', 'participant', 'media', 'location', 'replyTo')
  nullable('WAMessageAckBody', 'to', 'participant')
  nullable('WAHAEnvironment', 'browser')
  // mediaUrl is deprecated and absent from GOWS payloads (example-webhook-message*.json).
  notRequired('WAMessage', 'mediaUrl')
  // WEBJS message.ack carries the whole message, without participant (example-webhook-message.ack-WEBJS.json).
  notRequired('WAMessageAckBody', 'participant')
  return spec
}

export const wahaSpec = patchKnownQuirks(subset as unknown as Spec)
export const rawWahaSpec = subset as unknown as Spec

function resolveRef(spec: Spec, ref: string): Schema {
  const name = ref.replace('#/components/schemas/', '')
  const schema = spec.components.schemas[name]
  if (!schema) throw new Error(`unknown $ref ${ref}`)
  return schema
}

function typeOk(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'integer':
      return Number.isInteger(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    default:
      return true
  }
}

/** Every mismatch between `value` and `schema`, as "path: problem" lines (empty = valid). */
export function checkSchema(spec: Spec, schema: Schema, value: unknown, path = '$'): string[] {
  if (value === null && schema.nullable === true) return []
  if (typeof schema.$ref === 'string') return checkSchema(spec, resolveRef(spec, schema.$ref), value, path)
  const errors: string[] = []
  for (const sub of (schema.allOf as Schema[] | undefined) ?? [])
    errors.push(...checkSchema(spec, sub, value, path))
  if (
    Array.isArray(schema.anyOf) &&
    !schema.anyOf.some((sub) => checkSchema(spec, sub, value, path).length === 0)
  ) {
    errors.push(`${path}: matches none of anyOf`)
  }
  if (Array.isArray(schema.oneOf)) {
    const matches = schema.oneOf.filter((sub) => checkSchema(spec, sub, value, path).length === 0).length
    if (matches !== 1) errors.push(`${path}: matches ${matches} of oneOf (expected exactly 1)`)
  }
  if (value === null) {
    if (schema.type !== undefined || errors.length > 0) return [...errors, `${path}: null is not allowed`]
    return errors
  }
  if (schema.type !== undefined && !typeOk(schema.type, value)) {
    return [
      ...errors,
      `${path}: expected ${schema.type}, got ${Array.isArray(value) ? 'array' : typeof value}`,
    ]
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`)
  }
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) {
    errors.push(`${path}: ${value} < minimum ${schema.minimum}`)
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      errors.push(...checkSchema(spec, schema.items as Schema, item, `${path}[${i}]`))
    })
  }
  if (typeOk('object', value)) {
    const object = value as Record<string, unknown>
    const properties = (schema.properties ?? {}) as Record<string, Schema>
    if (Array.isArray(schema.required)) {
      for (const field of schema.required as string[]) {
        if (object[field] === undefined) errors.push(`${path}.${field}: required`)
      }
    }
    for (const [key, child] of Object.entries(object)) {
      if (child === undefined) continue
      const sub =
        properties[key] ??
        (typeof schema.additionalProperties === 'object'
          ? (schema.additionalProperties as Schema)
          : undefined)
      if (sub) errors.push(...checkSchema(spec, sub, child, `${path}.${key}`))
    }
  }
  return errors
}

/** The declared response schema of an operation, e.g. ('post', '/api/sendText', '201'). */
export function responseSchema(
  spec: Spec,
  method: string,
  path: string,
  status: string,
  contentType = 'application/json',
): Schema {
  const schema = spec.paths[path]?.[method]?.responses?.[status]?.content?.[contentType]?.schema
  if (!schema) throw new Error(`no ${contentType} schema for ${method.toUpperCase()} ${path} ${status}`)
  return schema
}

export const componentSchema = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
