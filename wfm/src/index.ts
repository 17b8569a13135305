export * from './erlang/erlang-b.ts'
export * from './erlang/erlang-c.ts'
export * from './erlang/erlang-a.ts'
