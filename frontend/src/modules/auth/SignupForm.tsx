import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { isApiError } from '../../api/errors'
import { ErrorAlert } from '../../ui'
import { useSignup } from './hooks'

export function SignupForm() {
  const signup = useSignup()
  const navigate = useNavigate()
  const [form, setForm] = useState({ name: '', email: '', password: '', agency_name: '' })
  const err = isApiError(signup.error) ? signup.error : null
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value // read now: currentTarget is gone when the updater runs
    setForm((f) => ({ ...f, [k]: value }))
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    signup.mutate(
      { ...form, email: form.email.trim(), name: form.name.trim(), agency_name: form.agency_name.trim() },
      { onSuccess: () => navigate('/', { replace: true }) },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={signup.error} />
        <TextInput label="Name" autoComplete="name" value={form.name} onChange={set('name')} error={err?.fieldError('name')} data-autofocus />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          error={err?.fieldError('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          error={err?.fieldError('password')}
          description="At least 10 characters"
        />
        <TextInput
          label="Agency name"
          autoComplete="organization"
          value={form.agency_name}
          onChange={set('agency_name')}
          error={err?.fieldError('agency_name')}
        />
        <Button type="submit" loading={signup.isPending} fullWidth>
          Sign up
        </Button>
        <Text size="sm" ta="center">
          Already have an account?{' '}
          <Anchor component={Link} to="/login">
            Log in
          </Anchor>
        </Text>
      </Stack>
    </form>
  )
}
