import { useEffect } from 'react'
import { useBlocker } from 'react-router'

export const UNSAVED_MESSAGE = 'You have unsaved changes. Leave without saving?'

// Forms with changes right now. A router honours one blocker only, so every form registers
// here and the one UnsavedChangesGuard asks (a card has several forms: profile, panels).
const dirtyForms = new Set<object>()

/** The one "leave without saving?" question for in-app navigation; mounted once at the root route. */
export function UnsavedChangesGuard() {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirtyForms.size > 0 && currentLocation.pathname !== nextLocation.pathname,
  )
  useEffect(() => {
    if (blocker.state !== 'blocked') return
    if (window.confirm(UNSAVED_MESSAGE)) blocker.proceed()
    else blocker.reset()
  }, [blocker])
  return null
}

/** Warns before leaving a form with changes: in-app navigation, reload and closing the tab. */
export function useUnsavedChanges(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return
    const form = {}
    dirtyForms.add(form)
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => {
      dirtyForms.delete(form)
      window.removeEventListener('beforeunload', warn)
    }
  }, [dirty])
}
