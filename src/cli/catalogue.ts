import { catalogueOf } from '../report/catalogue.js'
import { RULES } from '../rules/index.js'

/** The rules' meta for the reporters (they take it, they never import the registry): built once. */
export const CATALOGUE = catalogueOf(RULES)
