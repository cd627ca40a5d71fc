import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'

/** Mail the local catcher received (only where `make run` catches outgoing mail). */
export function useMailbox() {
  return useQuery({
    queryKey: ['dev-mailbox'],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/dev/mailbox')
      return data!
    },
    refetchInterval: 3000,
  })
}
