/**
 * TEMPORARY loose typing used only until the backend's openapi.json exists and
 * `npm run openapi` generates `schema.d.ts`. Delete once switched.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any
type Op = {
  parameters: { query?: Record<string, unknown>; path?: Record<string, unknown> }
  requestBody?: { content: { 'application/json': Json } }
  responses: { 200: { content: { 'application/json': Json } }; default: { content: { 'application/json': Json } } }
}
export type paths = Record<string, { get: Op; post: Op; put: Op; patch: Op; delete: Op; parameters: object }>
