/* test-quotes-growth.c: the work of finding quotes grows no faster than n log n
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page that is one long run of opening marks, or of quote after quote, or
 * that names thousands of people, must not cost more than a little over twice
 * as much when it doubles in size. The work is counted by the finder itself
 * (characters and remembered names looked at), so the test does not depend on
 * the speed of the machine: a quadratic pass shows as a ratio near 4.
 */
#include "config.h"

#include "zr-page-parser.h"
#include "zr-quotes-private.h"

/* A record of @n_paragraphs paragraphs, each @units units long; @unit
 * makes unit number i (so that units can differ, as names do). */
typedef void (*UnitFunc) (GString *out,
                          guint    i);

static ZrRecord *
make_record (UnitFunc func,
             guint    n_paragraphs,
             guint    units)
{
  ZrRecord *r = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  guint i = 0;

  for (guint p = 0; p < n_paragraphs; p++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint u = 0; u < units; u++)
        func (s, i++);
      g_ptr_array_add (r->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, s->str, -1));
    }
  return r;
}

static guint64
steps_for (UnitFunc  func,
           guint     n_paragraphs,
           guint     units,
           guint    *out_quotes)
{
  g_autoptr(ZrRecord) r = make_record (func, n_paragraphs, units);
  g_autoptr(GPtrArray) q = NULL;
  guint64 steps = 0;

  q = _zr_quotes_extract_counted (r, &steps);
  if (out_quotes != NULL)
    *out_quotes = q->len;
  return steps;
}

/* Doubling the input may cost at most 2.5 times the work (n log n gives
 * about 2.1 at these sizes, n² gives 4). */
static void
assert_growth (UnitFunc func,
               guint    n_paragraphs,
               guint    units)
{
  guint64 small = steps_for (func, n_paragraphs, units, NULL);
  guint64 large = steps_for (func, n_paragraphs * (n_paragraphs > 1 ? 2 : 1),
                             units * (n_paragraphs > 1 ? 1 : 2), NULL);

  g_test_message ("%" G_GUINT64_FORMAT " -> %" G_GUINT64_FORMAT " steps", small, large);
  g_assert_cmpuint (small, >, 0);
  g_assert_cmpfloat ((double) large / (double) small, <=, 2.5);
}

static void
unit_open (GString *out,
           guint    i)
{
  g_string_append (out, "“");
}

static void
unit_open_words (GString *out,
                 guint    i)
{
  g_string_append (out, "“大家");
}

static void
unit_corner (GString *out,
             guint    i)
{
  g_string_append (out, "「");
}

static void
unit_ascii (GString *out,
            guint    i)
{
  g_string_append (out, "\"");
}

static void
unit_said_open (GString *out,
                guint    i)
{
  g_string_append (out, "他说：“");
}

static void
unit_quote (GString *out,
            guint    i)
{
  g_string_append (out, "“路修好了。”");
}

static void
unit_split_quote (GString *out,
                  guint    i)
{
  g_string_append (out, "“门前的路修好了，”他说，“灯也亮了。”");
}

/* A different person in every unit: 副局长 + surname + two given-name
 * characters taken in turn from a run of ordinary Han characters. */
static void
append_nth_char (GString    *out,
                 const char *chars,
                 guint       n)
{
  const char *p = g_utf8_offset_to_pointer (chars, n % g_utf8_strlen (chars, -1));

  g_string_append_len (out, p, g_utf8_next_char (p) - p);
}

static void
unit_named (GString *out,
            guint    i)
{
  static const char surnames[] = "王李张刘陈杨黄赵吴周";
  static const char given[] = "建国明华志伟海军文平春秋雪松竹梅兰菊芳勇";
  guint ns = g_utf8_strlen (surnames, -1), ng = g_utf8_strlen (given, -1);

  g_string_append (out, "副局长");
  append_nth_char (out, surnames, i);
  append_nth_char (out, given, i / ns);
  append_nth_char (out, given, i / ns / ng);
  g_string_append (out, "到场。");
}

static void
test_one_line_of_marks (void)
{
  /* the case: a line of opening marks and nothing else */
  assert_growth (unit_open, 1, 50000);
  assert_growth (unit_open_words, 1, 50000);
  assert_growth (unit_corner, 1, 50000);
  assert_growth (unit_ascii, 1, 50000);
  assert_growth (unit_said_open, 1, 50000);
}

static void
test_many_quotes (void)
{
  guint n = 0;

  assert_growth (unit_quote, 1, 20000);
  assert_growth (unit_split_quote, 1, 10000);
  /* and they are all still found */
  steps_for (unit_split_quote, 1, 1000, &n);
  g_assert_cmpuint (n, ==, 2000);
}

static void
test_many_people (void)
{
  /* 2000 and 4000 different names, each in a paragraph of its own */
  assert_growth (unit_named, 2000, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/quotes/growth/one-line-of-marks", test_one_line_of_marks);
  g_test_add_func ("/core/quotes/growth/many-quotes", test_many_quotes);
  g_test_add_func ("/core/quotes/growth/many-people", test_many_people);
  return g_test_run ();
}
