import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { parseLocaleNumber } from './number'
import { useSubmitOnce } from './useSubmitOnce'
import { safeNext } from '../app/next'

describe('useSubmitOnce', () => {
  it('sends one request for two clicks in the same frame, with one key per submission', async () => {
    const { result } = renderHook(() => useSubmitOnce())
    const keys: string[] = []
    let release: () => void = () => {}
    const send = (key: string) =>
      new Promise<void>((resolve) => {
        keys.push(key)
        release = resolve
      })
    let first: Promise<unknown> = Promise.resolve()
    act(() => {
      first = result.current.submit(send)
      void result.current.submit(send)
    })
    expect(keys).toHaveLength(1)
    await act(async () => {
      release()
      await first
    })
    await act(async () => {
      const again = result.current.submit(send)
      release()
      await again
    })
    expect(keys).toHaveLength(2)
    expect(keys[0]).not.toEqual(keys[1])
  })
})

describe('parseLocaleNumber', () => {
  it('reads a decimal comma and refuses words', () => {
    expect(parseLocaleNumber('12,5')).toBe(12.5)
    expect(parseLocaleNumber(' 1 234,5 ')).toBe(1234.5)
    expect(parseLocaleNumber('12.5')).toBe(12.5)
    expect(parseLocaleNumber('twelve')).toBeNull()
    expect(parseLocaleNumber('1,2,3')).toBeNull()
  })
})

describe('safeNext', () => {
  it('follows same-app paths only', () => {
    expect(safeNext('/w/2/settings/fields')).toBe('/w/2/settings/fields')
    expect(safeNext('//evil.example')).toBe('/')
    expect(safeNext('/\\evil.example')).toBe('/')
    expect(safeNext('https://evil.example')).toBe('/')
    expect(safeNext(null)).toBe('/')
  })
})
