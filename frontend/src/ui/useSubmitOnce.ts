import { useCallback, useRef, useState } from 'react'

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`
}

/**
 * One submit at a time for a form: a second click while the first is on its way does nothing
 * (a ref, not React state, so even two clicks in the same frame send one request). Each
 * submission carries an Idempotency-Key, kept for retries of the same submission and renewed
 * after a success, so the API answers a repeated request with the first result.
 */
export function useSubmitOnce() {
  const busy = useRef(false)
  const key = useRef(newKey())
  const [pending, setPending] = useState(false)
  const submit = useCallback(async <T,>(send: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined
    busy.current = true
    setPending(true)
    try {
      const result = await send(key.current)
      key.current = newKey()
      return result
    } finally {
      busy.current = false
      setPending(false)
    }
  }, [])
  return { submit, pending }
}
