import type { Schemas } from '../../api/types'

export type Import = Schemas['Import']
export type ImportStatus = Import['status']
export type ImportReport = Schemas['ImportReport']
export type ReportCounts = Schemas['ReportCounts']
export type SavedMapping = Schemas['ImportMapping']
export type ImportOptions = Schemas['Options']
export type Questionnaire = Schemas['Questionnaire']
export type Source = Questionnaire['source']
export type Encoding = NonNullable<Schemas['ImportPatch']['encoding']>
export type Delimiter = NonNullable<Schemas['ImportPatch']['delimiter']>
export type Existing = ImportOptions['existing']

export const ENCODINGS: { value: Encoding; label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'windows-1250', label: 'Windows-1250 (Central European)' },
  { value: 'iso-8859-2', label: 'ISO-8859-2 (Latin-2)' },
  { value: 'windows-1252', label: 'Windows-1252 (Western European)' },
  { value: 'mac-roman', label: 'Mac Roman (old Mac files)' },
  { value: 'utf-16-le', label: 'UTF-16 LE (Excel Unicode text)' },
  { value: 'utf-16-be', label: 'UTF-16 BE' },
]

export const DELIMITERS: { value: Delimiter; label: string }[] = [
  { value: ',', label: 'Comma ( , )' },
  { value: ';', label: 'Semicolon ( ; )' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe ( | )' },
]

export const EXISTING: { value: Existing; label: string; description: string }[] = [
  { value: 'skip', label: 'Leave them as they are', description: 'Contacts already here (same email) are not changed.' },
  { value: 'fill_empty', label: 'Fill their empty fields', description: 'Only fields that are empty now get the value from the file.' },
  { value: 'overwrite', label: 'Overwrite with the file’s values', description: 'Every mapped field takes the value from the file (empty cells change nothing).' },
]

export const SOURCES: { value: Source; label: string }[] = [
  { value: 'own_signup_form', label: 'My own signup form or website' },
  { value: 'customers', label: 'My customers (they bought from me)' },
  { value: 'event', label: 'People I met at an event or a fair' },
  { value: 'other_crm', label: 'Exported from another CRM or mailing tool' },
  { value: 'purchased_list', label: 'A list I bought' },
  { value: 'rented_list', label: 'A list I rented' },
  { value: 'other', label: 'Somewhere else' },
]

/** Sources the API refuses (with this reason on `questionnaire.source`). */
export const REFUSED_SOURCES: readonly Source[] = ['purchased_list', 'rented_list']
export const REFUSED_MESSAGE =
  'Cardfile does not import purchased or rented lists. The people on them never agreed to hear from you: mailing them ' +
  'breaks the GDPR and anti-spam laws, and the complaints and spam traps such lists hold get your domain blocked for ' +
  'everyone you do mail. Import only people who gave you their consent.'

export const isRefused = (source: Source | null | undefined): boolean => !!source && REFUSED_SOURCES.includes(source)

export const FINAL_STATUSES: readonly ImportStatus[] = ['finished', 'failed', 'cancelled']
export const isFinal = (status: ImportStatus): boolean => FINAL_STATUSES.includes(status)
export const isRunning = (status: ImportStatus): boolean => status === 'queued' || status === 'running'
