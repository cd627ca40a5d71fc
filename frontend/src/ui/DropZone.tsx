import { Paper, type PaperProps } from '@mantine/core'
import { useState, type ReactNode } from 'react'

type DropZoneProps = Omit<PaperProps, 'onDrop'> & {
  /** The files dropped on the zone (the caller decides what one or many mean). */
  onFiles: (files: File[]) => void
  /** Red border: the last file was refused. */
  invalid?: boolean
  testId?: string
  children: ReactNode
}

/** A dashed area files can be dropped on, lit while a file is dragged over it. */
export function DropZone({ onFiles, invalid, testId, children, ...paper }: DropZoneProps) {
  const [dragging, setDragging] = useState(false)
  return (
    <Paper
      withBorder
      radius="md"
      {...paper}
      data-testid={testId}
      onDragEnter={(e: React.DragEvent) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragOver={(e: React.DragEvent) => e.preventDefault()}
      onDragLeave={(e: React.DragEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
      }}
      onDrop={(e: React.DragEvent) => {
        e.preventDefault()
        setDragging(false)
        onFiles(Array.from(e.dataTransfer.files))
      }}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: dragging ? 'var(--mantine-primary-color-filled)' : invalid ? 'var(--mantine-color-red-5)' : undefined,
        background: dragging ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      {children}
    </Paper>
  )
}
