import type { FieldErrors } from '../../api/errors'

/** The wizard's steps; the draft's step is in the URL (?step=), the upload has its own page. */
export const STEPS = [
  { key: 'upload', label: 'Upload', description: 'Choose the file' },
  { key: 'columns', label: 'Columns', description: 'Preview and mapping' },
  { key: 'options', label: 'Options', description: 'Existing contacts, tags' },
  { key: 'source', label: 'Source', description: 'Where the list came from' },
] as const

export type StepKey = (typeof STEPS)[number]['key']
export type DraftStep = Exclude<StepKey, 'upload'>

export const stepIndex = (key: StepKey): number => STEPS.findIndex((s) => s.key === key)

/** The draft's step from the URL; anything else is the first one. */
export function stepFromParam(raw: string | null): DraftStep {
  return raw === 'options' || raw === 'source' ? raw : 'columns'
}

export function nextStep(step: DraftStep): DraftStep | null {
  return step === 'columns' ? 'options' : step === 'options' ? 'source' : null
}

export function previousStep(step: DraftStep): DraftStep | null {
  return step === 'source' ? 'options' : step === 'options' ? 'columns' : null
}

/** The step where an API error is shown (and fixed): the first step any error belongs to. */
export function stepOfErrors(errors: FieldErrors): DraftStep | null {
  const keys = Object.keys(errors)
  const owns = (step: DraftStep, key: string) =>
    step === 'columns'
      ? /^(mapping|encoding|delimiter|header)(\.|$)/.test(key)
      : step === 'options'
        ? /^(options|contact_class_id)(\.|$)/.test(key)
        : /^questionnaire(\.|$)/.test(key)
  for (const step of ['columns', 'options', 'source'] as const) if (keys.some((k) => owns(step, k))) return step
  return null
}

/** Errors of one dotted prefix, without it: {"questionnaire.source": m} -> {source: m}. */
export function errorsUnder(errors: FieldErrors, prefix: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, messages] of Object.entries(errors)) {
    if (key === prefix || key === `${prefix}._`) out[''] = messages.join(' ')
    else if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = messages.join(' ')
  }
  return out
}
