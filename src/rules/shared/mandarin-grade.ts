import type { PolicyValues } from '../../policy/schema.js'

// The order of Putonghua grades, read by the mandarin rules and by evidence.mismatch.

/** Rank of a grade or a score: 0 = the highest grade; scores map to the grade they reach. */
export function gradeRank(grade: string | number, grades: PolicyValues['mandarin']['grades']): number {
  if (typeof grade === 'number') {
    const i = grades.findIndex((g) => grade >= g.min_score)
    return i < 0 ? grades.length : i
  }
  const i = grades.findIndex((g) => g.grade === grade)
  return i < 0 ? grades.length : i
}
