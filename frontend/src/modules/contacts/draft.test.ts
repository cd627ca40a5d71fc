import { describe, expect, it } from 'vitest'
import { contact, customField } from '../../test/fixtures'
import type { CustomField } from '../settings/fields/types'
import { coerceCustom, toDraft, toPayload } from './draft'

const f = (key: string, type: CustomField['type'], choices: string[] = []) => customField({ id: key.length, key, label: key, type, choices, position: 0 })
const fields = [f('budget', 'number'), f('birthday', 'date'), f('vip', 'boolean'), f('source', 'choice', ['web', 'fair']), f('topics', 'multi_choice', ['a', 'b'])]

describe('contact draft', () => {
  it('coerces custom values to the API types', () => {
    expect(coerceCustom({ type: 'number' }, '12.5')).toBe(12.5)
    expect(coerceCustom({ type: 'number' }, 7)).toBe(7)
    expect(coerceCustom({ type: 'number' }, 'abc')).toBe('abc')
    expect(coerceCustom({ type: 'date' }, '2024-05-01T00:00:00')).toBe('2024-05-01')
    expect(coerceCustom({ type: 'boolean' }, true)).toBe(true)
    expect(coerceCustom({ type: 'multi_choice' }, 'a')).toEqual(['a'])
    expect(coerceCustom({ type: 'choice' }, '')).toBeNull()
  })

  it('leaves out empty fields on create', () => {
    const draft = { ...toDraft(null, 3), email: ' ada@example.com ', custom: { budget: 100, source: '', topics: [] } }
    expect(toPayload(draft, fields, 'create')).toEqual({
      email: 'ada@example.com',
      contact_class_id: 3,
      tags: [],
      custom: { budget: 100 },
    })
  })

  it('sends null for cleared fields on update', () => {
    const ada = contact({ id: 1, last_name: null, phone: '+44 1', contact_class_id: 2, custom: { budget: 5, vip: true }, tags: ['x'] })
    const draft = { ...toDraft(ada), phone: '', custom: { budget: '' as const, vip: false } }
    const payload = toPayload(draft, fields, 'update')
    expect(payload.phone).toBeNull()
    expect(payload.first_name).toBe('Ada')
    expect(payload.custom).toEqual({ budget: null, vip: false })
    expect(payload.tags).toBeUndefined() // the card's Tags panel changes tags, not the form
    expect(payload.company_id).toBeNull()
  })
})

describe('next action and follow-up', () => {
  it('round-trips the follow-up instant through the local date-time input', () => {
    const draft = toDraft(contact({ next_action: 'Send the offer', follow_up_at: '2026-12-01T08:00:00+00:00' }))
    expect(draft.next_action).toBe('Send the offer')
    expect(new Date(draft.follow_up_at).toISOString()).toBe('2026-12-01T08:00:00.000Z')
    const payload = toPayload(draft, [], 'update')
    expect(payload.follow_up_at).toBe('2026-12-01T08:00:00.000Z')
    const cleared = toPayload({ ...draft, next_action: ' ', follow_up_at: '' }, [], 'update')
    expect([cleared.next_action, cleared.follow_up_at]).toEqual([null, null])
    expect('follow_up_at' in toPayload({ ...draft, follow_up_at: '' }, [], 'create')).toBe(false)
  })
})
