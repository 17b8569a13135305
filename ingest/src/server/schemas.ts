/** Input schema of routes that take no input: an empty query string object (extra keys dropped). */
export const NO_INPUT = { querystring: { type: 'object', properties: {} } } as const
