/** Chat transcripts: messages written as they are sent, read back in order per customer journey. */
import type { ClickHouseClient } from '@clickhouse/client'

export interface ChatMessage {
  interactionId: string
  contactId: string
  messageId: string
  time: number
  sender: 'customer' | 'agent' | 'system'
  agentId: string
  text: string
}

export async function insertChatMessages(client: ClickHouseClient, tenant: string, messages: readonly ChatMessage[]): Promise<void> {
  if (messages.length === 0) return
  await client.insert({
    table: 'chat_messages', format: 'JSONEachRow',
    values: messages.map((m) => ({ tenant, interaction_id: m.interactionId, contact_id: m.contactId, message_id: m.messageId, time_ms: m.time, sender: m.sender, agent_id: m.agentId, text: m.text })),
  })
}

const SQL = `
SELECT interaction_id AS interactionId, contact_id AS contactId, message_id AS messageId, time_ms AS time, sender, agent_id AS agentId, text
FROM chat_messages FINAL
WHERE tenant = {tenant:String} AND interaction_id = {interactionId:String}
ORDER BY time_ms, message_id
LIMIT 5000`

export async function chatTranscript(client: ClickHouseClient, tenant: string, interactionId: string): Promise<ChatMessage[]> {
  const rs = await client.query({ query: SQL, format: 'JSONEachRow', query_params: { tenant, interactionId } })
  return (await rs.json<ChatMessage & { time: string | number }>()).map((r) => ({ ...r, time: Number(r.time) }))
}
