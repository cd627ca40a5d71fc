import { Button, Group, Modal, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { ErrorAlert, useSubmitOnce } from '../../ui'
import { EVENTS, eventInfo, useSaveRule, type ScoringEvent, type ScoringRule } from './hooks'

type Props = { ws: number; opened: boolean; editing: ScoringRule | null; onClose: () => void }

const FIELDS = ['event', 'points', 'match', 'currency', 'active']

/** Add or edit a rule: an event, the points it gives, and what it must match. */
export function RuleFormModal({ ws, opened, editing, onClose }: Props) {
  const save = useSaveRule(ws)
  const { submit, pending } = useSubmitOnce()
  const [event, setEvent] = useState<ScoringEvent>('tag_added')
  const [points, setPoints] = useState<number | string>(10)
  const [match, setMatch] = useState('')
  const [currency, setCurrency] = useState('')
  const [active, setActive] = useState(true)
  // Saved: the closing dialog's button takes no second click (it would add the rule twice).
  const saved = useRef(false)
  useEffect(() => {
    if (!opened) return
    saved.current = false
    setEvent(editing?.event ?? 'tag_added')
    setPoints(editing?.points ?? 10)
    setMatch(editing?.match ?? '')
    setCurrency(editing?.currency ?? '')
    setActive(editing?.active ?? true)
  }, [opened, editing])
  const info = eventInfo(event)
  const close = () => {
    save.reset()
    onClose()
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (saved.current) return
    const body = {
      event,
      points: typeof points === 'number' ? points : Number(points),
      match: info?.match ? match.trim() || null : null,
      currency: event === 'purchase' ? currency.trim().toUpperCase() || null : null,
      active,
    }
    void submit(async (idempotencyKey) => {
      await save.mutateAsync({ id: editing?.id, body, idempotencyKey })
      saved.current = true
      close()
    }).catch(() => undefined)
  }
  const fieldErrors = FIELDS.some((f) => save.fieldError(f))
  const pointsMissing = points === '' || !Number.isInteger(Number(points))
  return (
    <Modal opened={opened} onClose={close} title={editing ? 'Edit scoring rule' : 'New scoring rule'} centered>
      <form onSubmit={send} noValidate>
        <Stack>
          <ErrorAlert error={fieldErrors ? null : save.error} />
          <Select
            label="When"
            data={EVENTS.map((e) => ({ value: e.value, label: e.label }))}
            value={event}
            onChange={(v) => v && setEvent(v as ScoringEvent)}
            allowDeselect={false}
            error={save.fieldError('event')}
            data-autofocus
          />
          <NumberInput
            label={event === 'purchase' ? 'Points per 1 unit of currency' : 'Points'}
            description="Negative points lower the score."
            value={points}
            onChange={setPoints}
            min={-10000}
            max={10000}
            allowDecimal={false}
            error={save.fieldError('points')}
          />
          {info?.match ? (
            <TextInput
              label={info.match}
              value={match}
              maxLength={200}
              required={info.matchRequired}
              onChange={(e) => setMatch(e.currentTarget.value)}
              error={save.fieldError('match')}
            />
          ) : null}
          {event === 'purchase' ? (
            <TextInput
              label="Only in currency"
              description="An ISO 4217 code like PLN; empty: any currency."
              value={currency}
              maxLength={3}
              onChange={(e) => setCurrency(e.currentTarget.value)}
              error={save.fieldError('currency')}
              w={200}
            />
          ) : null}
          <Switch label="Active" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={pointsMissing || (!!info?.matchRequired && !match.trim())}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
