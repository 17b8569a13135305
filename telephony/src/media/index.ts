export * from './media-service.ts'
export * from './worker-media.ts'
export * from './ogg-opus.ts'
export { AUDIO_NAME } from './audio-library.ts'
