/* The PMSAv7 memory protection unit of the Cortex-M3 and M4: 8 regions,
 * each a power-of-two size from 32 bytes to 4 GiB at a multiple of its
 * size, with 8 subregions that can be left out (regions of 256 bytes and
 * more), access permissions for privileged and unprivileged code and an
 * execute-never bit.  Registers (in the system control space):
 *
 *   0xd90 MPU_TYPE   8 data regions, unified
 *   0xd94 MPU_CTRL   ENABLE, HFNMIENA (also check in HardFault and NMI
 *                    handlers and with FAULTMASK), PRIVDEFENA (privileged
 *                    code sees the default map where no region matches)
 *   0xd98 MPU_RNR    the region RBAR and RASR show
 *   0xd9c MPU_RBAR   base address; written with VALID set, also RNR
 *   0xda0 MPU_RASR   XN, AP, TEX/S/C/B (stored), SRD, SIZE, ENABLE
 *   0xda4-0xdb8      RBAR and RASR again, three times (the aliases)
 *
 * The highest-numbered enabled region that holds the address decides; a
 * left-out subregion lets lower regions decide.  A refused data access is
 * a MemManage fault with DACCVIOL and MMFAR, a refused fetch one with
 * IACCVIOL (arm-except.c raises them).  The private peripheral bus
 * (0xe0000000-0xe00fffff) is never checked: the system control space has
 * its own privilege rule.
 *
 * Speed: with the MPU enabled no RAM window is cached, so every load and
 * store is checked on the slow path, and decoded instructions are checked
 * once when decoded and forgotten whenever the answer may change (an MPU
 * register or CONTROL written, an exception entered or returned from).
 * With the MPU disabled nothing of this costs anything.
 */
#include "arm-cpu.h"

enum {
  MPU_CTRL_ENABLE = 1u << 0,
  MPU_CTRL_HFNMIENA = 1u << 1,
  MPU_CTRL_PRIVDEFENA = 1u << 2,
  RASR_ENABLE = 1u << 0,
  RASR_XN = 1u << 28,
  RASR_MASK = 0x173fff3fu,
};

/* What AP allows, by AP value: bit 0 privileged read, 1 privileged write,
 * 2 unprivileged read, 3 unprivileged write (4 and beyond are no
 * access or reserved as no access). */
static const uint8_t ap_bits[8] = { 0x0, 0x3, 0x7, 0xf, 0x0, 0x1, 0x5, 0x5 };

bool
arm_mpu_active (const ArmCpu *s)
{
  if (!(s->mpu_ctrl & MPU_CTRL_ENABLE))
    return false;
  /* HardFault, NMI and FAULTMASK run with the MPU off unless HFNMIENA. */
  return (s->mpu_ctrl & MPU_CTRL_HFNMIENA) || arm_execution_priority (s) >= 0;
}

/* The default memory map's execute-never areas: peripherals, devices and
 * the system region. */
static bool
default_xn (uint32_t addr)
{
  return (addr >= 0x40000000u && addr < 0x60000000u) || addr >= 0xa0000000u;
}

static bool
byte_allowed (const ArmCpu *s, uint32_t addr, ArmMpuAccess kind, bool priv)
{
  for (int r = ARM_MPU_REGIONS - 1; r >= 0; r--) {
    uint32_t rasr = s->mpu_rasr[r];
    unsigned bits = ((rasr >> 1) & 31) + 1;
    uint64_t size = UINT64_C (1) << (bits < 5 ? 5 : bits), off;
    uint64_t base = s->mpu_rbar[r] & ~(size - 1) & 0xffffffffu;
    unsigned want, ap;

    if (!(rasr & RASR_ENABLE) || addr < base || (off = addr - base) >= size)
      continue;
    if (size >= 256 && (rasr >> (8 + off / (size / 8)) & 1))
      continue; /* a left-out subregion */
    if (kind == ARM_MPU_EXEC && (rasr & RASR_XN))
      return false;
    ap = ap_bits[(rasr >> 24) & 7];
    want = kind == ARM_MPU_WRITE ? 2 : 1;
    return (ap & (priv ? want : want << 2)) != 0;
  }
  if (!priv || !(s->mpu_ctrl & MPU_CTRL_PRIVDEFENA))
    return false;
  return kind != ARM_MPU_EXEC || !default_xn (addr);
}

bool
arm_mpu_allows (const ArmCpu *s, uint32_t addr, unsigned size, ArmMpuAccess kind)
{
  bool priv = arm_privileged (s);

  if (!arm_mpu_active (s) || (addr >= 0xe0000000u && addr < 0xe0100000u))
    return true;
  /* An unaligned access may end in another region. */
  return byte_allowed (s, addr, kind, priv)
         && (size == 1 || byte_allowed (s, addr + size - 1, kind, priv));
}

/* Anything that may change what is allowed: cached windows and decoded
 * instructions were checked under the old rules. */
void
arm_mpu_changed (ArmCpu *s)
{
  if (!(s->mpu_ctrl & MPU_CTRL_ENABLE) && !s->mpu_was_on)
    return;
  s->mpu_was_on = s->mpu_ctrl & MPU_CTRL_ENABLE;
  arm_forget_windows (s);
  arm_flush_code (&s->cpu);
}

uint32_t
arm_mpu_read (ArmCpu *s, uint32_t off)
{
  unsigned r = s->mpu_rnr;

  switch (off) {
  case 0xd90: return ARM_MPU_REGIONS << 8;
  case 0xd94: return s->mpu_ctrl;
  case 0xd98: return s->mpu_rnr;
  case 0xd9c:
  case 0xda4:
  case 0xdac:
  case 0xdb4: return r < ARM_MPU_REGIONS ? (s->mpu_rbar[r] & ~0x1fu) | (r & 0xf) : 0;
  case 0xda0:
  case 0xda8:
  case 0xdb0:
  case 0xdb8: return r < ARM_MPU_REGIONS ? s->mpu_rasr[r] : 0;
  default: return 0;
  }
}

void
arm_mpu_write (ArmCpu *s, uint32_t off, uint32_t v)
{
  switch (off) {
  case 0xd94: s->mpu_ctrl = v & 7; break;
  case 0xd98: s->mpu_rnr = v & 0xff; break;
  case 0xd9c:
  case 0xda4:
  case 0xdac:
  case 0xdb4:
    if (v & 0x10) /* VALID: the region number comes along */
      s->mpu_rnr = v & 0xf;
    if (s->mpu_rnr < ARM_MPU_REGIONS)
      s->mpu_rbar[s->mpu_rnr] = v & ~0x1fu;
    break;
  case 0xda0:
  case 0xda8:
  case 0xdb0:
  case 0xdb8:
    if (s->mpu_rnr < ARM_MPU_REGIONS)
      s->mpu_rasr[s->mpu_rnr] = v & RASR_MASK;
    break;
  default: return;
  }
  arm_mpu_changed (s);
}

void
arm_mpu_reset (ArmCpu *s)
{
  s->mpu_ctrl = s->mpu_rnr = 0;
  for (unsigned r = 0; r < ARM_MPU_REGIONS; r++)
    s->mpu_rbar[r] = s->mpu_rasr[r] = 0;
  arm_mpu_changed (s);
}
