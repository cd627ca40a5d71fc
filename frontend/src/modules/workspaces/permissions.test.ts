import { describe, expect, it } from 'vitest'
import { can } from './permissions'

describe('can', () => {
  it('lets viewers only read', () => {
    expect(can('viewer', 'read')).toBe(true)
    expect(can('viewer', 'write_contacts')).toBe(false)
    expect(can('viewer', 'manage_settings')).toBe(false)
  })
  it('lets members work contacts but not settings', () => {
    expect(can('member', 'write_contacts')).toBe(true)
    expect(can('member', 'manage_settings')).toBe(false)
  })
  it('lets admins do everything', () => {
    expect(can('admin', 'manage_settings')).toBe(true)
  })
  it('denies without a role', () => {
    expect(can(undefined, 'read')).toBe(false)
  })
})
