import { ActionIcon, Anchor, Button, FileButton, Group, Progress, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconFile, IconUpload, IconX } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { isApiError } from '../../api/errors'
import { ConfirmButton, DropZone, ErrorAlert, errorMessage, formatDateTime, PaginationBar } from '../../ui'
import type { CardPanelProps } from '../contacts/cardPanels'
import { afterUpload, downloadPath, formatSize, uploadFile, useDeleteFile, useFiles } from './hooks'

const PAGE_SIZE = 20
const ALLOWED_HINT = 'PDF, images, Office documents, text, CSV or ZIP'

type Upload = {
  key: string
  name: string
  /** 0..1 */
  progress: number
  error?: string
  controller: AbortController
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`
}

/** The card's files: drop or choose files (uploaded one by one, with progress), download, delete. */
export function FilesPanel({ contactId, workspaceId, canEdit }: CardPanelProps) {
  const [page, setPage] = useState(1)
  const files = useFiles(workspaceId, contactId, page, PAGE_SIZE)
  const remove = useDeleteFile(workspaceId, contactId)
  const client = useQueryClient()
  const [uploads, setUploads] = useState<Upload[]>([])
  const resetPicker = useRef<() => void>(null)
  const mounted = useRef(true)
  const maxBytes = files.data?.max_bytes

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const patch = (key: string, change: Partial<Upload>) => {
    if (mounted.current) setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)))
  }
  const dismiss = (key: string) => setUploads((list) => list.filter((u) => u.key !== key))

  const start = async (picked: File[]) => {
    resetPicker.current?.()
    if (!picked.length) return
    const batch: (Upload & { file: File })[] = picked.map((file) => ({
      key: newKey(),
      name: file.name,
      progress: 0,
      controller: new AbortController(),
      file,
      error: !file.size
        ? 'The file is empty.'
        : maxBytes && file.size > maxBytes
          ? `Files can be at most ${formatSize(maxBytes)}.`
          : undefined,
    }))
    setUploads((list) => [...list, ...batch.map(({ file: _file, ...u }) => u)])
    // One at a time: each gets the connection's full speed and its own progress bar.
    for (const item of batch) {
      if (item.error) continue
      try {
        await uploadFile(workspaceId, contactId, item.file, {
          idempotencyKey: item.key,
          signal: item.controller.signal,
          onProgress: (progress) => patch(item.key, { progress }),
        })
        if (mounted.current) dismiss(item.key)
        setPage(1)
        await Promise.all(afterUpload(workspaceId, contactId).map((queryKey) => client.invalidateQueries({ queryKey })))
      } catch (error) {
        if (item.controller.signal.aborted) {
          if (mounted.current) dismiss(item.key)
          continue
        }
        patch(item.key, { error: (isApiError(error) && error.fieldError('file')) || errorMessage(error) })
      }
    }
  }


  const items = files.data?.items ?? []
  const total = files.data?.total ?? 0
  return (
    <Stack gap="sm">
      {canEdit ? (
        <DropZone p="sm" testId="file-drop" onFiles={(dropped) => void start(dropped)}>
          <Stack align="center" gap={6}>
            <Group gap={6} justify="center" wrap="wrap">
              <IconUpload size={18} aria-hidden style={{ color: 'var(--mantine-color-dimmed)' }} />
              <Text size="sm">Drop files here or</Text>
              <FileButton onChange={(picked) => void start(picked)} multiple resetRef={resetPicker} inputProps={{ 'aria-label': 'Upload files' }}>
                {(props) => (
                  <Button size="compact-sm" variant="light" {...props}>
                    Choose files
                  </Button>
                )}
              </FileButton>
            </Group>
            <Text size="xs" c="dimmed" ta="center">
              {ALLOWED_HINT}
              {maxBytes ? `, up to ${formatSize(maxBytes)} each` : ''}
            </Text>
          </Stack>
        </DropZone>
      ) : null}

      {uploads.map((u) => (
        <Stack key={u.key} gap={4} data-testid="upload">
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
              {u.name}
            </Text>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={u.error ? `Dismiss ${u.name}` : `Cancel uploading ${u.name}`}
              onClick={() => (u.error ? dismiss(u.key) : u.controller.abort())}
            >
              <IconX size={14} />
            </ActionIcon>
          </Group>
          {u.error ? (
            <Text size="xs" c="red" role="alert">
              {u.error}
            </Text>
          ) : (
            <Progress value={Math.round(u.progress * 100)} size="sm" animated={u.progress >= 1} aria-label={`Uploading ${u.name}`} />
          )}
        </Stack>
      ))}

      <ErrorAlert error={files.error ?? remove.error} />
      {files.isPending ? (
        <Stack gap="xs" aria-label="Loading files">
          <Skeleton height={12} width="70%" />
          <Skeleton height={12} width="45%" />
        </Stack>
      ) : null}
      {files.isSuccess && !total && !uploads.length ? (
        <Text size="sm" c="dimmed">
          No files yet.
        </Text>
      ) : null}

      {items.map((file) => (
        <Group key={file.id} gap="sm" wrap="nowrap" align="flex-start" data-testid="file">
          <ThemeIcon variant="light" size="md" radius="sm" style={{ flexShrink: 0 }}>
            <IconFile size={16} />
          </ThemeIcon>
          <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
            <Anchor href={downloadPath(workspaceId, contactId, file.id)} download={file.name} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {file.name}
            </Anchor>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {formatSize(file.size)} · {file.uploaded_by_name ?? 'Someone'} · {formatDateTime(file.created_at)}
            </Text>
          </Stack>
          {canEdit ? (
            <ConfirmButton
              size="compact-xs"
              variant="subtle"
              color="red"
              aria-label={`Delete ${file.name}`}
              style={{ flexShrink: 0 }}
              confirmTitle="Delete this file?"
              confirmText={`“${file.name}” is removed for good; the timeline keeps that it was deleted.`}
              confirmLabel="Delete"
              onConfirm={() => remove.mutateAsync(file.id)}
            >
              Delete
            </ConfirmButton>
          ) : null}
        </Group>
      ))}
      {total > PAGE_SIZE ? <PaginationBar page={page} pageSize={PAGE_SIZE} total={total} onPageChange={setPage} noun="files" /> : null}
    </Stack>
  )
}
