#!/usr/bin/env python3
"""Writes simd-int.c (the Advanced SIMD integer ISA test) and
simd-int-forms.S (the same instructions, for the disassembler's
comparison with GNU objdump) from one list of instruction forms: every
integer Advanced SIMD instruction of ARMv8.0 in every element size and
both register widths, vector and scalar, loads and stores in each
addressing form.

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


HEADER = r'''/* Advanced SIMD integer: every instruction form of simd-int-gen.py (which
 * writes this file; edit the generator, not this file) run over edge
 * values, its results folded into one printed hash per form; QEMU's are
 * the reference (diff-run.py).  Then the by-hand checks, the CPACR_EL1
 * trap and structure accesses faulting part way.
 *
 * Each form is a stub ("insn; ret") called with v0-v7, v15, v30, v31,
 * x1 and x2 loaded: the registers come from a table of 64-bit edge
 * values (signed and unsigned limits, sign bits in every lane, small
 * shift counts both ways, byte indices for tbl), so that every element
 * size meets saturation, overflow and the upper half a 64-bit form must
 * clear.  FPSR (QC) is folded in; loads and stores also fold the buffer
 * and the written-back base.
 */
#include "test.h"

'''

BODY = r'''
typedef struct {
  const char *name;
  void (*fn) (void);
  int mem; /* loads and stores: fold the buffer and the base */
} Form;

#define ENTRY(n, text, m) { text, stub##n, m },
static const Form forms[] = { FORMS (ENTRY) };

static const u64 edge[] = {
  0x0000000000000000, 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff,
  0x0123456789abcdef, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f, 0x0001000100010001,
  0x80007fff8000ffff, 0xfedcba9876543210, 0x00000001ffffffff, 0x5555aaaa3333cccc,
  0x0102030405060708, 0x40c0ff01807f20e0, 0x1f0e3f1d0f071e3c, 0x8000000080000000,
};
#define NE (sizeof edge / sizeof edge[0])

/* v0-v7, v15, v30, v31 in and out, then fpsr, x1, x2. */
static u64 regs[11 * 2 + 3] __attribute__ ((aligned (16)));
static unsigned char buf[512] __attribute__ ((aligned (16)));
static u64 hash;

static void
mix (u64 v)
{
  hash = (hash ^ v) * 0x100000001b3ull;
}

static void
call (void (*fn) (void))
{
  __asm__ volatile("mov x10, %0\n\t"
                   "ldp q0, q1, [x10]\n\tldp q2, q3, [x10, #32]\n\t"
                   "ldp q4, q5, [x10, #64]\n\tldp q6, q7, [x10, #96]\n\t"
                   "ldr q15, [x10, #128]\n\tldp q30, q31, [x10, #144]\n\t"
                   "ldp x1, x2, [x10, #184]\n\t"
                   "msr fpsr, xzr\n\t"
                   "blr %1\n\t"
                   "mov x10, %0\n\t"
                   "stp q0, q1, [x10]\n\tstp q2, q3, [x10, #32]\n\t"
                   "stp q4, q5, [x10, #64]\n\tstp q6, q7, [x10, #96]\n\t"
                   "str q15, [x10, #128]\n\tstp q30, q31, [x10, #144]\n\t"
                   "mrs x9, fpsr\n\tstr x9, [x10, #176]\n\tstp x1, x2, [x10, #184]"
                   :
                   : "r"(regs), "r"(fn)
                   : "x1", "x2", "x9", "x10", "x30", "v0", "v1", "v2", "v3", "v4", "v5", "v6",
                     "v7", "v15", "v30", "v31", "memory");
}

static void
run (const Form *f)
{
  unsigned n = f->mem ? 4 : NE;

  hash = 0xcbf29ce484222325ull;
  for (unsigned i = 0; i < n; i++)
    for (unsigned j = 0; j < n; j++) {
      for (unsigned r = 0; r < 11; r++) {
        regs[2 * r] = edge[(i + 3 * r) % NE];
        regs[2 * r + 1] = edge[(j + 7 * r + 1) % NE] ^ ((u64) r << 40);
      }
      if (((i ^ j) & 3) == 0) { /* v3 = v2: equal operands */
        regs[6] = regs[4];
        regs[7] = regs[5];
      }
      regs[22] = 0;
      if (f->mem) {
        for (unsigned k = 0; k < sizeof buf; k++)
          buf[k] = (unsigned char) (k * 37 + i * 11 + j);
        regs[23] = (u64) (buf + 128);
        regs[24] = 16 * (j + 1);
      } else {
        regs[23] = edge[(i + 5) % NE];
        regs[24] = edge[(j + 9) % NE];
      }
      call (f->fn);
      for (unsigned r = 0; r < 22; r++)
        mix (regs[r]);
      mix (regs[22]);
      if (f->mem) {
        mix (regs[23] - (u64) buf);
        for (unsigned k = 0; k < sizeof buf; k += 8) {
          u64 w = 0;
          for (unsigned b = 0; b < 8; b++)
            w |= (u64) buf[k + b] << (8 * b);
          mix (w);
        }
      } else {
        mix (regs[23]);
      }
    }
  puts_ (f->name);
  puts_ (" = ");
  puthex (hash);
  puts_ ("\n");
}

static volatile u64 traps, trap_esr, trap_far;

static void
trap (int kind, Frame *f)
{
  (void) f, (void) kind;
  trap_esr = SYSREG_READ (esr_el1);
  trap_far = SYSREG_READ (far_el1);
  traps++;
  SYSREG_WRITE (elr_el1, SYSREG_READ (elr_el1) + 4);
}

/* By-hand checks: known results, so that the isa suite (Medley alone)
 * catches a wrong answer too. */
static void
by_hand (void)
{
  static const u64 in[2] __attribute__ ((aligned (16))) = { 0x0807060504030201,
                                                            0x100f0e0d0c0b0a09 };
  u64 lo, hi, f;

  __asm__ volatile("ldr q0, [%2]\n\tadd v1.16b, v0.16b, v0.16b\n\tmov %0, v1.d[0]\n\t"
                   "mov %1, v1.d[1]"
                   : "=r"(lo), "=r"(hi)
                   : "r"(in)
                   : "v0", "v1", "memory");
  CHECK (1, lo == 0x100e0c0a08060402 && hi == 0x201e1c1a18161412);
  __asm__ volatile("movi v0.16b, #0xf0\n\tmsr fpsr, xzr\n\tuqadd v1.8b, v0.8b, v0.8b\n\t"
                   "mov %0, v1.d[0]\n\tmov %1, v1.d[1]\n\tmrs %2, fpsr"
                   : "=r"(lo), "=r"(hi), "=r"(f)
                   :
                   : "v0", "v1");
  CHECK (2, lo == ~0ull && hi == 0 && f == (1u << 27));
  __asm__ volatile("ldr q0, [%2]\n\taddv b1, v0.16b\n\tumov %w0, v1.b[0]\n\t"
                   "uzp1 v2.16b, v0.16b, v0.16b\n\tmov %1, v2.d[1]"
                   : "=r"(lo), "=r"(hi)
                   : "r"(in)
                   : "v0", "v1", "v2", "memory");
  CHECK (3, lo == 136 && hi == 0x0f0d0b0907050301);
  __asm__ volatile("ldr q0, [%2]\n\tld4r {v4.4s-v7.4s}, [%2]\n\tmov %0, v7.d[1]\n\t"
                   "tbl v1.8b, {v0.16b}, v0.8b\n\tmov %1, v1.d[0]"
                   : "=r"(lo), "=r"(hi)
                   : "r"(in)
                   : "v0", "v1", "v4", "v5", "v6", "v7", "memory");
  CHECK (4, lo == 0x100f0e0d100f0e0d && hi == 0x0908070605040302);
}

/* A structure access that runs off the end of RAM part way: the abort
 * names the first element outside, the base is not written back. */
static void
faults (void)
{
  u64 base = 0x48000000 - 32, x;

  on_exception (trap);
  traps = 0;
  __asm__ volatile("mov x1, %1\n\tld1 {v0.16b-v3.16b}, [x1], #64\n\tmov %0, x1"
                   : "=r"(x)
                   : "r"(base)
                   : "x1", "v0", "v1", "v2", "v3", "memory");
  P ("ld1 off the end: traps", traps);
  P ("esr", trap_esr);
  P ("far", trap_far);
  P ("base", x);
  for (unsigned k = 0; k < 32; k += 8)
    *(volatile u64 *) (base + k) = 0;
  __asm__ volatile("movi v4.16b, #0x5a\n\tmovi v5.16b, #0xa5\n\tmov x1, %1\n\t"
                   "st2 {v4.2d, v5.2d}, [x1]\n\tadd x1, x1, #16\n\t"
                   "st4 {v4.4s-v7.4s}, [x1]\n\tmov %0, x1"
                   : "=r"(x)
                   : "r"(base)
                   : "x1", "v4", "v5", "memory");
  P ("st4 off the end: traps", traps);
  P ("esr", trap_esr);
  P ("far", trap_far);
  P ("base", x);
  for (unsigned k = 0; k < 32; k += 8)
    P ("written", *(volatile u64 *) (base + k));

  /* CPACR_EL1.FPEN = 0: Advanced SIMD traps with EC 0x07 */
  u64 cpacr = SYSREG_READ (cpacr_el1);
  SYSREG_WRITE (cpacr_el1, cpacr & ~(3ull << 20));
  __asm__ volatile("add v0.4s, v1.4s, v2.4s\n\tld1 {v0.16b}, [sp]\n\tdup v0.8b, w0" ::
                     : "v0", "memory");
  SYSREG_WRITE (cpacr_el1, cpacr);
  P ("fpen traps", traps);
  P ("esr", trap_esr);
  on_exception (0);
}

int
main (void)
{
  u64 cpacr = SYSREG_READ (cpacr_el1);
  SYSREG_WRITE (cpacr_el1, cpacr | (3 << 20));

  for (unsigned k = 0; k < sizeof forms / sizeof forms[0]; k++)
    run (&forms[k]);
  by_hand ();
  faults ();
  return failed;
}
'''


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, 'simd-int-forms.S'), 'w') as f:
        f.write('// Written by simd-int-gen.py: every form of simd-int.c, for\n'
                '// test-aarch64-simd-objdump.py.\n')
        f.write(''.join('\t%s\n' % s for s in L))
    with open(os.path.join(here, 'simd-int.c'), 'w') as f:
        f.write(HEADER)
        f.write('/* clang-format off */\n#define FORMS(X) \\\n')
        for k, s in enumerate(L):
            mem = 1 if s.split()[0][:2] in ('ld', 'st') else 0
            f.write('  X (%d, "%s", %d) \\\n' % (k, s, mem))
        f.write('\n#define STUB(n, text, m) \\\n'
                '  __asm__ (".pushsection .text\\n.p2align 2\\nstub" #n ":\\n\\t" text "\\n\\tret\\n.popsection");\n'
                'FORMS (STUB)\n'
                '#define DECLARE(n, text, m) void stub##n (void);\n'
                'FORMS (DECLARE)\n/* clang-format on */\n')
        f.write(BODY)


main()
