/*
 * medmark.c: a CoreMark-like workload (written for Medley, not CoreMark's
 * code) for comparing the interpreter, the translating tier and QEMU on
 * the same RV32 and RV64 ELF (bench-medmark.py).
 *
 * Each iteration runs four kernels on small data that stays in cache, the
 * way CoreMark's do: a linked list (build, find, reverse, merge sort), a
 * 12x12 integer matrix multiply with a row/column fold, a state machine
 * that scans a text for numbers and words, and CRC-16 over every result.
 * The iteration count is fixed, so every run of a width executes the same
 * instructions; the checksum printed at the end must be the same in every
 * tier and in QEMU (it depends on neither the width nor the host).
 */
#include <stdint.h>
#include <stdio.h>

#ifndef MEDMARK_ITERATIONS
#define MEDMARK_ITERATIONS 6000
#endif

#define LIST_N 64
#define MAT_N  12

static uint16_t
crc16_byte (uint16_t crc, uint8_t b)
{
  crc ^= b;
  for (int i = 0; i < 8; i++)
    crc = crc & 1 ? (uint16_t) ((crc >> 1) ^ 0xa001u) : (uint16_t) (crc >> 1);
  return crc;
}

static uint16_t
crc16_u32 (uint16_t crc, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    crc = crc16_byte (crc, (uint8_t) (v >> (8 * i)));
  return crc;
}

/* ---- list --------------------------------------------------------------- */

typedef struct Node Node;
struct Node {
  Node    *next;
  int32_t  key;
  uint32_t value;
};

static Node pool[LIST_N];

static Node *
list_build (uint32_t seed)
{
  Node *head = NULL;

  for (int i = 0; i < LIST_N; i++) {
    seed = seed * 1103515245u + 12345u;
    pool[i].key = (int32_t) ((seed >> 8) & 0x3ff) - 512;
    pool[i].value = seed >> 16;
    pool[i].next = head;
    head = &pool[i];
  }
  return head;
}

static Node *
list_reverse (Node *head)
{
  Node *prev = NULL;

  while (head != NULL) {
    Node *next = head->next;
    head->next = prev;
    prev = head;
    head = next;
  }
  return prev;
}

static Node *
list_merge (Node *a, Node *b)
{
  Node dummy, *tail = &dummy;

  while (a != NULL && b != NULL) {
    if (a->key <= b->key) {
      tail->next = a;
      a = a->next;
    } else {
      tail->next = b;
      b = b->next;
    }
    tail = tail->next;
  }
  tail->next = a != NULL ? a : b;
  return dummy.next;
}

static Node *
list_sort (Node *head)
{
  Node *slow, *fast, *back;

  if (head == NULL || head->next == NULL)
    return head;
  slow = head;
  fast = head->next;
  while (fast != NULL && fast->next != NULL) {
    slow = slow->next;
    fast = fast->next->next;
  }
  back = slow->next;
  slow->next = NULL;
  return list_merge (list_sort (head), list_sort (back));
}

static uint16_t
kernel_list (uint16_t crc, uint32_t seed)
{
  Node *head = list_build (seed);
  uint32_t found = 0;

  /* Finds: count matches of a few keys. */
  for (int32_t k = -500; k < 500; k += 97)
    for (Node *n = head; n != NULL; n = n->next)
      if (n->key == k || (n->value & 0xff) == (uint32_t) (k & 0xff))
        found++;
  head = list_reverse (head);
  head = list_sort (head);
  for (Node *n = head; n != NULL; n = n->next)
    crc = crc16_u32 (crc, (uint32_t) n->key ^ n->value);
  return crc16_u32 (crc, found);
}

/* ---- matrix -------------------------------------------------------------- */

static int32_t ma[MAT_N][MAT_N], mb[MAT_N][MAT_N], mc[MAT_N][MAT_N];

static uint16_t
kernel_matrix (uint16_t crc, uint32_t seed)
{
  int32_t fold = 0;

  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      seed = seed * 1664525u + 1013904223u;
      ma[i][j] = (int32_t) (seed >> 24) - 128;
      mb[i][j] = (int32_t) ((seed >> 12) & 0xff) - 128;
    }
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      int32_t sum = 0;
      for (int k = 0; k < MAT_N; k++)
        sum += ma[i][k] * mb[k][j];
      mc[i][j] = sum;
    }
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++)
      fold += (mc[i][j] > 0 ? mc[i][j] >> 3 : -mc[i][j]) ^ (i * MAT_N + j);
  return crc16_u32 (crc, (uint32_t) fold);
}

/* ---- state machine --------------------------------------------------------- */

enum { S_START, S_INT, S_FRAC, S_EXP, S_WORD, S_INVALID, S_COUNT };

static const char text[] =
  "12 -3.5 7e9 abc x1 0.25 +44 9.9e-2 hello 3.. 1e 77 -0 word 5.5.5 e7 "
  "1024 2048 -17.125 q 8e+8 ... 42 answer 0x10 3.14159 end";

static uint16_t
kernel_state (uint16_t crc, uint32_t seed)
{
  uint32_t counts[S_COUNT] = { 0 };
  unsigned state = S_START, len = 0;

  /* The seed moves the start, so no two iterations scan alike. */
  for (unsigned i = seed % 7; i < sizeof text; i++) {
    char c = text[i];
    int digit = c >= '0' && c <= '9', alpha = (c >= 'a' && c <= 'z');

    if (c == ' ' || c == '\0') {
      if (len > 0)
        counts[state]++;
      state = S_START;
      len = 0;
      continue;
    }
    len++;
    switch (state) {
    case S_START:
      state = digit || c == '-' || c == '+' ? S_INT : alpha ? S_WORD : S_INVALID;
      break;
    case S_INT:
      state = digit ? S_INT : c == '.' ? S_FRAC : c == 'e' ? S_EXP : S_INVALID;
      break;
    case S_FRAC:
      state = digit ? S_FRAC : c == 'e' ? S_EXP : S_INVALID;
      break;
    case S_EXP:
      state = digit || c == '-' || c == '+' ? S_EXP : S_INVALID;
      break;
    case S_WORD:
      state = alpha || digit ? S_WORD : S_INVALID;
      break;
    default:
      break;
    }
  }
  for (unsigned s = 0; s < S_COUNT; s++)
    crc = crc16_u32 (crc, counts[s] * (s + 1));
  return crc;
}

int
main (void)
{
  uint16_t crc = 0xffff;

  for (uint32_t it = 0; it < MEDMARK_ITERATIONS; it++) {
    crc = kernel_list (crc, it * 2654435761u);
    crc = kernel_matrix (crc, it ^ crc);
    crc = kernel_state (crc, it + crc);
  }
  printf ("medmark: %u iterations, checksum 0x%04x\n", (unsigned) MEDMARK_ITERATIONS,
          (unsigned) crc);
  return 0;
}
