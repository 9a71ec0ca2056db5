import { z } from '../util/zod.js'
import { isIsoDate } from '../policy/dates.js'

// The manifest format, version 1 (shared/MANIFEST.md). One zod schema gives the runtime check,
// the TypeScript types and the published JSON Schema (`zhicheng-check schema`).
// Values that policies decide (series, title, application path, employer type) are plain strings
// here and are judged by rules against the policy, so a new policy needs no new schema.
// Most sections are optional: a missing diploma or attachment is a rule's finding, worded for the
// applicant, not a schema error.

const date = z.string().refine(isIsoDate, { message: 'date' }).meta({ format: 'date', examples: ['2024-07-22'] })
const relPath = z.string().min(1).meta({ description: '相对于申报包文件夹的路径，用 / 分隔' })
const text = z.string()

export const MANDARIN_GRADES = ['一级甲等', '一级乙等', '二级甲等', '二级乙等', '三级甲等', '三级乙等'] as const
export const POSTS = ['播音员主持人', '汉语播音员主持人', '其他'] as const
export const EDUCATION_LEVELS = ['博士研究生', '硕士研究生', '本科', '大专', '中专'] as const
export const VERIFICATION_KINDS = ['学历证书电子注册备案表', '学籍在线验证报告', '毕业生登记表'] as const
export const DEFENSE_EXEMPTIONS = ['驻村', '驻村宗教', '南疆学前教育支教', '内地服务管理', '合作社', '村两委', '挂职兼职', '离岗创新创业'] as const

const ceItem = z
  .object({
    hours: z.number().min(0).meta({ description: '学时' }),
    certificate: relPath.optional().meta({ description: '手动上传的合格证书扫描件' }),
    source: z.literal('system').optional().meta({ description: 'system = 从平台（系统）获取，无需上传文件' }),
  })
  .strict()

const ceYear = z.object({ public: ceItem.optional(), professional: ceItem.optional() }).strict()

export const manifestSchema = z
  .object({
    version: z.literal(1),
    policy: z.string().optional().meta({ description: '按哪个政策检查，如 aksu-2024' }),
    applicant: z
      .object({
        name: text.min(1).meta({ description: '姓名：只用于在文件中查找未遮盖的姓名' }),
        name_variants: z.array(text).optional(),
        employer: text.min(1).meta({ description: '工作单位' }),
        employer_variants: z.array(text).optional(),
        id_number: z
          .string()
          .regex(/^\s*(?:\d\s*){17}[\dXx]\s*$/u, { message: 'id_number' })
          .optional()
          .meta({ description: '身份证号（可选）：只用于在文件中查找未遮盖的身份证号，报告中从不显示', examples: ['652901198001011234'] }),
        phone: z
          .string()
          .regex(/^\+?[\d\s-]{7,20}$/u, { message: 'phone' })
          .optional()
          .meta({ description: '本人电话（可选）：只用于在文件中查找，报告中从不显示', examples: ['13812345678'] }),
        email: z
          .string()
          .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/u, { message: 'email' })
          .optional()
          .meta({ description: '本人电子邮箱（可选）：只用于在文件中查找，报告中从不显示', examples: ['someone@example.com'] }),
        employer_type: text.meta({ examples: ['事业单位', '企业'] }),
        series: text.meta({ examples: ['新闻', '文学创作', '出版'] }),
        title: text.meta({ description: '申报职称名称', examples: ['主任编辑'] }),
        post: z.enum(POSTS).optional().meta({ description: '岗位，决定普通话最低等级（默认 其他）' }),
        path: z.union([text, z.array(text)]).meta({ description: '申报方式', examples: ['定向评价', '推荐自治区'] }),
        work_start: date.optional().meta({ description: '参加工作时间' }),
        current_title: z
          .object({ title: text, obtained: date, appointed: date.optional() })
          .strict()
          .optional()
          .meta({ description: '现有职称（首次申报可不填）' }),
      })
      .strict(),
    education: z
      .object({
        level: z.enum(EDUCATION_LEVELS),
        graduated: date.optional(),
        diploma: relPath.optional(),
        degree: relPath.optional(),
        verification: z
          .object({
            kind: z.enum(VERIFICATION_KINDS),
            file: relPath.optional(),
            code: text.optional().meta({ description: '在线验证码' }),
            valid_until: date.optional().meta({ description: '报告有效期至' }),
            unavailable_reason: text.optional().meta({ description: '学信网查询不到的原因（用毕业生登记表时必填）' }),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    continuing_education: z
      .object({
        exemption: z
          .object({ years: z.array(z.number().int()).min(1), reason: text.optional(), file: relPath.optional() })
          .strict()
          .optional()
          .meta({ description: '免继续教育（附件4）' }),
        years: z.record(z.string().regex(/^\d{4}$/), ceYear).optional(),
      })
      .strict()
      .optional(),
    mandarin: z
      .object({
        grade: z.union([z.enum(MANDARIN_GRADES), z.number().min(0).max(100)]),
        certificate: relPath.optional(),
      })
      .strict()
      .optional(),
    redaction: z
      .object({
        name: z.boolean().optional(),
        photo: z.boolean().optional(),
        employer: z.boolean().optional(),
        classified_material: z.enum(['none', 'declassified', 'classified']).optional(),
      })
      .strict()
      .optional(),
    attachments: z
      .object({
        unit_publicity: relPath.optional(),
        publicity_result: relPath.optional(),
        recommendation: relPath.optional(),
        commitment: relPath.optional(),
      })
      .strict()
      .optional(),
    publicity: z.object({ start: date, end: date, objections: z.boolean().optional() }).strict().optional(),
    defense: z
      // The reasons are the policy's (defense.exemption_reasons), judged by defense.required: an enum
      // here would reject a new notice's reasons and keep defense.required from saying which it accepts.
      .object({ exemption: text.optional().meta({ description: '免答辩情形', examples: [...DEFENSE_EXEMPTIONS] }), proof: relPath.optional() })
      .strict()
      .optional(),
    submission: z
      .object({
        history: z.array(z.object({ submitted: date, returned: date.optional() }).strict()).optional(),
        fee_paid: date.optional(),
      })
      .strict()
      .optional(),
    achievements: z.array(z.object({ title: text, file: relPath.optional() }).strict()).optional(),
    // Findings accepted on purpose, each with its reason: a matching finding becomes an info that
    // shows the reason. Errors the notice makes absolute cannot be accepted (manifest.accepted).
    accepted: z
      .array(
        z
          .object({
            rule: z.string().regex(/^[a-z]+\.[a-z][a-z-]*$/).meta({ description: '规则 ID，如 publicity.before-notice' }),
            file: relPath.optional().meta({ description: '只接受这个文件上的发现（报告“位置”里的路径）' }),
            field: z.string().min(1).optional().meta({ description: '只接受这个清单字段（及其下各项）上的发现，如 publicity.end' }),
            reason: z.string().trim().min(1).meta({ description: '为什么接受（报告里显示）' }),
          })
          .strict(),
      )
      .optional()
      .meta({ description: '有意接受的发现（规则 ID、文件或字段、理由）' }),
  })
  .strict()
  .meta({ title: 'zhicheng-check manifest, version 1', description: '职称申报包清单（manifest.yaml / 申报.yaml）' })

export type ManifestData = z.infer<typeof manifestSchema>

export function manifestJsonSchema(): object {
  return z.toJSONSchema(manifestSchema, { target: 'draft-2020-12', io: 'input' })
}
