import type { Schemas } from '../../api/types'

/* Import API answers for this module's tests, typed by the generated schema. */

type Build<T> = (overrides?: Partial<T>) => T

function builder<T>(defaults: T): Build<T> {
  const json = JSON.stringify(defaults)
  return (overrides = {}) => ({ ...(JSON.parse(json) as T), ...overrides })
}

export const importDraft = builder<Schemas['Import']>({
  id: 9,
  filename: 'Klienci.csv',
  size: 2048,
  status: 'draft',
  error: null,
  cancel_requested: false,
  detected: { encoding: 'windows-1250', delimiter: ';', header: true },
  encoding: 'windows-1250',
  delimiter: ';',
  header: true,
  columns: ['E-mail', 'Imię', 'Telefon', 'Uwagi'],
  preview: [
    ['zofia@example.pl', 'Zofia', '+48 600 100 200', 'Zażółć gęślą jaźń'],
    ['jerzy@example.pl', 'Jerzy', '', ''],
  ],
  suggested_mapping: { 'E-mail': 'email', Imię: 'first_name', Telefon: 'phone', Uwagi: 'skip' },
  options: { existing: 'skip', tags: [], contact_class_id: null },
  questionnaire: null,
  job_id: null,
  total_rows: null,
  progress: { done: 0, total: null, rows_per_second: null, seconds_left: null },
  counts: {},
  created_by: 1,
  created_at: '2026-03-01T10:00:00Z',
  started_at: null,
  finished_at: null,
})

export const importReport = builder<Schemas['ImportReport']>({
  id: 9,
  status: 'finished',
  rows: 120,
  rows_done: 120,
  counts: {
    created: 100,
    updated: 5,
    unchanged: 3,
    duplicate_in_file: 2,
    rejected: { no_mx: 6, invalid_syntax: 3, something_new: 1 },
    flagged: { role: 4 },
  },
})
