/*
 * sort.c: sorts pseudo-random arrays three ways (a hand-written quicksort,
 * a hand-written merge sort and picolibc's qsort), checks that the results
 * are ordered and agree, and prints samples and a checksum of each.
 *
 * Sorting is branchy, recursive and load/store heavy: a CPU model with a
 * wrong compare, branch offset or stack access gets a different order or
 * crashes.  All values are fixed-width so RV32 and RV64 print the same.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_N 2000

static int32_t input[MAX_N];
static int32_t by_quick[MAX_N];
static int32_t by_merge[MAX_N];
static int32_t by_qsort[MAX_N];
static int32_t scratch[MAX_N];

/* xorshift32: tiny, and the same sequence everywhere. */
static uint32_t rng_state;

static uint32_t
rng_next (void)
{
  uint32_t x = rng_state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  rng_state = x;
  return x;
}

static void
swap (int32_t *a, int32_t *b)
{
  int32_t t = *a;

  *a = *b;
  *b = t;
}

/* Lomuto partition around the median of three, recursing on the smaller side. */
static void
quick_sort (int32_t *v, int lo, int hi)
{
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int32_t pivot;
    int store = lo;

    if (v[mid] < v[lo])
      swap (&v[mid], &v[lo]);
    if (v[hi] < v[lo])
      swap (&v[hi], &v[lo]);
    if (v[hi] < v[mid])
      swap (&v[hi], &v[mid]);
    swap (&v[mid], &v[hi]);
    pivot = v[hi];

    for (int i = lo; i < hi; i++)
      if (v[i] < pivot)
        swap (&v[i], &v[store++]);
    swap (&v[store], &v[hi]);

    if (store - lo < hi - store) {
      quick_sort (v, lo, store - 1);
      lo = store + 1;
    } else {
      quick_sort (v, store + 1, hi);
      hi = store - 1;
    }
  }
}

/* Top-down merge sort of v[lo, hi) through tmp. */
static void
merge_sort (int32_t *v, int32_t *tmp, int lo, int hi)
{
  int mid, i, j, k;

  if (hi - lo < 2)
    return;
  mid = lo + (hi - lo) / 2;
  merge_sort (v, tmp, lo, mid);
  merge_sort (v, tmp, mid, hi);
  for (i = lo, j = mid, k = lo; k < hi; k++)
    tmp[k] = (j >= hi || (i < mid && v[i] <= v[j])) ? v[i++] : v[j++];
  memcpy (v + lo, tmp + lo, (size_t) (hi - lo) * sizeof *v);
}

static int
compare_int32 (const void *a, const void *b)
{
  int32_t x = *(const int32_t *) a, y = *(const int32_t *) b;

  /* Not x - y: that overflows for values of opposite sign. */
  return (x > y) - (x < y);
}

static bool
is_sorted (const int32_t *v, int n)
{
  for (int i = 1; i < n; i++)
    if (v[i - 1] > v[i])
      return false;
  return true;
}

/* FNV-1a over the values, so one line says whether all of them agree. */
static uint32_t
fingerprint (const int32_t *v, int n)
{
  uint32_t h = 2166136261u;

  for (int i = 0; i < n; i++) {
    uint32_t x = (uint32_t) v[i];

    for (int b = 0; b < 4; b++) {
      h ^= (x >> (8 * b)) & 0xff;
      h *= 16777619u;
    }
  }
  return h;
}

enum fill { FILL_RANDOM, FILL_SMALL_RANGE, FILL_ASCENDING, FILL_DESCENDING };

static const char *const fill_names[] = {
  "random", "small range", "ascending", "descending",
};

static void
fill (int32_t *v, int n, enum fill how)
{
  for (int i = 0; i < n; i++)
    switch (how) {
    case FILL_RANDOM:
      v[i] = (int32_t) rng_next ();
      break;
    case FILL_SMALL_RANGE:
      v[i] = (int32_t) (rng_next () % 10) - 5; /* many duplicates */
      break;
    case FILL_ASCENDING:
      v[i] = i * 3 - 1000;
      break;
    case FILL_DESCENDING:
      v[i] = 1000 - i * 7;
      break;
    }
}

static void
print_samples (const char *label, const int32_t *v, int n)
{
  printf ("  %-6s", label);
  for (int i = 0; i < n && i < 4; i++)
    printf (" %" PRId32, v[i]);
  printf (" ...");
  for (int i = n > 4 ? n - 4 : n; i < n; i++)
    printf (" %" PRId32, v[i]);
  printf ("\n");
}

static bool
run_case (int n, enum fill how)
{
  size_t bytes = (size_t) n * sizeof *input;
  bool ok;

  fill (input, n, how);
  memcpy (by_quick, input, bytes);
  memcpy (by_merge, input, bytes);
  memcpy (by_qsort, input, bytes);

  quick_sort (by_quick, 0, n - 1);
  merge_sort (by_merge, scratch, 0, n);
  qsort (by_qsort, (size_t) n, sizeof *by_qsort, compare_int32);

  ok = is_sorted (by_quick, n) && is_sorted (by_merge, n)
       && is_sorted (by_qsort, n) && memcmp (by_quick, by_merge, bytes) == 0
       && memcmp (by_quick, by_qsort, bytes) == 0;

  printf ("%s, n=%d: input %08" PRIx32 " sorted %08" PRIx32 " %s\n",
          fill_names[how], n, fingerprint (input, n), fingerprint (by_quick, n),
          ok ? "ok" : "MISMATCH");
  print_samples ("input", input, n);
  print_samples ("sorted", by_quick, n);
  if (!ok) {
    print_samples ("merge", by_merge, n);
    print_samples ("qsort", by_qsort, n);
  }
  return ok;
}

static int
compare_words (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Strings too: qsort with strcmp exercises byte loads and pointer arrays. */
static bool
sort_words (void)
{
  static const char *words[] = {
    "rv64", "uart", "clint", "hart", "medley", "qemu", "timer", "board",
    "a", "ab", "", "zz", "Zebra", "apple", "Apple", "m-mode",
  };
  const size_t n = sizeof words / sizeof words[0];
  bool ok = true;

  qsort (words, n, sizeof words[0], compare_words);
  printf ("words:");
  for (size_t i = 0; i < n; i++) {
    printf (" \"%s\"", words[i]);
    if (i > 0 && strcmp (words[i - 1], words[i]) > 0)
      ok = false;
  }
  printf ("\nwords %s\n", ok ? "ok" : "MISMATCH");
  return ok;
}

int
main (void)
{
  static const int sizes[] = { 1, 2, 17, 500, MAX_N };
  bool ok = true;

  printf ("sort test\n");
  rng_state = 0x2545f491u;
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
    ok &= run_case (sizes[s], FILL_RANDOM);
  ok &= run_case (MAX_N, FILL_SMALL_RANGE);
  ok &= run_case (300, FILL_ASCENDING);
  ok &= run_case (300, FILL_DESCENDING);
  ok &= sort_words ();

  printf ("%s\n", ok ? "all sorted" : "SORT FAILED");
  return ok ? 0 : 1;
}
