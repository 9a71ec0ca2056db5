import { z } from 'zod'

// zod, configured once for the whole tool. jitless: zod would otherwise compile each object
// schema with `new Function` on its first parse, which pays off after thousands of parses; a
// check parses one manifest and one policy, and the compile was a tenth of a warm check.
z.config({ jitless: true })

export { z }
