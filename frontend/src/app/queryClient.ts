import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { isApiError } from '../api/errors'

/** On any 401 the session is gone: forget /me, and the auth guard sends the user to /login. */
function on401(client: () => QueryClient) {
  return (error: unknown) => {
    if (isApiError(error) && error.status === 401) {
      const me = client().getQueryData(['me'])
      if (me) client().setQueryData(['me'], null)
    }
  }
}

export function createQueryClient(): QueryClient {
  let qc: QueryClient
  const get = () => qc
  qc = new QueryClient({
    queryCache: new QueryCache({ onError: on401(get) }),
    mutationCache: new MutationCache({ onError: on401(get) }),
    defaultOptions: {
      queries: {
        retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  })
  return qc
}
