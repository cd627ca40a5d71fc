import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert } from '../../ui'
import { safeNext } from '../../app/next'
import { useLogin } from './hooks'

/** `onLoggedIn` replaces the navigation to `next` (the session-ended dialog stays put). */
export function LoginForm({ onLoggedIn, email: knownEmail = '' }: { onLoggedIn?: () => void; email?: string } = {}) {
  const login = useLogin()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [email, setEmail] = useState(knownEmail)
  const [password, setPassword] = useState('')
  const err = isApiError(login.error) ? login.error : null
  const title = err?.status === 401 ? 'Wrong email or password' : err?.status === 429 ? 'Too many attempts' : undefined

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => (onLoggedIn ? onLoggedIn() : navigate(safeNext(params.get('next')), { replace: true })) },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={login.error} title={title} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={err?.fieldError('email')}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={err?.fieldError('password')}
        />
        <Button type="submit" loading={login.isPending} fullWidth>
          Log in
        </Button>
        <Text size="sm" ta="center">
          <Anchor component={Link} to="/forgot-password">
            Forgot password?
          </Anchor>
        </Text>
        <Text size="sm" ta="center">
          New to Cardfile?{' '}
          <Anchor component={Link} to="/signup">
            Create an account
          </Anchor>
        </Text>
      </Stack>
    </form>
  )
}
