/*
 * What the AArch64 ISA tests share (C, built with -ffreestanding
 * -nostdlib -mgeneral-regs-only).
 *
 * A test prints what it computed through semihosting and returns its
 * status from main: 0 when every self-check passed, otherwise the number
 * of the first failing CHECK.  Its console output is compared between
 * Medley and QEMU by diff-run.py, so values printed with P() need no
 * expected value in the source: QEMU is the reference.
 *
 * Exceptions reach `exception (kind, frame)`: a test installs a handler
 * with on_exception(); without one, the test stops with 200 + kind.
 */
#pragma once

#include <stdint.h>

typedef uint64_t u64;
typedef int64_t i64;
typedef uint32_t u32;

long semihost (long op, long arg);
void test_exit (long status) __attribute__ ((noreturn));

static inline void
puts_ (const char *s)
{
  semihost (0x04, (long) s);
}

static inline void
puthex (u64 v)
{
  char buf[19];
  buf[0] = '0', buf[1] = 'x';
  for (int i = 0; i < 16; i++)
    buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
  buf[18] = 0;
  puts_ (buf);
}

/* Prints "name = value\n". */
static inline void
P (const char *name, u64 v)
{
  puts_ (name);
  puts_ (" = ");
  puthex (v);
  puts_ ("\n");
}

static inline u64
nzcv (void)
{
  u64 f;
  __asm__ volatile("mrs %0, nzcv" : "=r"(f));
  return f;
}

static int failed __attribute__ ((unused));

#define CHECK(n, cond)                                                                             \
  do {                                                                                             \
    if (!(cond) && !failed) {                                                                      \
      failed = (n);                                                                                \
      puts_ ("FAIL " #n ": " #cond "\n");                                                          \
    }                                                                                              \
  } while (0)

/* The saved registers of an exception frame (start.S). */
typedef struct {
  u64 x[19];
  u64 x29, x30;
} Frame;

typedef void (*Handler) (int kind, Frame *f);
static Handler handler;

static inline void
on_exception (Handler h)
{
  handler = h;
}

void exception (int kind, Frame *f);
void
exception (int kind, Frame *f)
{
  if (handler) {
    handler (kind, f);
    return;
  }
  puts_ ("unexpected exception\n");
  test_exit (200 + kind);
}

#define SYSREG_READ(name)                                                                          \
  ({                                                                                               \
    u64 v_;                                                                                        \
    __asm__ volatile("mrs %0, " #name : "=r"(v_));                                                 \
    v_;                                                                                            \
  })
#define SYSREG_WRITE(name, v)                                                                      \
  __asm__ volatile("msr " #name ", %0\n\tisb" ::"r"((u64) (v)) : "memory")

/* A PSCI call (the boards' firmware interface is HVC). */
static inline u64
psci (u64 fn, u64 a1, u64 a2, u64 a3)
{
  register u64 x0 __asm__ ("x0") = fn;
  register u64 x1 __asm__ ("x1") = a1;
  register u64 x2 __asm__ ("x2") = a2;
  register u64 x3 __asm__ ("x3") = a3;
  __asm__ volatile ("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)::"memory");
  return x0;
}

/* @n times round a two-instruction loop. */
static inline void
delay (u64 n)
{
  __asm__ volatile ("1:\tsubs %0, %0, #1\n\tb.ne 1b" : "+r"(n)::"cc");
}

/* Calls the code at @fn with x0 = 0 and returns its x0. */
static inline u64
call_code (u64 fn)
{
  u64 r;

  __asm__ volatile ("mov x0, #0\n\tblr %1\n\tmov %0, x0" : "=r"(r) : "r"(fn) : "x0", "x30", "memory");
  return r;
}
