import { describe, expect, it } from 'vitest'
import { keyFromLabel, keyProblem, loadTransliteration } from './FieldFormModal'

describe('keyFromLabel', () => {
  it('transliterates Polish and Cyrillic labels like the API', async () => {
    await loadTransliteration()
    expect(keyFromLabel('Budżet (PLN)')).toBe('budzet_pln')
    expect(keyFromLabel('Источник')).toBe('istochnik')
    expect(keyFromLabel('2024 revenue')).toBe('f_2024_revenue')
  })
  it('says why a key cannot be saved', () => {
    expect(keyProblem('')).toMatch(/Enter a key/)
    expect(keyProblem('Bad Key')).toMatch(/lowercase/)
    expect(keyProblem('good_key')).toBeUndefined()
  })
})
