import type { Schemas } from '../../../api/types'

export type ContactClass = Schemas['ContactClass']
export type ContactClassInput = Schemas['ContactClassIn']
