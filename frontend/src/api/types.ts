import type { components } from './schema'

/** Schemas generated from the backend's OpenAPI spec (see schema.d.ts; never hand-edited). */
export type Schemas = components['schemas']

/** Shapes shared by every list endpoint. */
export type Page<T> = { items: T[]; total: number; page: number; page_size: number }

export type ListQuery = { page?: number; page_size?: number; sort?: string }

export type Role = 'admin' | 'member' | 'viewer'
