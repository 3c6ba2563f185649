/* The x86-64 emitter of the translating tier: the one backend every
 * architecture's frontend writes host code through.
 *
 * A frontend lowers each guest instruction into a handful of calls here
 * (load a guest register from the CPU state, an ALU operation, a compare
 * and branch, a call of a C helper); the emitter knows the encodings and
 * nothing of any guest.  Calls append to an MdlJitAsm, which writes into
 * the writable view of the code memory and computes jump distances in the
 * executable view (engine/jit-cache.c hands both out).  Writing past the
 * end sets @overflow and writes nothing more: the caller then flushes the
 * cache and translates again.
 *
 * Register convention inside translated code (set up by the cache's
 * entry trampoline, callee-saved so that helper calls keep them):
 *   MDL_X86_STATE  (rbx)  the CPU state (the target's struct)
 *   MDL_X86_COUNT  (r12)  instructions dispatched so far in this run()
 * rax, rcx, rdx, rsi, rdi, r8-r11 are scratch; r13, r14 and r15 belong
 * to the trampoline (r13 only saved: the budget is read from the CPU
 * state, where another thread's kick clears it).  The stack is 16-byte
 * aligned, so helpers may be called directly.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
  MDL_X86_RAX, MDL_X86_RCX, MDL_X86_RDX, MDL_X86_RBX,
  MDL_X86_RSP, MDL_X86_RBP, MDL_X86_RSI, MDL_X86_RDI,
  MDL_X86_R8, MDL_X86_R9, MDL_X86_R10, MDL_X86_R11,
  MDL_X86_R12, MDL_X86_R13, MDL_X86_R14, MDL_X86_R15,
} MdlX86Reg;

#define MDL_X86_STATE  MDL_X86_RBX
#define MDL_X86_COUNT  MDL_X86_R12

/* The group-1 ALU operations, numbered as their ModRM /digit. */
typedef enum {
  MDL_X86_ADD = 0, MDL_X86_OR = 1, MDL_X86_ADC = 2, MDL_X86_AND = 4, MDL_X86_SUB = 5,
  MDL_X86_XOR = 6, MDL_X86_CMP = 7,
} MdlX86Alu;

/* Shifts, numbered as their ModRM /digit. */
typedef enum {
  MDL_X86_ROR = 1, MDL_X86_SHL = 4, MDL_X86_SHR = 5, MDL_X86_SAR = 7,
} MdlX86Shift;

/* The group-3 one-operand operations, numbered as their ModRM /digit:
 * mul, imul, div and idiv work on rdx:rax. */
typedef enum {
  MDL_X86_NOT = 2, MDL_X86_NEG = 3, MDL_X86_MUL = 4, MDL_X86_IMUL1 = 5,
  MDL_X86_DIV = 6, MDL_X86_IDIV = 7,
} MdlX86Unary;

/* Condition codes (the low nibble of Jcc / SETcc). */
typedef enum {
  MDL_X86_CC_O = 0x0, MDL_X86_CC_NO = 0x1,
  MDL_X86_CC_B = 0x2, MDL_X86_CC_AE = 0x3, MDL_X86_CC_E = 0x4, MDL_X86_CC_NE = 0x5,
  MDL_X86_CC_BE = 0x6, MDL_X86_CC_A = 0x7, MDL_X86_CC_S = 0x8, MDL_X86_CC_NS = 0x9,
  MDL_X86_CC_L = 0xc, MDL_X86_CC_GE = 0xd, MDL_X86_CC_LE = 0xe, MDL_X86_CC_G = 0xf,
} MdlX86Cond;

typedef struct {
  uint8_t *rw;        /* where bytes are written */
  uint8_t *rx;        /* the same bytes as they will execute */
  size_t   pos, cap;
  bool     overflow;
} MdlJitAsm;

/* The executable address of the next byte. */
static inline uint8_t *
mdl_x86_here (const MdlJitAsm *a)
{
  return a->rx + a->pos;
}

/* @w64: a 64-bit operation (else 32-bit, which zero-extends the result
 * into the full register, as the hardware does). */
void mdl_x86_mov_rr   (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src);
/* dst = @imm, in the shortest encoding that gives the 64-bit value. */
void mdl_x86_mov_ri   (MdlJitAsm *a, MdlX86Reg dst, uint64_t imm);
/* dst = @size bytes at [base + disp], zero- or sign-extended to 64 bits. */
void mdl_x86_load     (MdlJitAsm *a, unsigned size, bool sign, MdlX86Reg dst,
                       MdlX86Reg base, int32_t disp);
/* The same at [base + index]. */
void mdl_x86_load_idx (MdlJitAsm *a, unsigned size, bool sign, MdlX86Reg dst,
                       MdlX86Reg base, MdlX86Reg index);
/* [base + disp] = the low @size bytes of src. */
void mdl_x86_store    (MdlJitAsm *a, unsigned size, MdlX86Reg src, MdlX86Reg base,
                       int32_t disp);
void mdl_x86_store_idx (MdlJitAsm *a, unsigned size, MdlX86Reg src, MdlX86Reg base,
                        MdlX86Reg index);
/* dst = dst OP src / imm / [base + disp]. */
void mdl_x86_alu_rr   (MdlJitAsm *a, MdlX86Alu op, bool w64, MdlX86Reg dst, MdlX86Reg src);
void mdl_x86_alu_ri   (MdlJitAsm *a, MdlX86Alu op, bool w64, MdlX86Reg dst, int32_t imm);
void mdl_x86_alu_rm   (MdlJitAsm *a, MdlX86Alu op, bool w64, MdlX86Reg dst, MdlX86Reg base,
                       int32_t disp);
/* dst = dst * src (the low half, signed or not alike). */
void mdl_x86_imul_rr  (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src);
/* A group-3 operation on @r. */
void mdl_x86_unary    (MdlJitAsm *a, MdlX86Unary op, bool w64, MdlX86Reg r);
/* bsr (dst undefined, ZF set, when src is 0) and bswap */
void mdl_x86_bsr      (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src);
void mdl_x86_bswap    (MdlJitAsm *a, bool w64, MdlX86Reg r);
/* rdx = the sign of rax (cdq / cqo), before idiv. */
void mdl_x86_sign_ax  (MdlJitAsm *a, bool w64);
/* Sets the flags of a AND b. */
void mdl_x86_test_rr  (MdlJitAsm *a, bool w64, MdlX86Reg r1, MdlX86Reg r2);
/* Compares the byte at [base + disp] with @imm. */
void mdl_x86_cmp_m8_i (MdlJitAsm *a, MdlX86Reg base, int32_t disp, uint8_t imm);
/* dst <<= / >>= imm, or by cl. */
void mdl_x86_shift_ri (MdlJitAsm *a, MdlX86Shift op, bool w64, MdlX86Reg dst, uint8_t imm);
void mdl_x86_shift_cl (MdlJitAsm *a, MdlX86Shift op, bool w64, MdlX86Reg dst);
/* dst = 1 when @cc holds, else 0 (all 64 bits). */
void mdl_x86_setcc    (MdlJitAsm *a, MdlX86Cond cc, MdlX86Reg dst);
/* dst = the low 32 bits of src, sign-extended. */
void mdl_x86_movsxd   (MdlJitAsm *a, MdlX86Reg dst, MdlX86Reg src);
/* dst = src + disp (64-bit lea). */
void mdl_x86_lea      (MdlJitAsm *a, MdlX86Reg dst, MdlX86Reg src, int32_t disp);

/* Forward jumps: emit with a placeholder, returning where its distance
 * goes, and point it at the current position later. */
size_t mdl_x86_jcc_fwd (MdlJitAsm *a, MdlX86Cond cc);
size_t mdl_x86_jmp_fwd (MdlJitAsm *a);
void   mdl_x86_bind    (MdlJitAsm *a, size_t fixup);
/* Jumps to a known executable address (within 2 GiB). */
void   mdl_x86_jmp_to  (MdlJitAsm *a, const void *target);
/* Calls @fn (anywhere) through rax: the arguments are in rdi, rsi, rdx,
 * rcx, r8, r9 as the System V ABI says; the result comes back in rax. */
void   mdl_x86_call    (MdlJitAsm *a, const void *fn);
void   mdl_x86_push    (MdlJitAsm *a, MdlX86Reg r);
void   mdl_x86_pop     (MdlJitAsm *a, MdlX86Reg r);
void   mdl_x86_ret     (MdlJitAsm *a);
void   mdl_x86_jmp_r   (MdlJitAsm *a, MdlX86Reg r);
/* Jumps to the address stored at [base + disp]. */
void   mdl_x86_jmp_m   (MdlJitAsm *a, MdlX86Reg base, int32_t disp);
/* rcx = the executable address @target (rip-relative lea). */
void   mdl_x86_lea_rip (MdlJitAsm *a, MdlX86Reg dst, const void *target);

/* Tests the byte at [base + disp] against @imm (ZF: no bit in common). */
void   mdl_x86_test_m8_i (MdlJitAsm *a, MdlX86Reg base, int32_t disp, uint8_t imm);
/* [base + disp] = [base + disp] OP @imm (32 or, with @w64, 64 bits). */
void   mdl_x86_alu_mi  (MdlJitAsm *a, MdlX86Alu op, bool w64, MdlX86Reg base, int32_t disp,
                        int32_t imm);
/* The byte at [base + disp] = @imm. */
void   mdl_x86_store_i8 (MdlJitAsm *a, MdlX86Reg base, int32_t disp, uint8_t imm);

/* Three-address forms and the other additions of the A64 frontend's
 * register-to-register emitters. */
/* dst = base + index * 2^scale + disp (@w64 false: 32-bit, zero-extended). */
void   mdl_x86_lea_idx (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg base, MdlX86Reg index,
                        unsigned scale, int32_t disp);
/* dst = (src + disp) mod 2^32, zero-extended. */
void   mdl_x86_lea32   (MdlJitAsm *a, MdlX86Reg dst, MdlX86Reg src, int32_t disp);
/* mdl_x86_load_idx / mdl_x86_store_idx at [base + index + disp]. */
void   mdl_x86_load_idx_disp (MdlJitAsm *a, unsigned size, bool sign, MdlX86Reg dst,
                              MdlX86Reg base, MdlX86Reg index, int32_t disp);
void   mdl_x86_store_idx_disp (MdlJitAsm *a, unsigned size, MdlX86Reg src, MdlX86Reg base,
                               MdlX86Reg index, int32_t disp);
/* dst = the low @size (1, 2 or 4) bytes of src, zero- or sign-extended
 * to 64 bits (sign-extended to 32 and zero-extended above without @w64). */
void   mdl_x86_movx_rr (MdlJitAsm *a, unsigned size, bool sign, bool w64, MdlX86Reg dst,
                        MdlX86Reg src);
/* dst = src when @cc holds (32-bit: dst zero-extended either way). */
void   mdl_x86_cmov    (MdlJitAsm *a, MdlX86Cond cc, bool w64, MdlX86Reg dst, MdlX86Reg src);
/* The low byte of dst = 1 when @cc holds, else 0; the rest unchanged. */
void   mdl_x86_setcc8  (MdlJitAsm *a, MdlX86Cond cc, MdlX86Reg dst);
/* ah = SF, ZF, AF, PF and CF (bits 7, 6, 4, 2, 0); the flags unchanged. */
void   mdl_x86_lahf    (MdlJitAsm *a);
/* dst = src * imm (the low half). */
void   mdl_x86_imul_rri (MdlJitAsm *a, bool w64, MdlX86Reg dst, MdlX86Reg src, int32_t imm);
/* The flags of r AND imm (sign-extended with @w64). */
void   mdl_x86_test_ri (MdlJitAsm *a, bool w64, MdlX86Reg r, int32_t imm);
/* CF = bit @bit of r. */
void   mdl_x86_bt_ri   (MdlJitAsm *a, bool w64, MdlX86Reg r, uint8_t bit);
/* Compares the low 16 bits of @reg with the 16 bits at [base + disp]. */
void   mdl_x86_cmp16_rm (MdlJitAsm *a, MdlX86Reg reg, MdlX86Reg base, int32_t disp);
