import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { isApiError } from '../../api/errors'
import { ErrorAlert, PageHeader } from '../../ui'
import { useMe } from '../auth/hooks'
import { useChangePassword, useUpdateProfile } from './hooks'

/** Profile: name, and a password change that ends the account's other sessions. */
export function AccountSettings() {
  const { data: me } = useMe()
  const profile = useUpdateProfile()
  const password = useChangePassword()
  const [name, setName] = useState('')
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  useEffect(() => setName(me?.user.name ?? ''), [me?.user.name])
  const pErr = isApiError(profile.error) ? profile.error : null
  const wErr = isApiError(password.error) ? password.error : null
  return (
    <Stack maw={560}>
      <PageHeader title="Your account" description={me?.user.email} />
      <Paper withBorder p="lg" radius="md">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            if (!profile.isPending) profile.mutate({ name: name.trim() })
          }}
        >
          <Stack>
            <Title order={4}>Profile</Title>
            {profile.isSuccess ? <Alert color="teal" role="status">Saved.</Alert> : null}
            <ErrorAlert error={pErr && !pErr.fieldError('name') ? pErr : null} />
            <TextInput
              label="Name"
              autoComplete="name"
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={pErr?.fieldError('name')}
            />
            <Button type="submit" loading={profile.isPending} disabled={!name.trim() || name === me?.user.name}>
              Save name
            </Button>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            if (password.isPending) return
            password.mutate(
              { current_password: current, password: next },
              {
                onSuccess: () => {
                  setCurrent('')
                  setNext('')
                },
              },
            )
          }}
        >
          <Stack>
            <Title order={4}>Password</Title>
            {password.isSuccess ? (
              <Alert color="teal" role="status">
                Password changed. Your other sessions (other browsers and devices) were logged out.
              </Alert>
            ) : null}
            <ErrorAlert error={wErr && !wErr.fieldError('current_password') && !wErr.fieldError('password') ? wErr : null} />
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={wErr?.fieldError('current_password')}
            />
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              description="At least 10 characters"
              maxLength={200}
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              error={wErr?.fieldError('password')}
            />
            <Button type="submit" loading={password.isPending} disabled={!current || !next}>
              Change password
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  )
}
