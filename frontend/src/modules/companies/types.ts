import type { Schemas } from '../../api/types'

export type Company = Schemas['Company']
export type CompanyInput = Schemas['CompanyIn']
export type CompanyPatch = Schemas['CompanyPatch']
export type CompanyContact = Schemas['CompanyContact']
export type CompanySize = NonNullable<CompanyInput['size']>

/** Employee bands, as the API takes them. */
export const COMPANY_SIZES: CompanySize[] = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5000+']

export type CompanyFilters = { q?: string }
export type CompanyListQuery = CompanyFilters & { page?: number; page_size?: number; sort?: string; cursor?: string }
