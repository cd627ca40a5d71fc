export const FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'choice', 'multi_choice'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export type CustomField = {
  id: number
  key: string
  label: string
  type: FieldType
  choices: string[] | null
  position: number
}

export type CustomFieldInput = { key: string; label: string; type: FieldType; choices: string[] }

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  choice: 'Choice',
  multi_choice: 'Multiple choice',
}
