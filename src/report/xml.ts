// JUnit XML, written one way for every command that writes it (check, batch, policy test, diff,
// lint): one escaper with one rule for what XML cannot hold, one shape of <testsuites>,
// <testsuite>, <testcase>. No time or timestamp: the same input gives the same bytes.

/** Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F): shown as U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text content: what XML cannot hold replaced, & < > escaped. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
}

/** A double-quoted attribute value: as text, and the quote and the white space a parser would fold kept as references. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}

export interface JunitFault {
  message: string
  type: string
  body: string
}

export interface JunitCase {
  name: string
  classname: string
  /** A failed check (an error finding, a difference). */
  failure?: JunitFault
  /** The case could not be run (a package that could not be checked). */
  error?: JunitFault
  /** What passed with a remark (warnings, notes). */
  systemOut?: string
}

export interface JunitSuite {
  name: string
  /** Suite properties, in order (the policy, the day judged by). */
  properties?: ReadonlyArray<readonly [string, string]>
  cases: readonly JunitCase[]
}

interface Counts {
  tests: number
  failures: number
  errors: number
}

const countsOf = (cases: readonly JunitCase[]): Counts => ({
  tests: cases.length,
  failures: cases.filter((c) => c.failure).length,
  errors: cases.filter((c) => c.error).length,
})
const countAttrs = (c: Counts) => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}"`

function renderCase(c: JunitCase): string {
  const open = `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(c.classname)}"`
  const inner = [
    ...(c.error ? [`      <error message="${xmlAttr(c.error.message)}" type="${xmlAttr(c.error.type)}">${xmlText(c.error.body)}</error>`] : []),
    ...(c.failure ? [`      <failure message="${xmlAttr(c.failure.message)}" type="${xmlAttr(c.failure.type)}">${xmlText(c.failure.body)}</failure>`] : []),
    ...(c.systemOut !== undefined ? [`      <system-out>${xmlText(c.systemOut)}</system-out>`] : []),
  ]
  return inner.length === 0 ? `${open}/>` : [`${open}>`, ...inner, '    </testcase>'].join('\n')
}

function renderSuite(s: JunitSuite): string {
  const props = s.properties ?? []
  return [
    `  <testsuite name="${xmlAttr(s.name)}" ${countAttrs(countsOf(s.cases))} skipped="0">`,
    ...(props.length > 0 ? ['    <properties>', ...props.map(([k, v]) => `      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>`), '    </properties>'] : []),
    ...s.cases.map(renderCase),
    '  </testsuite>',
  ].join('\n')
}

/** The whole document: <testsuites name> with the totals of its suites. */
export function renderJunitXml(name: string, suites: readonly JunitSuite[]): string {
  const total = suites.map((s) => countsOf(s.cases)).reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors }), { tests: 0, failures: 0, errors: 0 })
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlAttr(name)}" ${countAttrs(total)}>`, ...suites.map(renderSuite), '</testsuites>', ''].join('\n')
}
