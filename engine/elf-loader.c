#define G_LOG_DOMAIN "mdl-elf"

#include "elf-loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

static const char *
machine_name (unsigned em)
{
  /* Only for messages: enough to tell the user what they actually have. */
  switch (em) {
  case EM_386:     return "x86";
  case EM_X86_64:  return "x86-64";
  case EM_ARM:     return "ARM";
  case EM_AARCH64: return "AArch64";
  case EM_RISCV:   return "RISC-V";
  case EM_MIPS:    return "MIPS";
  case EM_PPC:     return "PowerPC";
  default:         return "an unknown architecture";
  }
}

static void
symbol_clear (gpointer p)
{
  g_free (((MdlSymbol *) p)->name);
}

static gint
symbol_compare (gconstpointer a, gconstpointer b)
{
  const MdlSymbol *x = a, *y = b;

  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static void
read_symbols (Elf *elf, const MdlCpuClass *cls, MdlElfImage *image)
{
  Elf_Scn *scn = NULL;

  while ((scn = elf_nextscn (elf, scn)) != NULL) {
    GElf_Shdr shdr;
    Elf_Data *data;

    if (gelf_getshdr (scn, &shdr) == NULL || shdr.sh_type != SHT_SYMTAB)
      continue;
    data = elf_getdata (scn, NULL);
    if (data == NULL || shdr.sh_entsize == 0)
      continue;
    for (size_t i = 0; i < shdr.sh_size / shdr.sh_entsize; i++) {
      GElf_Sym sym;
      const char *name;
      int type;
      MdlSymbol s;

      if (gelf_getsym (data, (int) i, &sym) == NULL)
        break;
      type = GELF_ST_TYPE (sym.st_info);
      if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
        continue;
      if (sym.st_shndx == SHN_UNDEF || sym.st_shndx == SHN_ABS)
        continue;
      name = elf_strptr (elf, shdr.sh_link, sym.st_name);
      /* Local labels ($x, .L...) only clutter the views. */
      if (name == NULL || name[0] == '\0' || name[0] == '$' || name[0] == '.')
        continue;
      s.name = g_strdup (name);
      s.value = sym.st_value;
      /* Some ABIs mark a function's instruction set in its value (the
       * class knows): views want where the code starts. */
      if (type == STT_FUNC && cls->elf_code_address != NULL)
        s.value = cls->elf_code_address (s.value);
      s.size = sym.st_size;
      s.is_function = type == STT_FUNC;
      g_array_append_val (image->symbols, s);
    }
  }
  g_array_sort (image->symbols, symbol_compare);
}

static bool
load_segments (Elf *elf, const char *path, MdlAddressSpace *as,
               const char *cpu_name, GError **error)
{
  size_t n, file_size;
  const uint8_t *file = (const uint8_t *) elf_rawfile (elf, &file_size);
  unsigned loaded = 0;

  if (elf_getphdrnum (elf, &n) != 0 || file == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_ELF,
                 "%s: cannot read the program headers: %s", path, elf_errmsg (-1));
    return false;
  }
  for (size_t i = 0; i < n; i++) {
    GElf_Phdr ph;
    g_autoptr(GError) local = NULL;

    if (gelf_getphdr (elf, (int) i, &ph) == NULL || ph.p_type != PT_LOAD ||
        ph.p_memsz == 0)
      continue;
    if (ph.p_filesz > ph.p_memsz || ph.p_offset > file_size ||
        ph.p_filesz > file_size - ph.p_offset) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_ELF,
                   "%s: segment %zu lies outside the file (truncated ELF?)",
                   path, i);
      return false;
    }
    if (!mdl_address_space_write_bytes (as, ph.p_paddr, file + ph.p_offset,
                                        ph.p_filesz, &local)) {
      g_set_error (error, MDL_ERROR, MDL_ERROR_ELF,
                   "%s: segment %zu (0x%" G_GINT64_MODIFIER "x-0x%"
                   G_GINT64_MODIFIER "x) does not fit the memory %s sees: %s",
                   path, i, (guint64) ph.p_paddr,
                   (guint64) (ph.p_paddr + ph.p_memsz - 1), cpu_name,
                   local->message);
      return false;
    }
    if (ph.p_memsz > ph.p_filesz) {
      uint64_t left = ph.p_memsz - ph.p_filesz;
      uint64_t addr = ph.p_paddr + ph.p_filesz;
      static const uint8_t zeros[4096];

      while (left > 0) {
        size_t chunk = MIN (left, sizeof zeros);
        if (!mdl_address_space_write_bytes (as, addr, zeros, chunk, &local)) {
          g_set_error (error, MDL_ERROR, MDL_ERROR_ELF,
                       "%s: segment %zu's zero-filled part does not fit the "
                       "memory %s sees: %s", path, i, cpu_name, local->message);
          return false;
        }
        addr += chunk;
        left -= chunk;
      }
    }
    loaded++;
  }
  if (loaded == 0) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_ELF,
                 "%s: has no loadable segment", path);
    return false;
  }
  return true;
}

/* Checks and loads an opened ELF; @path names it in messages. */
static MdlElfImage *
load_elf (Elf *elf, const char *path, MdlAddressSpace *as, const MdlCpuClass *cls,
          const char *cpu_name, GError **error)
{
  g_autoptr(MdlElfImage) image = NULL;
  GElf_Ehdr eh;
  int klass;

  if (elf == NULL || elf_kind (elf) != ELF_K_ELF || gelf_getehdr (elf, &eh) == NULL) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_ELF, "%s: not an ELF file", path);
    return NULL;
  }
  klass = gelf_getclass (elf);
  if (eh.e_machine != cls->elf_machine || klass != cls->elf_class) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_ARCH,
                 "%s: built for %s (%d-bit), but CPU %s is a %s (%s)", path,
                 machine_name (eh.e_machine), klass == ELFCLASS64 ? 64 : 32,
                 cpu_name, cls->name, cls->arch);
    return NULL;
  }
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_ARCH,
                 "%s: big-endian ELF files are not supported", path);
    return NULL;
  }
  if (eh.e_type != ET_EXEC) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_ELF,
                 "%s: not an executable (relocatable object or shared "
                 "library?); link it first", path);
    return NULL;
  }

  image = g_new0 (MdlElfImage, 1);
  image->path = g_strdup (path);
  image->entry = eh.e_entry;
  image->symbols = g_array_new (FALSE, FALSE, sizeof (MdlSymbol));
  g_array_set_clear_func (image->symbols, symbol_clear);
  if (!load_segments (elf, path, as, cpu_name, error))
    return NULL;
  read_symbols (elf, cls, image);
  return g_steal_pointer (&image);
}

MdlElfImage *
mdl_elf_load (const char *path, MdlAddressSpace *as, const MdlCpuClass *cls,
              const char *cpu_name, GError **error)
{
  MdlElfImage *image;
  Elf *elf;
  int fd;

  if (elf_version (EV_CURRENT) == EV_NONE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_ELF, "libelf is out of date");
    return NULL;
  }
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int saved = errno;
    g_set_error (error, MDL_ERROR, MDL_ERROR_IO, "%s: %s", path,
                 g_strerror (saved));
    return NULL;
  }
  elf = elf_begin (fd, ELF_C_READ, NULL);
  image = load_elf (elf, path, as, cls, cpu_name, error);
  if (elf != NULL)
    elf_end (elf);
  close (fd);
  return image;
}

MdlElfImage *
mdl_elf_load_bytes (const void *data, size_t len, const char *name, MdlAddressSpace *as,
                    const MdlCpuClass *cls, const char *cpu_name, GError **error)
{
  /* libelf may convert the image in place: it works on a private copy. */
  g_autofree char *copy = g_memdup2 (data, len);
  MdlElfImage *image;
  Elf *elf;

  if (elf_version (EV_CURRENT) == EV_NONE) {
    g_set_error (error, MDL_ERROR, MDL_ERROR_ELF, "libelf is out of date");
    return NULL;
  }
  elf = elf_memory (copy, len);
  image = load_elf (elf, name, as, cls, cpu_name, error);
  if (elf != NULL)
    elf_end (elf);
  return image;
}

void
mdl_elf_image_free (MdlElfImage *image)
{
  if (image == NULL)
    return;
  g_free (image->path);
  if (image->symbols != NULL)
    g_array_unref (image->symbols);
  g_free (image);
}

MdlElfImage *
mdl_elf_image_copy (const MdlElfImage *image)
{
  MdlElfImage *copy = g_new0 (MdlElfImage, 1);

  copy->path = g_strdup (image->path);
  copy->entry = image->entry;
  copy->symbols = g_array_sized_new (FALSE, FALSE, sizeof (MdlSymbol), image->symbols->len);
  g_array_set_clear_func (copy->symbols, symbol_clear);
  for (guint i = 0; i < image->symbols->len; i++) {
    MdlSymbol s = g_array_index (image->symbols, MdlSymbol, i);
    s.name = g_strdup (s.name);
    g_array_append_val (copy->symbols, s);
  }
  return copy;
}

const MdlSymbol *
mdl_elf_image_symbol_at (const MdlElfImage *image, uint64_t addr)
{
  const MdlSymbol *best = NULL;
  guint lo = 0, hi = image->symbols->len;

  /* Last symbol whose value is <= addr. */
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index (image->symbols, MdlSymbol, mid).value <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0)
    return NULL;
  best = &g_array_index (image->symbols, MdlSymbol, lo - 1);
  if (best->size != 0 && addr - best->value >= best->size)
    return NULL;
  return best;
}

const MdlSymbol *
mdl_elf_image_find_symbol (const MdlElfImage *image, const char *name)
{
  for (guint i = 0; i < image->symbols->len; i++) {
    const MdlSymbol *s = &g_array_index (image->symbols, MdlSymbol, i);
    if (g_strcmp0 (s->name, name) == 0)
      return s;
  }
  return NULL;
}
