import { Alert, Button, FileButton, Group, Progress, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconAlertCircle, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { isApiError } from '../../api/errors'
import { detailKey } from '../../api/queries'
import { DropZone, errorMessage } from '../../ui'
import { formatSize } from '../files/hooks'
import { importsKey, uploadImport } from './hooks'
import type { Import } from './types'

type Upload = { name: string; size: number; progress: number; controller: AbortController }

const ACCEPT = '.csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values'

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`
}

/** Step 1: drop a CSV or TXT file (or choose one); it is uploaded with its progress shown, then
 * the draft (with what was detected) is handed to `onUploaded`. */
export function UploadStep({ ws, onUploaded }: { ws: number; onUploaded: (draft: Import) => void }) {
  const client = useQueryClient()
  const [upload, setUpload] = useState<Upload | null>(null)
  const [error, setError] = useState<{ name: string; message: string } | null>(null)
  const resetPicker = useRef<() => void>(null)
  const mounted = useRef(true)
  const controller = useRef<AbortController | null>(null)
  const busy = useRef(false)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      // Leaving the page stops an upload on its way.
      controller.current?.abort()
    }
  }, [])

  const start = async (file: File | null | undefined) => {
    resetPicker.current?.()
    if (!file || busy.current) return
    setError(null)
    if (!file.size) {
      setError({ name: file.name, message: 'The file is empty: choose a file with a header and at least one contact.' })
      return
    }
    const item: Upload = { name: file.name, size: file.size, progress: 0, controller: new AbortController() }
    controller.current = item.controller
    busy.current = true
    setUpload(item)
    try {
      const draft = await uploadImport(ws, file, {
        idempotencyKey: newKey(),
        signal: item.controller.signal,
        onProgress: (progress) => {
          if (mounted.current) setUpload((u) => (u ? { ...u, progress } : u))
        },
      })
      client.setQueryData(detailKey(importsKey(ws), draft.id), draft)
      if (mounted.current) onUploaded(draft)
    } catch (e) {
      if (!mounted.current || item.controller.signal.aborted) return
      setError({ name: file.name, message: (isApiError(e) && e.fieldError('file')) || errorMessage(e) })
    } finally {
      busy.current = false
      if (mounted.current) setUpload(null)
    }
  }

  const onFiles = (files: File[]) => {
    if (files.length > 1) {
      setError({ name: files.map((f) => f.name).join(', '), message: 'Drop one file at a time: each file is its own import.' })
      return
    }
    void start(files[0])
  }

  return (
    <Stack gap="md">
      <DropZone p={{ base: 'md', sm: 'xl' }} testId="import-drop" onFiles={onFiles} invalid={!!error}>
        <Stack align="center" gap="sm" ta="center">
          <ThemeIcon size={48} radius="xl" variant="light">
            <IconFileSpreadsheet size={26} />
          </ThemeIcon>
          <Text fw={600}>Drop a CSV or TXT file here</Text>
          <Text size="sm" c="dimmed" maw={520}>
            A spreadsheet saved as CSV, or a text file with one email address per line. Any encoding (UTF-8, Windows-1250…) and
            delimiter (comma, semicolon, tab): you can check and change them on the next step.
          </Text>
          <FileButton onChange={(file) => void start(file)} accept={ACCEPT} resetRef={resetPicker} inputProps={{ 'aria-label': 'Choose a file to import' }}>
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} disabled={!!upload}>
                Choose a file
              </Button>
            )}
          </FileButton>
        </Stack>
      </DropZone>

      {upload ? (
        <Stack gap={4} data-testid="import-upload" aria-live="polite">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={500} truncate style={{ minWidth: 0 }}>
              Uploading {upload.name}
            </Text>
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => upload.controller.abort()}>
              Cancel
            </Button>
          </Group>
          <Progress value={Math.round(upload.progress * 100)} animated={upload.progress >= 1} aria-label={`Uploading ${upload.name}`} />
          <Text size="xs" c="dimmed">
            {upload.progress >= 1
              ? 'Reading the file…'
              : `${formatSize(Math.round(upload.size * upload.progress))} of ${formatSize(upload.size)} (${Math.round(upload.progress * 100)}%)`}
          </Text>
        </Stack>
      ) : null}

      {error ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={`“${error.name}” cannot be imported`} role="alert">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {error.message}
          </Text>
        </Alert>
      ) : null}
    </Stack>
  )
}
