import { describe, expect, it } from 'vitest'
import { applySaved, mappingErrors, mappingProblems, NEW_FIELD_CHOICE, sameMapping, sampleValues, targetChoices, targetLabel } from './mapping'

const fields = [
  { key: 'city', label: 'City' },
  { key: 'uwagi_z_targow', label: 'Uwagi z targów' },
]

describe('mapping targets', () => {
  it('groups standard fields, custom fields and the rest; a new field only for those who may add one', () => {
    const groups = targetChoices(fields, 'skip', true)
    expect(groups.map((g) => g.group)).toEqual(['Standard fields', 'Custom fields', 'Other'])
    expect(groups[0].items.map((i) => i.value)).toEqual(['email', 'first_name', 'last_name', 'phone', 'company', 'job_title', 'time_zone'])
    expect(groups[1].items).toEqual([
      { value: 'custom:city', label: 'City' },
      { value: 'custom:uwagi_z_targow', label: 'Uwagi z targów' },
    ])
    expect(groups[2].items.map((i) => i.value)).toEqual(['tags', 'skip', NEW_FIELD_CHOICE])
    const member = targetChoices([], 'email', false)
    expect(member.map((g) => g.group)).toEqual(['Standard fields', 'Other'])
    expect(member.at(-1)!.items.map((i) => i.value)).not.toContain(NEW_FIELD_CHOICE)
  })

  it('lists the column’s own target even when it is a new field or a field not loaded', () => {
    const withNew = targetChoices(fields, 'new:Źródło', true).at(-1)!.items
    expect(withNew).toContainEqual({ value: 'new:Źródło', label: 'New field: Źródło' })
    const unknown = targetChoices(fields, 'custom:gone', false)[1].items
    expect(unknown).toContainEqual({ value: 'custom:gone', label: 'gone' })
  })

  it('names targets for people', () => {
    expect(targetLabel('first_name')).toBe('First name')
    expect(targetLabel('custom:city', fields)).toBe('City')
    expect(targetLabel('new:Uwagi')).toBe('New field: Uwagi')
    expect(targetLabel('skip')).toBe('Skip (do not import)')
  })
})

describe('mapping problems', () => {
  const columns = ['Email', 'Mail 2', 'Imię', 'Tagi', 'Grupy']

  it('names a field chosen twice at the second column, and a missing email', () => {
    expect(mappingProblems(columns, { Email: 'email', 'Mail 2': 'email', Imię: 'first_name', Tagi: 'tags', Grupy: 'tags' })).toEqual({
      'Mail 2': '“Email” already goes to this field.',
    })
    expect(mappingProblems(columns, { Email: 'skip', 'Mail 2': 'skip' })).toEqual({ '': 'Choose the column holding the email address.' })
  })

  it('lets any number of columns be skipped or hold tags', () => {
    expect(mappingProblems(columns, { Email: 'email', 'Mail 2': 'skip', Imię: 'skip', Tagi: 'tags', Grupy: 'tags' })).toEqual({})
  })

  it('reads the API’s errors per column, column names with dots too', () => {
    const errors = {
      'mapping.Tel. kom.': ['“Telefon” already goes to this field.'],
      mapping: ['Choose the column holding the email address.'],
      'mapping.Uwagi': ['Only admins can add custom fields.'],
      encoding: ['Choose one of: utf-8.'],
    }
    expect(mappingErrors(errors, ['Tel.', 'Tel. kom.', 'Uwagi'])).toEqual({
      'Tel. kom.': '“Telefon” already goes to this field.',
      '': 'Choose the column holding the email address.',
      Uwagi: 'Only admins can add custom fields.',
    })
  })
})

describe('a saved mapping applied to another file', () => {
  it('takes the targets of the columns it names (case and spaces aside) and keeps the others', () => {
    const columns = ['E-MAIL ', 'Imię', 'Miasto', 'Nowa kolumna']
    const current = { 'E-MAIL ': 'email', Imię: 'skip', Miasto: 'skip', 'Nowa kolumna': 'phone' }
    const saved = { 'e-mail': 'email', IMIĘ: 'first_name', Miasto: 'custom:city', Usunięta: 'last_name' }
    const { mapping, matched } = applySaved(columns, current, saved, fields)
    expect(mapping).toEqual({ 'E-MAIL ': 'email', Imię: 'first_name', Miasto: 'custom:city', 'Nowa kolumna': 'phone' })
    expect(matched).toEqual(['E-MAIL ', 'Imię', 'Miasto'])
  })

  it('maps a saved new field to the field made since, drops deleted fields, and frees taken targets', () => {
    const columns = ['Email', 'Uwagi', 'Region', 'Mail']
    const current = { Email: 'skip', Uwagi: 'skip', Region: 'skip', Mail: 'email' }
    const saved = { Email: 'email', Uwagi: 'new:uwagi z targów', Region: 'custom:region' }
    const { mapping, matched } = applySaved(columns, current, saved, fields)
    expect(mapping).toEqual({ Email: 'email', Uwagi: 'custom:uwagi_z_targow', Region: 'skip', Mail: 'skip' })
    expect(matched).toEqual(['Email', 'Uwagi'])
  })

  it('compares mappings column by column, a missing column being skipped', () => {
    expect(sameMapping(['A', 'B'], { A: 'email' }, { A: 'email', B: 'skip' })).toBe(true)
    expect(sameMapping(['A', 'B'], { A: 'email' }, { A: 'phone' })).toBe(false)
  })
})

describe('sample values', () => {
  it('gives the first distinct non-empty values of a column', () => {
    const preview = [['a', ' Zofia '], ['b', ''], ['c', 'Zofia'], ['d', 'Jerzy'], ['e', 'Łucja'], ['f', 'Ala']]
    expect(sampleValues(preview, 1)).toEqual(['Zofia', 'Jerzy', 'Łucja'])
    expect(sampleValues(preview, 5)).toEqual([])
  })
})
