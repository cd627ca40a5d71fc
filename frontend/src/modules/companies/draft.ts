import { coerceCustom } from '../contacts/draft'
import type { CustomValue } from '../contacts/types'
import type { CustomField } from '../settings/fields/types'
import type { Company, CompanyInput, CompanySize } from './types'

/** Form state of a company: strings for text inputs, typed values for custom fields. */
export type CompanyDraft = {
  name: string
  domain: string
  industry: string
  size: CompanySize | null
  address: string
  custom: Record<string, CustomValue | ''>
}

export function toCompanyDraft(company?: Company | null, name = ''): CompanyDraft {
  return {
    name: company?.name ?? name,
    domain: company?.domain ?? '',
    industry: company?.industry ?? '',
    size: (company?.size as CompanySize | null | undefined) ?? null,
    address: company?.address ?? '',
    custom: { ...((company?.custom ?? {}) as Record<string, CustomValue>) },
  }
}

const isEmpty = (v: unknown) => v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0)

/**
 * Request body from the form. On create empty values are left out; on update they are sent as
 * null so that clearing a field clears it. The name is always sent: an empty one is the API's
 * "Enter the company's name." under the field.
 */
export function toCompanyPayload(draft: CompanyDraft, fields: CustomField[], mode: 'create' | 'update'): CompanyInput {
  const out: CompanyInput = { name: draft.name.trim() }
  for (const k of ['domain', 'industry', 'address'] as const) {
    const v = draft[k].trim()
    if (v) out[k] = v
    else if (mode === 'update') out[k] = null
  }
  if (draft.size) out.size = draft.size
  else if (mode === 'update') out.size = null
  const custom: Record<string, CustomValue> = {}
  for (const f of fields) {
    const raw = draft.custom[f.key]
    if (isEmpty(raw) && f.type !== 'boolean') {
      if (mode === 'update' && f.key in draft.custom) custom[f.key] = null
      continue
    }
    if (f.type === 'boolean' && raw === undefined && mode === 'create') continue
    custom[f.key] = coerceCustom(f, raw)
  }
  out.custom = custom
  return out
}
