import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert } from '../../ui'
import { useLogin } from './hooks'

export function LoginForm() {
  const login = useLogin()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const err = isApiError(login.error) ? login.error : null
  const title = err?.status === 401 ? 'Wrong email or password' : err?.status === 429 ? 'Too many attempts' : undefined

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }) },
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
          New to Cardfile?{' '}
          <Anchor component={Link} to="/signup">
            Create an account
          </Anchor>
        </Text>
      </Stack>
    </form>
  )
}

/** Only follow same-app relative paths after login. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}
