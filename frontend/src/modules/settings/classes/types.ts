export type ContactClass = { id: number; name: string; color: string | null; contact_count: number }
export type ContactClassInput = { name: string; color: string }
