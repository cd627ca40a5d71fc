import type { Schemas } from '../../../api/types'

export const FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'choice', 'multi_choice'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export type CustomField = Schemas['CustomField']
export type CustomFieldInput = Schemas['CustomFieldIn']

/** Whose fields: a contact's or a company's. */
export type FieldEntity = CustomField['entity']
export const FIELD_ENTITIES: { value: FieldEntity; label: string }[] = [
  { value: 'contact', label: 'Contacts' },
  { value: 'company', label: 'Companies' },
]

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  choice: 'Choice',
  multi_choice: 'Multiple choice',
}
