// A faster Concat for tfjs's WASM backend, with the same output bytes.
//
// face-api normalises every detector input by subtracting the mean colour, built as three
// [1, 416, 416, 1] tensors concatenated on the last axis (face-api's normalize). The WASM backend
// concatenates one `subarray` + `set` per run of each input: 3 × 173 056 runs of one value for a
// 416 px input, about a third of the face check's CPU on a cold check of the bench's package.
// Where every run is short, the values are copied one by one instead, in the same order into the
// same output: the tensor is identical, only the copy is cheaper. Anything else is left to tfjs.

interface TensorInfoLike {
  dataId: object
  shape: number[]
  dtype: string
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: string): TensorInfoLike
  typedArrayFromHeap(t: TensorInfoLike): Float32Array | Int32Array | Uint8Array
}

interface KernelConfigLike {
  kernelFunc: (args: { inputs: TensorInfoLike[]; backend: WasmBackendLike; attrs: { axis: number | number[] } }) => TensorInfoLike
}

/** Runs up to this many values are copied one by one; longer ones keep tfjs's `set`. */
const SHORT_RUN = 16

/** Wraps the WASM backend's Concat kernel (once) with the one-by-one copy for short runs. */
export function speedUpConcat(getKernel: (name: string, backend: string) => unknown): void {
  const kernel = getKernel('Concat', 'wasm') as (KernelConfigLike & { zcFast?: true }) | undefined
  if (!kernel || kernel.zcFast) return
  const tfjs = kernel.kernelFunc
  kernel.kernelFunc = (args) => shortRunConcat(args.inputs, args.backend, args.attrs.axis) ?? tfjs(args)
  kernel.zcFast = true
}

/** The concatenation when every input is numeric, of one dtype and shape but on `axis`, with short runs; else null. */
function shortRunConcat(inputs: TensorInfoLike[], backend: WasmBackendLike, axisAttr: number | number[]): TensorInfoLike | null {
  if (inputs.length < 2 || typeof axisAttr !== 'number') return null
  const first = inputs[0]!
  const rank = first.shape.length
  const axis = axisAttr < 0 ? axisAttr + rank : axisAttr
  if (axis < 0 || axis >= rank) return null
  if (first.dtype !== 'float32' && first.dtype !== 'int32') return null
  const inner: number[] = []
  for (const t of inputs) {
    if (t.dtype !== first.dtype || t.shape.length !== rank) return null
    for (let d = 0; d < rank; d++) if (d !== axis && t.shape[d] !== first.shape[d]) return null
    const size = t.shape.slice(axis).reduce((a, b) => a * b, 1)
    if (size <= 0 || size > SHORT_RUN) return null
    inner.push(size)
  }
  const outShape = first.shape.slice()
  outShape[axis] = inputs.reduce((sum, t) => sum + t.shape[axis]!, 0)
  const outer = first.shape.slice(0, axis).reduce((a, b) => a * b, 1)
  const out = backend.makeOutput(outShape, first.dtype)
  const to = backend.typedArrayFromHeap(out)
  const from = inputs.map((t) => backend.typedArrayFromHeap(t))
  let o = 0
  for (let b = 0; b < outer; b++) {
    for (let i = 0; i < from.length; i++) {
      const src = from[i]!
      const n = inner[i]!
      for (let k = 0, at = b * n; k < n; k++) to[o++] = src[at + k]!
    }
  }
  return out
}
