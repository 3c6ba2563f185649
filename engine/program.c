#define G_LOG_DOMAIN "mdl-program"

/* Linker scripts from a cluster's memory map, compiler command lines from
 * a class's kit, and the compiler's messages parsed (program.h). */

#include "program.h"

#include <string.h>

#include "board.h"
#include "error.h"

bool
mdl_program_lang_for_path (const char *path, MdlProgramLang *lang)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  if (dot == NULL)
    return false;
  if (strcmp (dot, ".S") == 0 || strcmp (dot, ".s") == 0 || strcmp (dot, ".asm") == 0) {
    *lang = MDL_PROGRAM_ASM;
    return true;
  }
  if (strcmp (dot, ".c") == 0) {
    *lang = MDL_PROGRAM_C;
    return true;
  }
  return false;
}

/* ---- memory map ---------------------------------------------------------- */

typedef struct {
  MdlAddressSpace *as;
  GArray          *mems;
} MemoryWalk;

static void
collect_memory (uint64_t base, MdlRegion *region, void *data)
{
  MemoryWalk *walk = data;
  MdlRamWindow window;
  MdlProgramMemory m;

  if (mdl_region_kind (region) == MDL_REGION_MMIO)
    return;
  /* Aliases resolved: what matters is whether the bytes are memory. */
  if (!mdl_address_space_ram_window (walk->as, base, &window))
    return;
  m.base = base;
  m.size = mdl_region_size (region);
  m.writable = window.writable;
  g_array_append_val (walk->mems, m);
}

GArray *
mdl_program_cluster_memory (const MdlBoardDoc *doc, guint cluster,
                            const char *const *search_dirs, GError **error)
{
  const MdlComponent *c = mdl_board_doc_find (doc, cluster);
  g_autoptr(MdlBoard) board = NULL;
  MdlCluster *cl;
  MemoryWalk walk;

  if (c == NULL || c->kind != MDL_COMPONENT_CLUSTER) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "component %u is no CPU cluster", cluster);
    return NULL;
  }
  board = mdl_board_doc_instantiate (doc, search_dirs, error);
  if (board == NULL)
    return NULL;
  cl = mdl_board_find_cluster (board, c->name);
  if (cl == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID, "the board has no cluster %s", c->name);
    return NULL;
  }
  walk.as = cl->as;
  walk.mems = g_array_new (FALSE, FALSE, sizeof (MdlProgramMemory));
  mdl_address_space_foreach (cl->as, collect_memory, &walk);
  return walk.mems;
}

/* ---- linker script ------------------------------------------------------- */

static const MdlProgramMemory *
memory_at (const MdlProgramMemory *mems, guint n, uint64_t addr)
{
  for (guint i = 0; i < n; i++)
    if (addr >= mems[i].base && addr - mems[i].base < mems[i].size)
      return &mems[i];
  return NULL;
}

char *
mdl_program_linker_script (const MdlProgramKit *kit, const MdlProgramMemory *mems,
                           guint n_mems, const char *what, GError **error)
{
  const MdlProgramMemory *data = NULL, *code;
  uint64_t code_base, code_size, stack;
  GString *s;

  for (guint i = 0; i < n_mems; i++)
    if (mems[i].writable && (data == NULL || mems[i].size > data->size))
      data = &mems[i];
  if (data == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                 "%s sees no RAM: wire a RAM to its bus for the program's data and stack",
                 what);
    return NULL;
  }
  if (kit->has_vectors) {
    code = memory_at (mems, n_mems, kit->vectors);
    if (code == NULL) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_INVALID,
                   "%s sees no memory at 0x%" G_GINT64_MODIFIER "x, where its core reads "
                   "the vector table: map a RAM or ROM there", what, kit->vectors);
      return NULL;
    }
    code_base = kit->vectors;
    code_size = code->size - (kit->vectors - code->base);
  } else {
    code = data;
    code_base = data->base;
    code_size = data->size;
  }
  /* A stack of 64 KiB, or a quarter of a small RAM. */
  stack = MIN (data->size / 4, 0x10000);

  s = g_string_new (NULL);
  g_string_append_printf (s,
    "/* Made by Medley for %s from the memory it sees:\n", what);
  for (guint i = 0; i < n_mems; i++)
    g_string_append_printf (s, " *   0x%08" G_GINT64_MODIFIER "x, 0x%" G_GINT64_MODIFIER "x bytes, %s\n",
                            mems[i].base, mems[i].size, mems[i].writable ? "RAM" : "ROM");
  g_string_append (s,
    " * Code and read-only data first, then data, bss and heap; the stack\n"
    " * at the top of the largest RAM.  Data is loaded after the code and\n"
    " * copied by the start-up code when the two are apart. */\n\n");
  g_string_append_printf (s, "OUTPUT_ARCH(%s)\nENTRY(_start)\n\n", kit->ld_arch);
  g_string_append (s, "MEMORY\n{\n");
  if (code == data) {
    g_string_append_printf (s, "\tram (rwx) : ORIGIN = 0x%" G_GINT64_MODIFIER "x, "
                            "LENGTH = 0x%" G_GINT64_MODIFIER "x\n}\n"
                            "REGION_ALIAS(\"code\", ram);\n\n",
                            code_base, code_size);
  } else {
    g_string_append_printf (s, "\tcode (rx) : ORIGIN = 0x%" G_GINT64_MODIFIER "x, "
                            "LENGTH = 0x%" G_GINT64_MODIFIER "x\n",
                            code_base, code_size);
    g_string_append_printf (s, "\tram (rwx) : ORIGIN = 0x%" G_GINT64_MODIFIER "x, "
                            "LENGTH = 0x%" G_GINT64_MODIFIER "x\n}\n\n",
                            data->base, data->size);
  }
  g_string_append_printf (s, "__stack_size = 0x%" G_GINT64_MODIFIER "x;\n\n", stack);
  g_string_append (s,
    "SECTIONS\n{\n"
    "\t.text : {\n"
    "\t\tKEEP (*(.vectors))\n"
    "\t\tKEEP (*(.text.start))\n"
    "\t\t*(.text.unlikely .text.unlikely.*)\n"
    "\t\t*(.text.startup .text.startup.*)\n"
    "\t\t*(.text .text.*)\n"
    "\t\tKEEP (*(.init .init.*))\n"
    "\t\tKEEP (*(.fini .fini.*))\n"
    "\t} >code\n\n"
    "\t.rodata : {\n"
    "\t\t*(.rodata .rodata.*)\n"
    "\t\t*(.srodata .srodata.*)\n"
    "\t\t*(.data.rel.ro .data.rel.ro.*)\n"
    "\t\t*(.got .got.*)\n"
    "\t\t. = ALIGN(8);\n"
    "\t\tPROVIDE_HIDDEN (__preinit_array_start = .);\n"
    "\t\tKEEP (*(.preinit_array))\n"
    "\t\tPROVIDE_HIDDEN (__preinit_array_end = .);\n"
    "\t\tPROVIDE_HIDDEN (__init_array_start = .);\n"
    "\t\tKEEP (*(SORT_BY_INIT_PRIORITY(.init_array.*)))\n"
    "\t\tKEEP (*(.init_array))\n"
    "\t\tPROVIDE_HIDDEN (__init_array_end = .);\n"
    "\t\tPROVIDE_HIDDEN (__fini_array_start = .);\n"
    "\t\tKEEP (*(SORT_BY_INIT_PRIORITY(.fini_array.*)))\n"
    "\t\tKEEP (*(.fini_array))\n"
    "\t\tPROVIDE_HIDDEN (__fini_array_end = .);\n"
    "\t} >code\n\n");
  if (kit->ld_extra != NULL)
    g_string_append_printf (s, "%s\n", kit->ld_extra);
  g_string_append (s,
    "\t.data : ALIGN(8) {\n"
    "\t\t*(.data .data.*)\n"
    "\t\t. = ALIGN(8);\n"
    "\t\tPROVIDE (__global_pointer$ = . + 0x800);\n"
    "\t\t*(.sdata .sdata.* .sdata2.*)\n"
    "\t\t. = ALIGN(8);\n"
    "\t} >ram AT>code\n"
    "\t__data_start = ADDR(.data);\n"
    "\t__data_source = LOADADDR(.data);\n\n"
    "\t/* The one thread's TLS block is the .tdata/.tbss image itself. */\n"
    "\t.tdata : ALIGN(8) {\n"
    "\t\t*(.tdata .tdata.*)\n"
    "\t} >ram AT>code\n"
    "\t__data_end = ADDR(.tdata) + SIZEOF(.tdata);\n"
    "\t__tls_base = ADDR(.tdata);\n"
    "\t__tdata_source = LOADADDR(.tdata);\n"
    "\t__tdata_size = SIZEOF(.tdata);\n\n"
    "\t.tbss (NOLOAD) : {\n"
    "\t\t*(.tbss .tbss.* .tcommon)\n"
    "\t} >ram\n"
    "\t__tbss_offset = ADDR(.tbss) - ADDR(.tdata);\n"
    "\t__tbss_size = SIZEOF(.tbss);\n"
    "\t__tls_align = MAX(ALIGNOF(.tdata), ALIGNOF(.tbss));\n"
    "\t__tls_size = __tbss_offset + __tbss_size;\n"
    "\t/* ld does not advance `.` over .tbss: reserve its room. */\n"
    "\t.tbss_space (NOLOAD) : {\n"
    "\t\t. = ADDR(.tbss) + SIZEOF(.tbss);\n"
    "\t} >ram\n\n"
    "\t.bss (NOLOAD) : ALIGN(8) {\n"
    "\t\t*(.sbss .sbss.*)\n"
    "\t\t*(.bss .bss.*)\n"
    "\t\t*(COMMON)\n"
    "\t\t. = ALIGN(16);\n"
    "\t} >ram\n"
    "\t__bss_start = ADDR(.tbss);\n"
    "\t__bss_end = ADDR(.bss) + SIZEOF(.bss);\n"
    "\tPROVIDE (end = __bss_end);\n"
    "\tPROVIDE (_end = __bss_end);\n"
    "\tPROVIDE (__end = __bss_end);\n\n"
    "\t__stack = ORIGIN(ram) + LENGTH(ram);\n"
    "\t__heap_start = __bss_end;\n"
    "\t__heap_end = __stack - __stack_size;\n"
    "\t__heap_size = __heap_end - __heap_start;\n"
    "\tASSERT (__heap_end >= __heap_start, \"the program does not fit below the stack\")\n\n"
    "\t/DISCARD/ : {\n"
    "\t\t*(.note .note.*)\n"
    "\t\t*(.eh_frame .eh_frame.*)\n"
    "\t}\n"
    "}\n");
  return g_string_free (s, FALSE);
}

/* ---- the compiler's command line ----------------------------------------- */

GStrv
mdl_program_compile_argv (const MdlProgramKit *kit, MdlProgramLang lang,
                          const char *runtime_dir, const char *script, const char *source,
                          const char *output)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_strv_builder_add (b, kit->compiler);
  if (lang == MDL_PROGRAM_C && kit->libc_specs != NULL) {
    g_autofree char *specs = g_strconcat ("-specs=", kit->libc_specs, NULL);
    g_strv_builder_add (b, specs);
  }
  for (guint i = 0; kit->flags != NULL && kit->flags[i] != NULL; i++)
    g_strv_builder_add (b, kit->flags[i]);
  /* -g: the source-level views read the DWARF; -Og keeps variables
   * where a debugger finds them. */
  g_strv_builder_addv (b, (const char *[]) { "-g", "-nostartfiles", "-static", NULL });
  if (lang == MDL_PROGRAM_ASM) {
    g_strv_builder_add (b, "-nostdlib");
  } else {
    g_strv_builder_addv (b, (const char *[]) { "-Og", "-std=gnu11", "-Wall", "-Wextra",
                                               "-ffunction-sections", "-fdata-sections", NULL });
    if (kit->libc_specs == NULL)
      g_strv_builder_addv (b, (const char *[]) { "-ffreestanding", "-nostdlib", NULL });
  }
  /* One RWX memory is what small boards have: not worth a warning. */
  g_strv_builder_addv (b, (const char *[]) { "-Wl,--no-warn-rwx-segments",
                                             "-Wl,--build-id=none", "-T", script,
                                             "-o", output, NULL });
  if (lang == MDL_PROGRAM_C) {
    g_autofree char *crt0 = g_strdup_printf ("%s/%s-crt0.S", runtime_dir, kit->files);
    g_autofree char *rt = g_strdup_printf ("%s/%s-rt.c", runtime_dir, kit->files);

    g_strv_builder_addv (b, (const char *[]) { "-I", runtime_dir, crt0, rt, NULL });
  }
  g_strv_builder_add (b, source);
  if (lang == MDL_PROGRAM_C && kit->libc_specs == NULL)
    g_strv_builder_add (b, "-lgcc");
  return g_strv_builder_end (b);
}

/* ---- the compiler's messages --------------------------------------------- */

void
mdl_diagnostic_free (MdlDiagnostic *diag)
{
  if (diag == NULL)
    return;
  g_free (diag->file);
  g_free (diag->message);
  g_free (diag);
}

/* Reads a decimal number at *@p, moving past it; false when none. */
static bool
read_number (const char **p, unsigned *value)
{
  unsigned v = 0;

  if (!g_ascii_isdigit (**p))
    return false;
  while (g_ascii_isdigit (**p)) {
    v = v * 10 + (unsigned) (**p - '0');
    (*p)++;
  }
  *value = v;
  return true;
}

/* The severity word at @p ("error: ", "Error: ", "fatal error: ",
 * "warning: ", "note: "), moving past it; false when none. */
static bool
read_severity (const char **p, MdlDiagSeverity *severity)
{
  static const struct {
    const char     *word;
    MdlDiagSeverity severity;
  } words[] = {
    { "fatal error: ", MDL_DIAG_ERROR }, { "error: ", MDL_DIAG_ERROR },
    { "Error: ", MDL_DIAG_ERROR },       { "warning: ", MDL_DIAG_WARNING },
    { "Warning: ", MDL_DIAG_WARNING },   { "note: ", MDL_DIAG_NOTE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_has_prefix (*p, words[i].word)) {
      *p += strlen (words[i].word);
      *severity = words[i].severity;
      return true;
    }
  return false;
}

/* "FILE:LINE[:COL]: SEVERITY: TEXT", or NULL. */
static MdlDiagnostic *
parse_located (const char *line)
{
  /* The file name may hold colons itself: try every colon followed by
   * a line number. */
  for (const char *colon = strchr (line, ':'); colon != NULL; colon = strchr (colon + 1, ':')) {
    const char *p = colon + 1;
    unsigned lnum, col = 0;
    MdlDiagSeverity severity;
    MdlDiagnostic *d;

    if (colon == line || !read_number (&p, &lnum) || *p != ':')
      continue;
    p++;
    if (read_number (&p, &col)) {
      if (*p != ':')
        continue;
      p++;
    }
    if (*p == ' ')
      p++;
    if (!read_severity (&p, &severity))
      continue;
    d = g_new0 (MdlDiagnostic, 1);
    d->file = g_strndup (line, (gsize) (colon - line));
    d->line = lnum;
    d->column = col;
    d->severity = severity;
    d->message = g_strdup (p);
    return d;
  }
  return NULL;
}

/* A message with no line: the linker's, or the driver's own. */
static MdlDiagnostic *
parse_unlocated (const char *line)
{
  const char *p = line;
  MdlDiagSeverity severity = MDL_DIAG_ERROR;
  MdlDiagnostic *d;

  /* "collect2: error: ld returned 1 exit status" says nothing the
   * linker's own lines have not said. */
  if (g_str_has_prefix (line, "collect2"))
    return NULL;
  /* "PROGRAM: SEVERITY: TEXT", or the linker's "ld: x.o: in function"
   * and "x.c:(.text+0x8): undefined reference to `f'". */
  for (const char *colon = strstr (line, ": "); colon != NULL; colon = strstr (colon + 1, ": ")) {
    p = colon + 2;
    if (read_severity (&p, &severity))
      break;
    p = NULL;
  }
  if (p == NULL) {
    if (strstr (line, "undefined reference") == NULL && strstr (line, "will not fit") == NULL &&
        strstr (line, "overflowed") == NULL && strstr (line, "multiple definition") == NULL &&
        strstr (line, "cannot find") == NULL && strstr (line, "No such file") == NULL)
      return NULL;
    severity = MDL_DIAG_ERROR;
    p = strrchr (line, ':') != NULL && strstr (line, "): ") != NULL ? strstr (line, "): ") + 3
                                                                     : line;
  }
  d = g_new0 (MdlDiagnostic, 1);
  d->severity = severity;
  d->message = g_strdup (p);
  return d;
}

GPtrArray *
mdl_program_parse_diagnostics (const char *output)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) mdl_diagnostic_free);
  g_auto(GStrv) lines = g_strsplit (output ? output : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++) {
    char *line = g_strchomp (lines[i]);
    MdlDiagnostic *d;

    /* Excerpts of the source and carets are indented; "In function"
     * and "Assembler messages:" only introduce what follows. */
    if (line[0] == '\0' || line[0] == ' ' || line[0] == '\t' ||
        g_str_has_suffix (line, "Assembler messages:") || strstr (line, ": In function") != NULL ||
        strstr (line, ": in function") != NULL || strstr (line, ": At top level") != NULL)
      continue;
    d = parse_located (line);
    if (d == NULL)
      d = parse_unlocated (line);
    if (d != NULL)
      g_ptr_array_add (list, d);
  }
  return list;
}
