import { Center, Loader } from '@mantine/core'
import { Navigate, Outlet, useLocation } from 'react-router'
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
  if (me.error) {
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
  if (me.data) return <Navigate to="/" replace />
  return <Outlet />
}
