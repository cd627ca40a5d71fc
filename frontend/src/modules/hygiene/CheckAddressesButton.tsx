import { Button, Text } from '@mantine/core'
import { useRef } from 'react'
import { useNavigate } from 'react-router'
import { errorMessage, useSubmitOnce } from '../../ui'
import { useStartHygieneRun } from './hooks'

/** "Check addresses" for a selection of contacts: a hygiene run over just those, then its
 * report (which follows the job's progress). */
export function CheckAddressesButton({ ws, scope }: { ws: number; scope: Record<string, unknown> }) {
  const start = useStartHygieneRun(ws)
  const { submit, pending } = useSubmitOnce()
  const navigate = useNavigate()
  const started = useRef(false) // a second click once the run is on its way starts nothing
  const run = () => {
    if (started.current) return
    void submit(async (idempotencyKey) => {
      const accepted = await start.mutateAsync({ idempotencyKey, scope })
      started.current = true
      if (accepted) navigate(`/w/${ws}/hygiene/${accepted.run_id}`)
    }).catch(() => undefined) // shown next to the button
  }
  return (
    <>
      {start.error ? (
        <Text size="xs" c="red" role="alert" maw={260}>
          {errorMessage(start.error)}
        </Text>
      ) : null}
      <Button size="sm" variant="default" loading={pending} onClick={run}>
        Check addresses
      </Button>
    </>
  )
}
