import { Center, Loader } from '@mantine/core'
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router'
import { safeNext } from './next'
import { ErrorAlert } from '../ui'
import { useMe } from '../modules/auth/hooks'

/** Renders child routes only for a logged-in user; otherwise goes to /login?next=… */
export function RequireAuth() {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) {
    return (
      <Center mih="100dvh">
        <Loader aria-label="Loading" />
      </Center>
    )
  }
  if (me.error && !me.data) {
    return (
      <Center mih="100dvh" p="md">
        <ErrorAlert error={me.error} title="Cardfile is not reachable" />
      </Center>
    )
  }
  if (!me.data) {
    const next = location.pathname + location.search
    return <Navigate to={next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />
  }
  return <Outlet />
}

/** For /login and /signup: a logged-in user goes straight to the app. */
export function RedirectIfAuthenticated() {
  const me = useMe()
  const [params] = useSearchParams()
  // After login the deep link wins (/login?next=/w/2/settings/fields), not the home page.
  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />
  return <Outlet />
}
