export type ApiToken = { id: number; name: string; created_at: string; last_used_at: string | null }
export type NewApiToken = { id: number; name: string; token: string; created_at: string }
