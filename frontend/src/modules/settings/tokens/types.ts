import type { Schemas } from '../../../api/types'

export type ApiToken = Schemas['Token']
export type NewApiToken = Schemas['NewToken']
