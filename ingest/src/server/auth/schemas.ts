/** Input schemas shared by the access routes. */
export const ID_PARAMS = {
  type: 'object', required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9a-zA-Z_-]{1,64}$' } },
} as const

export const QUEUE_IDS = { type: 'array', maxItems: 500, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 128 } } as const
