import type { QuestionnaireDraft } from './SourceStep'
import type { Import, ImportOptions, Source } from './types'

/** The options as the API keeps them (a plain object), typed. */
export function optionsOf(raw: Import['options']): ImportOptions {
  const o = raw as Partial<ImportOptions>
  return {
    existing: o.existing === 'fill_empty' || o.existing === 'overwrite' ? o.existing : 'skip',
    tags: Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string') : [],
    contact_class_id: typeof o.contact_class_id === 'number' ? o.contact_class_id : null,
  }
}

export function questionnaireOf(raw: Import['questionnaire']): QuestionnaireDraft {
  const q = (raw ?? {}) as Partial<{ source: Source; consent_collected: string }>
  return { source: q.source ?? null, consent_collected: q.consent_collected ?? '' }
}

export const sameOptions = (a: ImportOptions, b: ImportOptions) =>
  a.existing === b.existing && a.contact_class_id === b.contact_class_id && (a.tags ?? []).join('\n') === (b.tags ?? []).join('\n')
