/** Asterisk AMI: frame the byte stream and map events to canonical ones (pure; the socket is the edge's job). */
export * from './frames.ts'
export * from './map.ts'
export * from './connection.ts'
