/* Unit tests of the RISC-V decode tables, through the disassembler
 * (targets/riscv/riscv-disas.c, riscv-decode.c).
 *
 * The expected operands were checked against GNU objdump -M no-aliases
 * (objdump writes no space after commas and prints compressed operands in
 * their short form; Medley prints the operands of the expanded form).
 */
#include <glib.h>

#include "targets/riscv/riscv-cpu.h"

typedef struct {
  unsigned    xlen;
  uint64_t    pc;
  uint32_t    raw;
  unsigned    len;
  const char *text;
  unsigned    ext;       /* RV_EXT_*: 0 for the IMAC classes */
} DisasCase;

#define FD RV_EXT_FD

static const DisasCase cases[] = {
  /* 32-bit instructions, either width */
  { 64, 0x80000004, 0x010000ef, 4, "jal     ra, 0x80000014" },
  { 64, 0x80000008, 0x80000537, 4, "lui     a0, 0x80000" },
  { 64, 0x8000000c, 0xfe813c23, 4, "sd      s0, -8(sp)" },
  { 64, 0x80000010, 0xfeb50ee3, 4, "beq     a0, a1, 0x8000000c" },
  { 64, 0x80000014, 0x30051073, 4, "csrrw   zero, mstatus, a0" },
  { 64, 0x80000018, 0x30446573, 4, "csrrsi  a0, mie, 8" },
  { 64, 0x8000001c, 0x06b6252f, 4, "amoadd.w.aqrl a0, a1, (a2)" },
  { 64, 0x80000020, 0x1005b52f, 4, "lr.d    a0, (a1)" },
  { 64, 0x80000024, 0x1863a2af, 4, "sc.w    t0, t1, (t2)" },
  { 64, 0x80000028, 0x4215d513, 4, "srai    a0, a1, 0x21" },
  { 64, 0x8000002c, 0x03eeae33, 4, "mulhsu  t3, t4, t5" },
  { 64, 0x80000030, 0x0f50000f, 4, "fence   iorw, ow" },
  { 64, 0x80000030, 0x8330000f, 4, "fence.tso" },
  { 64, 0x80000034, 0x0000100f, 4, "fence.i" },
  { 64, 0x80000038, 0x00000073, 4, "ecall" },
  { 64, 0x8000003c, 0x30200073, 4, "mret" },
  { 64, 0x80000040, 0x10500073, 4, "wfi" },
  { 64, 0x80000040, 0x10200073, 4, "sret" },
  { 64, 0x80000040, 0x12b50073, 4, "sfence.vma a0, a1" },
  { 32, 0x80000040, 0x12000073, 4, "sfence.vma zero, zero" },
  { 64, 0x80000040, 0x18002573, 4, "csrrs   a0, satp, zero" },
  { 32, 0x80000040, 0x10002573, 4, "csrrs   a0, sstatus, zero" },
  { 64, 0x80000044, 0x00008067, 4, "jalr    zero, 0(ra)" },
  { 64, 0x8000005a, 0x7c002573, 4, "csrrs   a0, 0x7c0, zero" },
  { 32, 0x80000000, 0x00150513, 4, "addi    a0, a0, 1" },
  { 32, 0x80000000, 0x00c12783, 4, "lw      a5, 12(sp)" },
  { 32, 0xfffffffc, 0x0080006f, 4, "jal     zero, 0x4" },   /* wraps at 32 bits */
  { 32, 0x80000000, 0xc8202573, 4, "csrrs   a0, instreth, zero" },

  /* compressed: own mnemonic, operands of the expansion */
  { 64, 0x80000048, 0x0505, 2, "c.addi  a0, a0, 1" },
  { 64, 0x8000004a, 0x47b2, 2, "c.lwsp  a5, 12(sp)" },
  { 64, 0x8000004c, 0xa801, 2, "c.j     zero, 0x8000005c" },
  { 64, 0x8000004e, 0xdc7d, 2, "c.beqz  s0, zero, 0x8000004c" },
  { 64, 0x80000050, 0x6588, 2, "c.ld    a0, 8(a1)" },
  { 64, 0x80000052, 0x7139, 2, "c.addi16sp sp, sp, -64" },
  { 64, 0x80000054, 0x0001, 2, "c.nop" },
  { 64, 0x80000056, 0x9002, 2, "c.ebreak" },
  { 64, 0x80000058, 0x357d, 2, "c.addiw a0, a0, -1" },
  { 32, 0x80000058, 0x357d, 2, "c.jal   ra, 0x7fffff06" },  /* same bits on RV32 */

  /* width-specific and illegal encodings */
  { 32, 0x80000000, 0x0085b503, 4, ".4byte  0x0085b503" },  /* ld: RV64 only */
  { 32, 0x80000000, 0x02159513, 4, ".4byte  0x02159513" },  /* slli by 33 */
  { 32, 0x80000000, 0x6588, 2, ".2byte  0x6588" },          /* c.flw: no F */
  { 32, 0x80000000, 0x1002, 2, ".2byte  0x1002" },          /* c.slli by 32 */
  { 64, 0x80000000, 0x0000, 2, ".2byte  0x0000" },          /* defined illegal */
  { 64, 0x80000000, 0x6101, 2, ".2byte  0x6101" },          /* c.addi16sp 0 */
  { 64, 0x80000000, 0xffffffff, 4, ".4byte  0xffffffff" },

  /* F and D (checked against objdump as above), only on the GC classes */
  { 64, 0x80000000, 0x00c5f553, 4, "fadd.s  fa0, fa1, fa2", FD },
  { 64, 0x80000000, 0x00c5f553, 4, ".4byte  0x00c5f553" },     /* IMAC */
  { 64, 0x80000004, 0x02c59553, 4, "fadd.d  fa0, fa1, fa2, rtz", FD },
  { 64, 0x80000008, 0x1a20f043, 4, "fmadd.d ft0, ft1, ft2, ft3", FD },
  { 32, 0x8000000c, 0x9924c44b, 4, "fnmsub.s fs0, fs1, fs2, fs3, rmm", FD },
  { 32, 0x80000010, 0x00c12787, 4, "flw     fa5, 12(sp)", FD },
  { 32, 0x80000014, 0xffb53c27, 4, "fsd     fs11, -8(a0)", FD },
  { 64, 0x80000018, 0xc0051553, 4, "fcvt.w.s a0, fa0, rtz", FD },
  { 64, 0x8000001c, 0xc23ff5d3, 4, "fcvt.lu.d a1, ft11", FD },
  { 32, 0x8000001c, 0xc23ff5d3, 4, ".4byte  0xc23ff5d3", FD },  /* RV64 only */
  { 64, 0x80000020, 0xd2257553, 4, "fcvt.d.l fa0, a0", FD },
  { 64, 0x80000024, 0x4015f553, 4, "fcvt.s.d fa0, fa1", FD },
  { 64, 0x80000028, 0x42058553, 4, "fcvt.d.s fa0, fa1", FD },
  { 32, 0x8000002c, 0xe0000553, 4, "fmv.x.w a0, ft0", FD },
  { 64, 0x80000030, 0xf2050053, 4, "fmv.d.x ft0, a0", FD },
  { 32, 0x80000030, 0xf2050053, 4, ".4byte  0xf2050053", FD },  /* RV64 only */
  { 64, 0x80000034, 0xe2051553, 4, "fclass.d a0, fa0", FD },
  { 64, 0x80000038, 0xa0b52553, 4, "feq.s   a0, fa0, fa1", FD },
  { 64, 0x8000003c, 0x22c5a553, 4, "fsgnjx.d fa0, fa1, fa2", FD },
  { 64, 0x80000040, 0x28209053, 4, "fmax.s  ft0, ft1, ft2", FD },
  { 64, 0x80000044, 0x5a05f553, 4, "fsqrt.d fa0, fa1", FD },
  { 64, 0x80000048, 0xd012f053, 4, "fcvt.s.wu ft0, t0", FD },
  { 64, 0x80000048, 0x0600f0d3, 4, ".4byte  0x0600f0d3", FD },  /* fmt Q */
  { 64, 0x8000004c, 0x2588, 2, "c.fld   fa0, 8(a1)", FD },
  { 64, 0x8000004e, 0xa822, 2, "c.fsdsp fs0, 16(sp)", FD },
  { 64, 0x80000050, 0x2062, 2, "c.fldsp ft0, 24(sp)", FD },
  { 64, 0x80000052, 0xbfbc, 2, "c.fsd   fa5, 120(a5)", FD },
  { 64, 0x80000054, 0x6588, 2, "c.ld    a0, 8(a1)", FD },     /* not c.flw */
  { 32, 0x80000000, 0x6588, 2, "c.flw   fa0, 8(a1)", FD },
  { 32, 0x80000002, 0xffec, 2, "c.fsw   fa1, 124(a5)", FD },
  { 32, 0x80000004, 0x6432, 2, "c.flwsp fs0, 12(sp)", FD },
  { 32, 0x80000006, 0xff82, 2, "c.fswsp ft0, 252(sp)", FD },
  { 32, 0x80000008, 0x2588, 2, "c.fld   fa0, 8(a1)", FD },
  { 32, 0x80000008, 0x2588, 2, ".2byte  0x2588" },            /* IMAC */
};

static void
test_disas_table (void)
{
  for (unsigned i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DisasCase *c = &cases[i];
      g_autoptr (GString) text = g_string_new (NULL);

      rv_disas_insn (c->xlen, c->ext, c->pc, c->raw, text);
      g_assert_cmpstr (text->str, ==, c->text);
      g_assert_cmpuint (rv_insn_length (c->raw), ==, c->len);
    }
}

/* Every compressed instruction decodes to the same fields as the 32-bit
 * instruction it stands for (the executor relies on it). */
static void
test_compressed_expansion (void)
{
  static const struct {
    unsigned xlen;
    uint16_t c;
    uint32_t full;
    unsigned ext;
  } pairs[] = {
    { 64, 0x0505, 0x00150513 },   /* c.addi a0,1  = addi a0,a0,1 */
    { 64, 0x47b2, 0x00c12783 },   /* c.lwsp a5,12(sp) */
    { 64, 0x6588, 0x0085b503 },   /* c.ld a0,8(a1) */
    { 64, 0x7139, 0xfc010113 },   /* c.addi16sp sp,-64 */
    { 32, 0xc20c, 0x00b62023 },   /* c.sw a1,0(a2) */
    { 32, 0x8da9, 0x00a5c5b3 },   /* c.xor a1,a0 */
    { 64, 0x2588, 0x0085b507, FD },   /* c.fld fa0,8(a1) */
    { 64, 0xa822, 0x00813827, FD },   /* c.fsdsp fs0,16(sp) */
    { 32, 0x6432, 0x00c12407, FD },   /* c.flwsp fs0,12(sp) */
    { 32, 0xff82, 0x0e012e27, FD },   /* c.fswsp ft0,252(sp) */
  };

  for (unsigned i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      RvDecoded c, full;

      g_assert_true (rv_decode (pairs[i].xlen, pairs[i].ext, pairs[i].c, &c));
      g_assert_true (rv_decode (pairs[i].xlen, pairs[i].ext, pairs[i].full, &full));
      g_assert_cmphex (c.insn, ==, pairs[i].full);
      g_assert_true (c.op == full.op);
      g_assert_cmpuint (c.rd, ==, full.rd);
      g_assert_cmpuint (c.rs1, ==, full.rs1);
      g_assert_cmpuint (c.rs2, ==, full.rs2);
      g_assert_cmpint (c.imm, ==, full.imm);
      g_assert_cmpuint (c.len, ==, 2);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/targets/riscv/disas/table", test_disas_table);
  g_test_add_func ("/targets/riscv/disas/compressed-expansion",
                   test_compressed_expansion);
  return g_test_run ();
}
