/** FreeSWITCH event socket: frame the byte stream and map mod_callcenter events (pure; the socket is the edge's job). */
export * from './frames.ts'
export * from './map.ts'
export * from './connection.ts'
