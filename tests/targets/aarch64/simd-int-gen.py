#!/usr/bin/env python3
"""Writes simd-int-forms.h (the forms the Advanced SIMD integer ISA test
simd-int.c runs) and simd-int-forms.S (the same instructions, for the
disassembler's comparison with GNU objdump) from one list of instruction
forms: every integer Advanced SIMD instruction of ARMv8.0 in every element
size and both register widths, vector and scalar, loads and stores in
each addressing form.

simd-int-forms.h also holds the words of simd-int-words.txt (random
fillings of every row of the decode table, reserved encodings included),
so that Medley and QEMU agree on what is UNDEFINED too.

Run it again after changing the list: python3 simd-int-gen.py (in this
folder).  Register conventions of the forms: destination v1, sources v2
and v3, v15 and v31 for by-element operands, tables from v30 or v4;
general registers x1 (a pointer to the test's buffer for loads and
stores) and x2 (a post-index amount, or data for dup and ins).
"""
import os

L = []


def A(s):
    L.append(s)


arrs=['8b','16b','4h','8h','2s','4s','1d','2d']
def ar(es,q): return arrs[es*2+q]
sc='bhsd'
# loads/stores multiple
for op in ['ld','st']:
  for n in [1,2,3,4]:
    for es in range(4):
      for q in range(2):
        if es==3 and q==0 and n>1: continue
        regs=', '.join('v%d.%s'%((4+k)%32,ar(es,q)) for k in range(n))
        A('%s%d {%s}, [x1]'%(op,n,regs))
        A('%s%d {%s}, [x1], #%d'%(op,n,regs,(8<<q)*n))
        A('%s%d {%s}, [x1], x2'%(op,n,regs))
    if True:
      A('%s1 {v0.16b, v1.16b}, [x1]'%op)
      A('%s1 {v0.16b, v1.16b, v2.16b}, [x1], #48'%op)
      A('%s1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], x2'%op)
      A('%s1 {v31.2d, v0.2d}, [x1]'%op)
      A('%s4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x1]'%op)
  for n in [1,2,3,4]:
    for es,mx in [(0,15),(1,7),(2,3),(3,1)]:
      regs=', '.join('v%d.%s'%((4+k)%32,sc[es]) for k in range(n))
      for idx in [0,mx]:
        A('%s%d {%s}[%d], [x1]'%(op,n,regs,idx))
      A('%s%d {%s}[%d], [x1], #%d'%(op,n,regs,mx, n<<es))
      A('%s%d {%s}[1], [x1], x2'%(op,n,regs))
for n in [1,2,3,4]:
  for es in range(4):
    for q in range(2):
      regs=', '.join('v%d.%s'%((30+k)%32,ar(es,q)) for k in range(n))
      A('ld%dr {%s}, [x1]'%(n,regs))
      A('ld%dr {%s}, [x1], #%d'%(n,regs,n<<es))
      A('ld%dr {%s}, [x1], x2'%(n,regs))
# copy
for es in range(4):
  for q in range(2):
    if es==3 and q==0: continue
    A('dup v1.%s, v2.%s[%d]'%(ar(es,q),sc[es],(16>>es)-1))
    A('dup v1.%s, %s2'%(ar(es,q),'x' if es==3 else 'w'))
  A('dup v3.%s, %szr'%(ar(es,1),'x' if es==3 else 'w'))
  A('mov v1.%s[%d], %s2'%(sc[es],(16>>es)-1,'x' if es==3 else 'w'))
  A('mov v1.%s[0], v2.%s[%d]'%(sc[es],sc[es],(16>>es)-1))
  A('mov %s1, v2.%s[%d]'%(sc[es],sc[es],(16>>es)-1))
  if es<3: A('umov w1, v2.%s[1]'%sc[es])
  if es<2: A('smov w1, v2.%s[1]'%sc[es])
  if es<3: A('smov x1, v2.%s[1]'%sc[es])
A('umov x1, v2.d[1]')
A('mov v1.b[3], wzr')
# modimm
for q in range(2):
  for sh in [0,8,16,24]:
    A('movi v1.%s, #0xab, lsl #%d'%(ar(2,q),sh)); A('mvni v1.%s, #0xab, lsl #%d'%(ar(2,q),sh))
    A('orr v1.%s, #0xab, lsl #%d'%(ar(2,q),sh)); A('bic v1.%s, #0xab, lsl #%d'%(ar(2,q),sh))
  for sh in [0,8]:
    A('movi v1.%s, #0xab, lsl #%d'%(ar(1,q),sh)); A('mvni v1.%s, #0xab, lsl #%d'%(ar(1,q),sh))
    A('orr v1.%s, #0xab, lsl #%d'%(ar(1,q),sh)); A('bic v1.%s, #0xab, lsl #%d'%(ar(1,q),sh))
  for sh in [8,16]:
    A('movi v1.%s, #0xab, msl #%d'%(ar(2,q),sh)); A('mvni v1.%s, #0xab, msl #%d'%(ar(2,q),sh))
  A('movi v1.%s, #0xab'%ar(0,q)); A('movi v1.%s, #0x0'%ar(0,q))
A('movi v1.2d, #0xff00ff0000ff00ff'); A('movi d1, #0xff'); A('movi v2.2d, #0x0')
# permute ext tbl
for op in ['uzp1','trn1','zip1','uzp2','trn2','zip2']:
  for es in range(4):
    for q in range(2):
      if es==3 and q==0: continue
      A('%s v1.%s, v2.%s, v3.%s'%(op,ar(es,q),ar(es,q),ar(es,q)))
A('ext v1.16b, v2.16b, v3.16b, #15'); A('ext v1.8b, v2.8b, v3.8b, #7'); A('ext v1.8b, v2.8b, v3.8b, #0')
for op in ['tbl','tbx']:
  for n in range(1,5):
    for q in range(2):
      regs=', '.join('v%d.16b'%((30+k)%32) for k in range(n))
      A('%s v1.%s, {%s}, v2.%s'%(op,ar(0,q),regs,ar(0,q)))
      regs=', '.join('v%d.16b'%((4+k)%32) for k in range(n))
      A('%s v1.%s, {%s}, v2.%s'%(op,ar(0,q),regs,ar(0,q)))
# three same
def sizes(allow3=True, only=None):
  for es in range(4):
    if only is not None and es not in only: continue
    for q in range(2):
      if es==3 and (q==0 or not allow3): continue
      yield es,q
s3all=['sqadd','uqadd','sqsub','uqsub','cmgt','cmhi','cmge','cmhs','sshl','ushl','sqshl','uqshl','srshl','urshl','sqrshl','uqrshl','add','sub','cmtst','cmeq','addp']
s3no3=['shadd','uhadd','srhadd','urhadd','shsub','uhsub','smax','umax','smin','umin','sabd','uabd','saba','uaba','mla','mls','mul','smaxp','umaxp','sminp','uminp']
for op in s3all:
  for es,q in sizes(): A('%s v1.%s, v2.%s, v3.%s'%(op,ar(es,q),ar(es,q),ar(es,q)))
for op in s3no3:
  for es,q in sizes(False): A('%s v1.%s, v2.%s, v3.%s'%(op,ar(es,q),ar(es,q),ar(es,q)))
for q in range(2): A('pmul v1.%s, v2.%s, v3.%s'%(ar(0,q),ar(0,q),ar(0,q)))
for op in ['sqdmulh','sqrdmulh']:
  for es,q in sizes(only=[1,2]): A('%s v1.%s, v2.%s, v3.%s'%(op,ar(es,q),ar(es,q),ar(es,q)))
for op in ['and','bic','orr','orn','eor','bsl','bit','bif']:
  for q in range(2): A('%s v1.%s, v2.%s, v3.%s'%(op,ar(0,q),ar(0,q),ar(0,q)))
A('mov v1.16b, v2.16b'); A('mov v1.8b, v2.8b')
for op in ['sqadd','uqadd','sqsub','uqsub','sqshl','uqshl','sqrshl','uqrshl']:
  for es in range(4): A('%s %s1, %s2, %s3'%(op,sc[es],sc[es],sc[es]))
for op in ['cmgt','cmhi','cmge','cmhs','sshl','ushl','srshl','urshl','add','sub','cmtst','cmeq']:
  A('%s d1, d2, d3'%op)
for op in ['sqdmulh','sqrdmulh']:
  for es in [1,2]: A('%s %s1, %s2, %s3'%(op,sc[es],sc[es],sc[es]))
# three different
for op in ['saddl','uaddl','ssubl','usubl','sabal','uabal','sabdl','uabdl','smlal','umlal','smlsl','umlsl','smull','umull']:
  for es in range(3):
    for q in range(2): A('%s%s v1.%s, v2.%s, v3.%s'%(op,'2' if q else '',ar(es+1,1),ar(es,q),ar(es,q)))
for op in ['saddw','uaddw','ssubw','usubw']:
  for es in range(3):
    for q in range(2): A('%s%s v1.%s, v2.%s, v3.%s'%(op,'2' if q else '',ar(es+1,1),ar(es+1,1),ar(es,q)))
for op in ['addhn','raddhn','subhn','rsubhn']:
  for es in range(3):
    for q in range(2): A('%s%s v1.%s, v2.%s, v3.%s'%(op,'2' if q else '',ar(es,q),ar(es+1,1),ar(es+1,1)))
for op in ['sqdmlal','sqdmlsl','sqdmull']:
  for es in [1,2]:
    for q in range(2): A('%s%s v1.%s, v2.%s, v3.%s'%(op,'2' if q else '',ar(es+1,1),ar(es,q),ar(es,q)))
    A('%s %s1, %s2, %s3'%(op,sc[es+1],sc[es],sc[es]))
for q in range(2): A('pmull%s v1.8h, v2.%s, v3.%s'%('2' if q else '',ar(0,q),ar(0,q)))
# two misc
for es,q in sizes(False, [0,1,2]): A('rev64 v1.%s, v2.%s'%(ar(es,q),ar(es,q)))
for es,q in sizes(False, [0,1]): A('rev32 v1.%s, v2.%s'%(ar(es,q),ar(es,q)))
for q in range(2):
  A('rev16 v1.%s, v2.%s'%(ar(0,q),ar(0,q))); A('cnt v1.%s, v2.%s'%(ar(0,q),ar(0,q)))
  A('not v1.%s, v2.%s'%(ar(0,q),ar(0,q))); A('rbit v1.%s, v2.%s'%(ar(0,q),ar(0,q)))
for op in ['saddlp','uaddlp','sadalp','uadalp']:
  for es,q in sizes(False): A('%s v1.%s, v2.%s'%(op,ar(es+1,q),ar(es,q)))
for op in ['cls','clz']:
  for es,q in sizes(False): A('%s v1.%s, v2.%s'%(op,ar(es,q),ar(es,q)))
for op in ['suqadd','usqadd','sqabs','sqneg','abs','neg']:
  for es,q in sizes(): A('%s v1.%s, v2.%s'%(op,ar(es,q),ar(es,q)))
for op in ['urecpe','ursqrte']:
  for q in range(2): A('%s v1.%s, v2.%s'%(op,ar(2,q),ar(2,q)))
for op in ['suqadd','usqadd','sqabs','sqneg']:
  for es in range(4): A('%s %s1, %s2'%(op,sc[es],sc[es]))
A('abs d1, d2'); A('neg d1, d2')
for op in ['cmgt','cmge','cmeq','cmle','cmlt']:
  for es,q in sizes(): A('%s v1.%s, v2.%s, #0'%(op,ar(es,q),ar(es,q)))
  A('%s d1, d2, #0'%op)
for op in ['xtn','sqxtn','uqxtn','sqxtun']:
  for es in range(3):
    for q in range(2): A('%s%s v1.%s, v2.%s'%(op,'2' if q else '',ar(es,q),ar(es+1,1)))
    if op!='xtn': A('%s %s1, %s2'%(op,sc[es],sc[es+1]))
for es in range(3):
  for q in range(2): A('shll%s v1.%s, v2.%s, #%d'%('2' if q else '',ar(es+1,1),ar(es,q),8<<es))
# across
for op in ['addv','smaxv','umaxv','sminv','uminv','saddlv','uaddlv']:
  for es,q in sizes(False):
    if es==2 and q==0: continue
    A('%s %s1, v2.%s'%(op,sc[es+(1 if 'lv' in op else 0)],ar(es,q)))
A('addp d1, v2.2d')
# shifts
for op in ['sshr','ushr','ssra','usra','srshr','urshr','srsra','ursra','sri']:
  for es,q in sizes():
    for sh in [1,8<<es]: A('%s v1.%s, v2.%s, #%d'%(op,ar(es,q),ar(es,q),sh))
  for sh in [1,64]: A('%s d1, d2, #%d'%(op,sh))
for op in ['shl','sli','sqshl','uqshl','sqshlu']:
  for es,q in sizes():
    for sh in [0,(8<<es)-1]: A('%s v1.%s, v2.%s, #%d'%(op,ar(es,q),ar(es,q),sh))
  if op in ['shl','sli']:
    A('%s d1, d2, #63'%op); A('%s d1, d2, #0'%op)
  else:
    for es in range(4): A('%s %s1, %s2, #%d'%(op,sc[es],sc[es],(8<<es)-1))
for op in ['shrn','rshrn','sqshrn','sqrshrn','uqshrn','uqrshrn','sqshrun','sqrshrun']:
  for es in range(3):
    for q in range(2):
      for sh in [1,8<<es]: A('%s%s v1.%s, v2.%s, #%d'%(op,'2' if q else '',ar(es,q),ar(es+1,1),sh))
    if op not in ['shrn','rshrn']: A('%s %s1, %s2, #%d'%(op,sc[es],sc[es+1],(8<<es)))
for op in ['sshll','ushll']:
  for es in range(3):
    for q in range(2):
      for sh in [0,3,(8<<es)-1]: A('%s%s v1.%s, v2.%s, #%d'%(op,'2' if q else '',ar(es+1,1),ar(es,q),sh))
A('sxtl v1.8h, v2.8b'); A('uxtl2 v1.2d, v2.4s')
# by element
for op in ['mul','mla','mls','sqdmulh','sqrdmulh']:
  for es,q in sizes(only=[1,2]):
    mx=7 if es==1 else 3; vm=15 if es==1 else 31
    A('%s v1.%s, v2.%s, v%d.%s[%d]'%(op,ar(es,q),ar(es,q),vm,sc[es],mx))
    A('%s v1.%s, v2.%s, v%d.%s[%d]'%(op,ar(es,q),ar(es,q),3,sc[es],1))
for op in ['smlal','umlal','smlsl','umlsl','smull','umull','sqdmlal','sqdmlsl','sqdmull']:
  for es,q in sizes(only=[1,2]):
    mx=7 if es==1 else 3; vm=15 if es==1 else 31
    A('%s%s v1.%s, v2.%s, v%d.%s[%d]'%(op,'2' if q else '',ar(es+1,1),ar(es,q),vm,sc[es],mx))
for es in [1,2]:
  for op in ['sqdmulh','sqrdmulh']: A('%s %s1, %s2, v3.%s[1]'%(op,sc[es],sc[es],sc[es]))
  for op in ['sqdmlal','sqdmlsl','sqdmull']: A('%s %s1, %s2, v3.%s[1]'%(op,sc[es+1],sc[es],sc[es]))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, 'simd-int-words.txt')) as f:
        words = [l.strip() for l in f if l.strip() and not l.startswith('#')]
    forms = len(L)
    L.extend('.inst 0x%s' % w for w in words)
    with open(os.path.join(here, 'simd-int-forms.S'), 'w') as f:
        f.write('// Written by simd-int-gen.py: every form of simd-int.c, for\n'
                '// test-aarch64-simd-objdump.py.\n')
        f.write(''.join('\t%s\n' % s for s in L[:forms]))
    with open(os.path.join(here, 'simd-int-forms.h'), 'w') as f:
        f.write('/* Written by simd-int-gen.py: the instruction forms simd-int.c runs,\n'
                ' * X (number, text, kind), and a stub for each. */\n')
        f.write('/* clang-format off */\n#define FORMS(X) \\\n')
        for k, s in enumerate(L):
            kind = 1 if s.split()[0][:2] in ('ld', 'st') else 2 if s.startswith('.inst') else 0
            f.write('  X (%d, "%s", %d) \\\n' % (k, s, kind))
        f.write('\n#define STUB(n, text, m) \\\n'
                '  __asm__ (".pushsection .text\\n.p2align 2\\nstub" #n ":\\n\\t" text "\\n\\tret\\n.popsection");\n'
                'FORMS (STUB)\n'
                '#define DECLARE(n, text, m) void stub##n (void);\n'
                'FORMS (DECLARE)\n/* clang-format on */\n')


main()
