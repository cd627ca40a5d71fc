import { createContext, useContext } from 'react'
import type { FieldDef } from './fields'
import type { GroupNode, NodeErrors } from './rules'

export type Builder = {
  catalog: FieldDef[]
  /** Tag names, for the tag picker. */
  tags: string[]
  /** Live lists, for the list picker. */
  lists: { value: string; label: string }[]
  /** The API's complaints, by node key. */
  errors: NodeErrors
  /** Keys of rules not counted yet (incomplete). */
  incomplete: Set<string>
  /** Applies a change to the whole tree. */
  edit: (change: (root: GroupNode) => GroupNode) => void
  readOnly: boolean
}

export const BuilderContext = createContext<Builder | null>(null)

export function useBuilder(): Builder {
  const builder = useContext(BuilderContext)
  if (!builder) throw new Error('useBuilder outside a segment builder')
  return builder
}
