import { MantineProvider } from '@mantine/core'
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { createQueryClient } from './queryClient'
import { theme } from './theme'

export function Providers({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [qc] = useState(() => client ?? createQueryClient())
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={qc}>{children}</QueryClientProvider>
    </MantineProvider>
  )
}
