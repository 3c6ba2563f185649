/* Program kits: what the workbench needs to build a program for a CPU
 * class from source, as data the class points to (MdlCpuClass.program).
 *
 * A kit names the cross compiler and the Debian package that has it, the
 * C library's spec file and package (picolibc; none for a freestanding C),
 * the flags that pick the instruction set and ABI, the linker script's
 * OUTPUT_ARCH, and the stem of the data files the workbench ships for it
 * (<datadir>/programs/STEM.S and STEM.c as templates, STEM-crt0.S and
 * STEM-rt.c as the run-time of C programs).  engine/program.h turns a kit
 * and a board into a linker script and a compiler command line; the
 * engine never names a compiler or an instruction set itself.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef struct MdlProgramKit {
  const char        *compiler;     /* driver looked up in PATH */
  const char        *package;      /* Debian package that installs it */
  const char        *libc_specs;   /* gcc -specs= of the C library, or NULL */
  const char        *libc_package; /* Debian package of that library */
  const char *const *flags;        /* NULL-terminated: instruction set, ABI */
  const char        *ld_arch;      /* OUTPUT_ARCH of the linker script */
  /* Linker script text of the architecture's own (its unwind tables, the
   * symbols its C library's TLS wants), placed in SECTIONS after the
   * read-only data, whose symbols it may use; or NULL. */
  const char        *ld_extra;
  const char        *files;        /* stem of the data files (see above) */
  const char        *asm_language; /* the editor's language id for assembly */
  /* The core takes its first stack pointer and entry from a vector table
   * at this address (when has_vectors): code starts there. */
  bool               has_vectors;
  uint64_t           vectors;
} MdlProgramKit;
