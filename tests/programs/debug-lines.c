/*
 * debug-lines.c: a small program for source-level debugging tests
 * (tests/engine/test-debuginfo.c, tests/app, tests/ui).  Built with -g at
 * -O0 and -Og.  The tests find lines by the L: markers in comments, never
 * by number, so the program may change.
 *
 * outer -> middle -> leaf is the 3-deep call; the globals cover base
 * types, a pointer, an array and a struct holding an array and a struct.
 * counter = 7 gives: outer (7), middle (8), leaf (9, {8, 16}) = 33,
 * middle = 66, outer = 75.
 */
#include <stdio.h>

struct point {
  int x;
  int y;
};

struct shape {
  char name[8];
  struct point corner;
  unsigned short sides;
};

int counter = 7;
long big = -123456;
unsigned char bytes[4] = { 1, 2, 3, 4 };
struct point origin = { 3, -4 };
struct shape square = { "square", { 10, 20 }, 4 };
int *counter_ptr = &counter;

static int __attribute__ ((noinline))
leaf (int depth, struct point *p)
{
  int sum = p->x + p->y; /* L:leaf-body */
  sum += depth;          /* L:leaf-next */
  return sum;            /* L:leaf-return */
}

static int __attribute__ ((noinline))
middle (int value)
{
  struct point local = { value, value * 2 }; /* L:middle-body */
  int result = leaf (value + 1, &local);     /* L:middle-call */
  return result * 2;                         /* L:middle-after */
}

static int __attribute__ ((noinline))
outer (int start)
{
  int values[3] = { start, start + 1, start + 2 }; /* L:outer-body */
  int total = middle (values[1]);                  /* L:outer-call */
  return total + values[2];                        /* L:outer-after */
}

/* Uses every global, so that the linker keeps them all. */
static long
globals_sum (void)
{
  return counter + big + bytes[3] + origin.y + square.corner.x + square.name[0] + *counter_ptr;
}

int
main (void)
{
  int answer = outer (counter); /* L:main-call */
  counter++;                    /* L:main-next */
  printf ("answer %d\n", answer); /* L:main-print */
  printf ("globals %ld\n", globals_sum ());
  return answer == 75 ? 0 : 1;
}
