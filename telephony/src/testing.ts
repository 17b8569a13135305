/** Test and benchmark helpers of @agner/telephony (not for production paths). */
export * from './adapters/asterisk-common/synthetic-center.ts'
export * from './adapters/freeswitch-esl/frame-writer.ts'
export * from './adapters/asterisk-ami/fake-server.ts'
export * from './adapters/freeswitch-esl/fake-server.ts'
export * from './adapters/asterisk-queuelog/mariadb-process.ts'
export * from './media/test-phone.ts'
